#include "cli/init_files.hpp"

#include "util/strings.hpp"

#include <fnmatch.h>
#include <set>
#include <system_error>

namespace preflight::cli {

namespace fs = std::filesystem;

namespace {

std::string normalise(std::string_view line) {
  std::string out(trim(line));
  if (out.starts_with("**/"))
    out.erase(0, 3);
  while (out.size() > 1 && out.back() == '/')
    out.pop_back();
  return out;
}

bool pattern_line(std::string_view line) {
  std::string_view t = trim(line);
  return !t.empty() && t.front() != '#' && t.front() != '!';
}

bool covers(const std::string& existing, const std::string& entry) {
  if (existing == entry)
    return true;
  if (existing.find_first_of("*?[") == std::string::npos)
    return false;
  return ::fnmatch(existing.c_str(), entry.c_str(), FNM_PATHNAME) == 0;
}

} // namespace

GitignoreMerge merge_gitignore(std::string_view existing, std::string_view template_text,
                               std::string_view template_name) {
  std::vector<std::string> present;
  for (std::string_view line : lines_of(existing))
    if (pattern_line(line))
      present.push_back(normalise(line));
  GitignoreMerge result;
  std::set<std::string> seen;
  for (std::string_view line : lines_of(template_text)) {
    if (!pattern_line(line))
      continue;
    std::string entry(trim(line));
    std::string key = normalise(entry);
    if (!seen.insert(key).second)
      continue;
    bool covered = false;
    for (const std::string& have : present)
      covered = covered || covers(have, key);
    if (!covered)
      result.added.push_back(entry);
  }
  result.text = std::string(existing);
  if (result.added.empty())
    return result;
  std::string eol = existing.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  if (!existing.empty() && existing.back() != '\n')
    result.text += eol;
  if (!existing.empty())
    result.text += eol;
  result.text += "# Added by `preflight init --template " + std::string(template_name) + "`" + eol;
  for (const std::string& entry : result.added)
    result.text += entry + eol;
  return result;
}

std::optional<std::string> find_ml_file(const fs::path& root, std::size_t max_entries) {
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  std::size_t seen = 0;
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (++seen > max_entries)
      break;
    const fs::directory_entry& entry = *it;
    std::string name = entry.path().filename().string();
    if (entry.is_symlink(ec)) {
      continue; // recursive_directory_iterator does not follow links by default
    }
    if (entry.is_directory(ec)) {
      if (name == ".git" || name == "node_modules" || name == ".venv")
        it.disable_recursion_pending();
      continue;
    }
    std::string ext = entry.path().extension().string();
    if (ext == ".ipynb" || ext == ".pt" || ext == ".pth")
      return fs::relative(entry.path(), root, ec).generic_string();
  }
  return std::nullopt;
}

} // namespace preflight::cli
