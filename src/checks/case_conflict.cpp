// case-conflict: refuses a commit whose tree has two names that differ only in
// case ("README.md" and "readme.md", or folders "Data/" and "data/", or a file
// "data" beside a folder "Data/"), when the commit adds or changes one of them.
// Why: on macOS and Windows only one of them can exist, so checkouts there are
// broken. Compared with ASCII case folding.
//
// Only the folders on each changed path are read: a name that folds like a
// changed path's prefix sits in a folder that folds like that prefix's parent,
// so walking from the root through every folder whose path folds alike finds
// every clash a changed path takes part in, at the cost of the folders on the
// path rather than of the whole tree.
#include "checks/content.hpp"
#include "checks/glob.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace preflight::checks {

namespace {

std::string join(std::string_view dir, std::string_view name) {
  return dir.empty() ? std::string(name) : std::string(dir) + "/" + std::string(name);
}

// A folder's entries by folded name, each folder listed once per check.
class FoldedFolders {
public:
  explicit FoldedFolders(const TreeLookup& tree) : m_tree(tree) {}
  const std::vector<TreeLookup::Entry>* find(const std::string& dir, const std::string& folded) {
    auto [it, inserted] = m_folders.try_emplace(dir);
    if (inserted)
      for (TreeLookup::Entry& entry : m_tree.list(dir)) {
        std::string key = fold_case(entry.name);
        it->second[std::move(key)].push_back(std::move(entry));
      }
    auto found = it->second.find(folded);
    return found == it->second.end() ? nullptr : &found->second;
  }

private:
  const TreeLookup& m_tree;
  std::unordered_map<std::string, std::unordered_map<std::string, std::vector<TreeLookup::Entry>>>
      m_folders;
};

} // namespace

std::string fold_case(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') // ASCII only, whatever the locale
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::map<std::string, std::vector<std::string>>
case_clashes(const TreeLookup& tree, const std::vector<FileChange>& changes) {
  std::map<std::string, std::vector<std::string>> by_folded;
  FoldedFolders folders(tree);
  // The folders whose paths fold like prefix, after looking for clashes of
  // prefix's last part among them (and recording one). Changed files share
  // their folders, so each folded folder prefix is walked once.
  std::unordered_map<std::string, std::vector<std::string>> walked;
  auto step = [&](const std::vector<std::string>& dirs, std::string_view path, std::size_t start) {
    std::string folded = fold_case(path.substr(start));
    // Mostly the one name of the path itself, a file: nothing to list.
    std::size_t found = 0;
    bool any_folder = false;
    for (const std::string& dir : dirs)
      if (const auto* entries = folders.find(dir, folded)) {
        found += entries->size();
        any_folder = any_folder || std::any_of(entries->begin(), entries->end(),
                                               [](const auto& entry) { return entry.folder; });
      }
    if (found < 2 && !any_folder)
      return std::vector<std::string>();
    std::vector<std::string> names, next;
    for (const std::string& dir : dirs)
      if (const auto* entries = folders.find(dir, folded))
        for (const TreeLookup::Entry& entry : *entries) {
          names.push_back(join(dir, entry.name));
          if (entry.folder)
            next.push_back(names.back());
        }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (names.size() > 1)
      by_folded.try_emplace(fold_case(path), std::move(names));
    return next;
  };
  // The last changed file's folder, as written, and the folders that fold like
  // it: files of one folder come together, and share them.
  std::string_view last_dir;
  std::vector<std::string> last_dirs;
  bool have_last = false;
  for (const FileChange& change : changes) {
    std::string_view path = change.path;
    std::size_t cut = path.rfind('/');
    std::string_view dir = cut == std::string_view::npos ? std::string_view() : path.substr(0, cut);
    if (!have_last || dir != last_dir) {
      std::vector<std::string> dirs = {""}; // folders whose paths fold like the prefix so far
      for (std::size_t start = 0; !dirs.empty() && start < dir.size() + (dir.empty() ? 0 : 1);) {
        std::size_t end = std::min(path.find('/', start), dir.size());
        std::string key = fold_case(path.substr(0, end));
        if (auto it = walked.find(key); it != walked.end()) {
          dirs = it->second;
        } else {
          dirs = step(dirs, path.substr(0, end), start);
          walked.emplace(std::move(key), dirs);
        }
        start = end + 1;
      }
      last_dir = dir, last_dirs = std::move(dirs), have_last = true;
    }
    if (!last_dirs.empty())
      step(last_dirs, path, dir.empty() ? 0 : dir.size() + 1);
  }
  return by_folded;
}

void check_case_conflicts(const config::Config& rules, const ContentInput& input,
                          report::Report& out) {
  PathListTree listed(input.tree_paths);
  const TreeLookup& tree = input.tree ? *input.tree : listed;
  const GlobList allow(rules.get_strings("checks.case_conflicts.allow"));
  for (auto& [folded, names] : case_clashes(tree, input.changes)) {
    bool is_allowed = std::any_of(names.begin(), names.end(), [&](std::string_view n) {
      return allow.first_match(n) != nullptr;
    });
    if (is_allowed)
      continue;
    std::string list;
    for (std::string_view name : names)
      list += (list.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    report::Finding finding;
    finding.check = "case-conflict";
    finding.path = names.back();
    finding.message = "names differ only in case: " + list;
    finding.hint = "rename one of them (git mv); macOS and Windows can keep only one";
    out.add(std::move(finding));
  }
}

} // namespace preflight::checks
