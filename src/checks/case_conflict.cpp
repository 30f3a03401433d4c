// case-conflict: refuses a commit whose tree has two names that differ only in
// case ("README.md" and "readme.md", or folders "Data/" and "data/"), when the
// commit adds or changes one of them. Why: on macOS and Windows only one of them
// can exist, so checkouts there are broken. Compared with ASCII case folding.
#include "checks/content.hpp"
#include "checks/glob.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace preflight::checks {

namespace {

std::string fold(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Every path and every folder above it.
std::vector<std::string> names_and_folders(const std::vector<std::string>& paths) {
  std::vector<std::string> names;
  for (const std::string& path : paths) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
      names.push_back(path.substr(0, slash));
    names.push_back(path);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

bool touches(const std::string& name, const std::vector<FileChange>& changes) {
  for (const FileChange& change : changes)
    if (change.path == name ||
        (change.path.size() > name.size() && change.path.compare(0, name.size(), name) == 0 &&
         change.path[name.size()] == '/'))
      return true;
  return false;
}

} // namespace

void check_case_conflicts(const config::Config& rules, const ContentInput& input,
                          report::Report& out) {
  std::map<std::string, std::vector<std::string>> by_folded;
  for (const std::string& name : names_and_folders(input.tree_paths))
    by_folded[fold(name)].push_back(name);
  auto allow = rules.get_strings("checks.case_conflicts.allow");
  for (const auto& [folded, names] : by_folded) {
    if (names.size() < 2)
      continue;
    bool changed = std::any_of(names.begin(), names.end(),
                               [&](const std::string& n) { return touches(n, input.changes); });
    bool is_allowed = std::any_of(names.begin(), names.end(),
                                  [&](const std::string& n) { return first_match(allow, n); });
    if (!changed || is_allowed)
      continue;
    std::string list;
    for (const std::string& name : names)
      list += (list.empty() ? "\"" : ", \"") + name + "\"";
    report::Finding finding;
    finding.check = "case-conflict";
    finding.path = names.back();
    finding.message = "names differ only in case: " + list;
    finding.hint = "rename one of them (git mv); macOS and Windows can keep only one";
    out.add(std::move(finding));
  }
}

} // namespace preflight::checks
