#include "install/notebook_filter.hpp"

#include "git/config_edit.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

namespace preflight::install {
namespace fs = std::filesystem;

namespace {

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

fs::path attributes_file(const git::Repository& repo) {
  return repo.common_dir() / "info" / "attributes";
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

std::vector<std::string> install_notebook_filter(const git::Repository& repo,
                                                 const fs::path& preflight) {
  std::vector<std::string> changes;
  for (const Key& key : config_keys(preflight)) {
    if (git::local_config(repo, key.name) == key.value)
      continue;
    git::set_local_config(repo, key.name, key.value);
    changes.push_back(key.name + ": set to " + key.value);
  }
  fs::path file = attributes_file(repo);
  std::string text = read_file_if_exists(file).value_or("");
  if (!has_line(lines_of(text), notebook_attributes_line())) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (!text.empty() && text.back() != '\n')
      text += '\n';
    text += std::string(k_comment) + "\n" + notebook_attributes_line() + "\n";
    write_file_atomic(file, text);
    changes.push_back(file.string() + ": added " + notebook_attributes_line());
  }
  return changes;
}

std::vector<std::string> uninstall_notebook_filter(const git::Repository& repo) {
  std::vector<std::string> changes;
  for (const Key& key : config_keys("preflight"))
    if (git::unset_local_config(repo, key.name))
      changes.push_back(key.name + ": removed");
  fs::path file = attributes_file(repo);
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

bool notebook_filter_installed(const git::Repository& repo) {
  std::string driver(k_notebook_driver);
  if (!git::local_config(repo, "filter." + driver + ".process"))
    return false;
  std::optional<std::string> text = read_file_if_exists(attributes_file(repo));
  return text && has_line(lines_of(*text), notebook_attributes_line());
}

} // namespace preflight::install
