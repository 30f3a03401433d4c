#include "install/notebook_filter.hpp"

#include "git/config_edit.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <cstdlib>

namespace preflight::install {
namespace fs = std::filesystem;

namespace {

using Scope = FilterPlace::Scope;

constexpr std::string_view k_comment =
    "# preflight: notebooks stripped on git add (preflight uninstall removes this)";

struct Key {
  std::string name;
  std::string value;
};

std::vector<Key> config_keys(const fs::path& preflight) {
  std::string driver(k_notebook_driver);
  std::string self = shell_word(preflight.string());
  return {{"filter." + driver + ".process", self + " filter-process"},
          {"filter." + driver + ".required", "false"},
          {"diff." + driver + ".textconv", self + " nbstrip --textconv --rules"}};
}

// One scope's config: the repository's file (through libgit2) or the user's
// or the system's (through git, which knows where they are).
class ScopeConfig {
public:
  ScopeConfig(const git::Repository* repo, Scope scope) : m_repo(repo), m_scope(scope) {
    if (scope == Scope::local && !repo)
      throw Error("not in a git repository (--global or --system set up every repository)");
  }
  std::optional<std::string> get(const std::string& key) const {
    return m_repo && m_scope == Scope::local ? git::local_config(*m_repo, key)
                                             : git::scope_config(user(), key);
  }
  void set(const std::string& key, const std::string& value) const {
    if (m_scope == Scope::local)
      git::set_local_config(*m_repo, key, value);
    else
      git::set_scope_config(user(), key, value);
  }
  bool unset(const std::string& key) const {
    return m_scope == Scope::local ? git::unset_local_config(*m_repo, key)
                                   : git::unset_scope_config(user(), key);
  }

private:
  git::UserScope user() const {
    return m_scope == Scope::global ? git::UserScope::global : git::UserScope::system;
  }
  const git::Repository* m_repo;
  Scope m_scope;
};

fs::path expand_home(const fs::path& path) {
  std::string text = path.string();
  const char* home = std::getenv("HOME");
  if (home && (text == "~" || text.starts_with("~/")))
    return fs::path(home) / text.substr(text.size() > 1 ? 2 : 1);
  return path;
}

fs::path attributes_file(const git::Repository* repo, const FilterPlace& place) {
  if (place.attributes)
    return expand_home(*place.attributes);
  if (place.scope == Scope::local)
    return repo->common_dir() / "info" / "attributes";
  if (auto configured = ScopeConfig(repo, place.scope).get("core.attributesFile"))
    return expand_home(*configured);
  if (place.scope == Scope::system)
    return "/etc/gitattributes";
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg)
    return fs::path(xdg) / "git" / "attributes";
  return expand_home("~/.config/git/attributes");
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool has_line(const std::vector<std::string>& lines, std::string_view wanted) {
  for (const std::string& line : lines)
    if (line == wanted)
      return true;
  return false;
}

} // namespace

std::string notebook_attributes_line() {
  std::string driver(k_notebook_driver);
  return "*.ipynb filter=" + driver + " diff=" + driver;
}

fs::path self_path() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw Error("cannot find the preflight binary (/proc/self/exe): " + ec.message());
  return self;
}

std::vector<std::string> install_notebook_filter(const git::Repository* repo,
                                                 const fs::path& preflight,
                                                 const FilterPlace& place) {
  ScopeConfig config(repo, place.scope);
  std::vector<std::string> changes;
  for (const Key& key : config_keys(preflight)) {
    if (config.get(key.name) == key.value)
      continue;
    config.set(key.name, key.value);
    changes.push_back(key.name + ": set to " + key.value);
  }
  fs::path file = attributes_file(repo, place);
  std::string text = read_file_if_exists(file).value_or("");
  if (!has_line(lines_of(text), notebook_attributes_line())) {
    std::error_code ec;
    if (file.has_parent_path())
      fs::create_directories(file.parent_path(), ec);
    if (!text.empty() && text.back() != '\n')
      text += '\n';
    text += std::string(k_comment) + "\n" + notebook_attributes_line() + "\n";
    write_file_atomic(file, text);
    changes.push_back(file.string() + ": added " + notebook_attributes_line());
  }
  return changes;
}

std::vector<std::string> uninstall_notebook_filter(const git::Repository* repo,
                                                   const FilterPlace& place) {
  ScopeConfig config(repo, place.scope);
  std::vector<std::string> changes;
  for (const Key& key : config_keys("preflight"))
    if (config.unset(key.name))
      changes.push_back(key.name + ": removed");
  fs::path file = attributes_file(repo, place);
  std::optional<std::string> text = read_file_if_exists(file);
  if (!text)
    return changes;
  std::vector<std::string> lines = lines_of(*text);
  if (!has_line(lines, notebook_attributes_line()))
    return changes;
  std::string kept;
  for (const std::string& line : lines)
    if (line != notebook_attributes_line() && line != k_comment)
      kept += line + "\n";
  if (kept.empty()) {
    std::error_code ec;
    fs::remove(file, ec);
  } else {
    write_file_atomic(file, kept);
  }
  changes.push_back(file.string() + ": removed " + notebook_attributes_line());
  return changes;
}

FilterState notebook_filter_state(const git::Repository* repo, const FilterPlace& place) {
  ScopeConfig config(repo, place.scope);
  FilterState state;
  bool configured = true;
  for (const Key& key : config_keys("preflight")) {
    std::optional<std::string> value = config.get(key.name);
    if (!value && !key.name.ends_with(".required"))
      configured = false;
    state.config.emplace_back(key.name, value.value_or(""));
  }
  std::string driver(k_notebook_driver);
  if (place.scope == Scope::local) {
    // Whichever file says it (info/attributes, .gitattributes, core.attributesFile).
    state.filter_attribute = git::attribute_value(*repo, "*.ipynb", "filter").value_or("");
    state.diff_attribute = git::attribute_value(*repo, "*.ipynb", "diff").value_or("");
  } else {
    std::optional<std::string> text = read_file_if_exists(attributes_file(repo, place));
    if (text && has_line(lines_of(*text), notebook_attributes_line()))
      state.filter_attribute = state.diff_attribute = driver;
  }
  state.installed = configured && state.filter_attribute == driver;
  return state;
}

} // namespace preflight::install
