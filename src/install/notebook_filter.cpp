#include "install/notebook_filter.hpp"

#include "git/config_edit.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <cstdlib>
#include <unistd.h>

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

std::string process_key() {
  return "filter." + std::string(k_notebook_driver) + ".process";
}
std::string required_key() {
  return "filter." + std::string(k_notebook_driver) + ".required";
}
std::string textconv_key() {
  return "diff." + std::string(k_notebook_driver) + ".textconv";
}

std::vector<Key> config_keys(const FilterCommands& commands, bool textconv) {
  std::vector<Key> keys = {{process_key(), commands.process}, {required_key(), "false"}};
  if (textconv)
    keys.push_back({textconv_key(), commands.textconv});
  return keys;
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

// The attributes lines preflight writes, with or without the textconv.
bool is_our_line(std::string_view line) {
  return line == notebook_attributes_line(false) || line == notebook_attributes_line(true) ||
         line == k_comment;
}

// text without our lines; the lines removed are added to removed.
std::string without_our_lines(const std::string& text, std::vector<std::string>& removed) {
  std::string kept;
  for (const std::string& line : lines_of(text)) {
    if (is_our_line(line)) {
      if (line != k_comment)
        removed.push_back(line);
      continue;
    }
    kept += line + "\n";
  }
  return kept;
}

} // namespace

std::string notebook_attributes_line(bool textconv) {
  std::string driver(k_notebook_driver);
  return "*.ipynb filter=" + driver + (textconv ? " diff=" + driver : "");
}

FilterCommands libexec_filter_commands(const fs::path& libexec) {
  FilterCommands commands;
  for (auto [name, command] : {std::pair{"notebook-filter", &commands.process},
                               std::pair{"notebook-textconv", &commands.textconv}}) {
    fs::path program = libexec / name;
    if (::access(program.c_str(), X_OK) != 0)
      throw Error("notebook filter program missing: " + program.string() +
                  " (reinstall preflight)");
    *command = shell_word(program.string());
  }
  return commands;
}

FilterCommands program_filter_commands(const fs::path& program) {
  std::string self = shell_word(program.string());
  return {self + " filter-process", self + " nbstrip --textconv --rules"};
}

fs::path self_path() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw Error("cannot find the preflight binary (/proc/self/exe): " + ec.message());
  return self;
}

std::vector<std::string> install_notebook_filter(const git::Repository* repo,
                                                 const FilterCommands& commands, bool textconv,
                                                 const FilterPlace& place) {
  ScopeConfig config(repo, place.scope);
  std::vector<std::string> changes;
  for (const Key& key : config_keys(commands, textconv)) {
    if (config.get(key.name) == key.value)
      continue;
    config.set(key.name, key.value);
    changes.push_back(key.name + ": set to " + key.value);
  }
  if (!textconv && config.unset(textconv_key()))
    changes.push_back(textconv_key() + ": removed (notebooks.diff_textconv is off)");
  fs::path file = attributes_file(repo, place);
  std::string text = read_file_if_exists(file).value_or("");
  std::string wanted = notebook_attributes_line(textconv);
  if (!has_line(lines_of(text), wanted) ||
      has_line(lines_of(text), notebook_attributes_line(!textconv))) {
    std::vector<std::string> replaced;
    text = without_our_lines(text, replaced);
    std::error_code ec;
    if (file.has_parent_path())
      fs::create_directories(file.parent_path(), ec);
    text += std::string(k_comment) + "\n" + wanted + "\n";
    write_file_atomic(file, text);
    for (const std::string& line : replaced)
      if (line != wanted)
        changes.push_back(file.string() + ": removed " + line);
    changes.push_back(file.string() + ": added " + wanted);
  }
  return changes;
}

std::vector<std::string> uninstall_notebook_filter(const git::Repository* repo,
                                                   const FilterPlace& place) {
  ScopeConfig config(repo, place.scope);
  std::vector<std::string> changes;
  for (const std::string& key : {process_key(), required_key(), textconv_key()})
    if (config.unset(key))
      changes.push_back(key + ": removed");
  fs::path file = attributes_file(repo, place);
  std::optional<std::string> text = read_file_if_exists(file);
  if (!text)
    return changes;
  std::vector<std::string> removed;
  std::string kept = without_our_lines(*text, removed);
  if (removed.empty())
    return changes;
  if (kept.empty()) {
    std::error_code ec;
    fs::remove(file, ec);
  } else {
    write_file_atomic(file, kept);
  }
  for (const std::string& line : removed)
    changes.push_back(file.string() + ": removed " + line);
  return changes;
}

FilterState notebook_filter_state(const git::Repository* repo, const FilterPlace& place) {
  ScopeConfig config(repo, place.scope);
  FilterState state;
  for (const std::string& key : {process_key(), required_key(), textconv_key()})
    state.config.emplace_back(key, config.get(key).value_or(""));
  std::string driver(k_notebook_driver);
  if (place.scope == Scope::local) {
    // Whichever file says it (info/attributes, .gitattributes, core.attributesFile).
    state.filter_attribute = git::attribute_value(*repo, "*.ipynb", "filter").value_or("");
    state.diff_attribute = git::attribute_value(*repo, "*.ipynb", "diff").value_or("");
  } else if (std::optional<std::string> text = read_file_if_exists(attributes_file(repo, place))) {
    std::vector<std::string> lines = lines_of(*text);
    if (has_line(lines, notebook_attributes_line(true)))
      state.filter_attribute = state.diff_attribute = driver;
    else if (has_line(lines, notebook_attributes_line(false)))
      state.filter_attribute = driver;
  }
  state.installed = !state.config.front().second.empty() && state.filter_attribute == driver;
  return state;
}

std::optional<std::string> notebook_filter_difference(const git::Repository& repo,
                                                      const FilterCommands& commands,
                                                      const FilterCommands& earlier,
                                                      bool textconv) {
  ScopeConfig config(&repo, Scope::local);
  std::optional<std::string> process = config.get(process_key());
  if (process == earlier.process)
    return process_key() + " is `" + *process +
           "`, an earlier set-up that git starts through a "
           "shell, not `" +
           commands.process + "`";
  std::optional<std::string> textconv_command = config.get(textconv_key());
  if (textconv && !textconv_command)
    return textconv_key() + " is unset while notebooks.diff_textconv is on";
  if (!textconv && textconv_command)
    return textconv_key() + " is set while notebooks.diff_textconv is off";
  std::string driver(k_notebook_driver);
  bool diff = git::attribute_value(repo, "*.ipynb", "diff").value_or("") == driver;
  if (textconv && !diff)
    return "*.ipynb has no diff=" + driver + " attribute while notebooks.diff_textconv is on";
  if (!textconv && diff)
    return "*.ipynb has the diff=" + driver + " attribute while notebooks.diff_textconv is off";
  return std::nullopt;
}

} // namespace preflight::install
