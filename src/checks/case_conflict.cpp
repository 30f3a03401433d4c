// case-conflict: refuses a commit whose tree has two names that differ only in
// case ("README.md" and "readme.md", or folders "Data/" and "data/"), when the
// commit adds or changes one of them. Why: on macOS and Windows only one of them
// can exist, so checkouts there are broken. Compared with ASCII case folding.
#include "checks/content.hpp"
#include "checks/glob.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

namespace preflight::checks {

namespace {

std::string fold(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool touches(std::string_view name, const std::vector<FileChange>& changes) {
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
  // Every path and every folder above it, by folded name; only names that
  // meet another spelling are kept (one hash lookup per name, no sort of the
  // whole tree).
  std::unordered_map<std::string, std::string_view> first;
  first.reserve(input.tree_paths.size() * 2);
  std::map<std::string, std::vector<std::string_view>> by_folded;
  auto add = [&](std::string_view name) {
    std::string folded = fold(name);
    auto [it, inserted] = first.try_emplace(folded, name);
    if (inserted || it->second == name)
      return;
    auto& names = by_folded[std::move(folded)];
    if (names.empty())
      names.push_back(it->second);
    if (std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  };
  for (const std::string& path : input.tree_paths) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
      add(std::string_view(path).substr(0, slash));
    add(path);
  }
  const GlobList allow(rules.get_strings("checks.case_conflicts.allow"));
  for (auto& [folded, names] : by_folded) {
    std::sort(names.begin(), names.end());
    bool changed = std::any_of(names.begin(), names.end(),
                               [&](std::string_view n) { return touches(n, input.changes); });
    bool is_allowed = std::any_of(names.begin(), names.end(), [&](std::string_view n) {
      return allow.first_match(n) != nullptr;
    });
    if (!changed || is_allowed)
      continue;
    std::string list;
    for (std::string_view name : names)
      list += (list.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    report::Finding finding;
    finding.check = "case-conflict";
    finding.path = std::string(names.back());
    finding.message = "names differ only in case: " + list;
    finding.hint = "rename one of them (git mv); macOS and Windows can keep only one";
    out.add(std::move(finding));
  }
}

} // namespace preflight::checks
