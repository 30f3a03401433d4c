#include "git/tree_lookup.hpp"

#include "git/handles.hpp"
#include "git/repository.hpp"

#include <git2.h>

#include <algorithm>

namespace preflight::git {

namespace {

using EntryPtr = Owned<git_tree_entry, git_tree_entry_free>;

} // namespace

void GitTree::Free::operator()(git_tree* tree) const {
  git_tree_free(tree);
}

GitTree::GitTree(git_repository* repo, git_tree* root) : m_repo(repo), m_root(root) {}

GitTree::~GitTree() = default;

const git_tree* GitTree::folder(const std::string& dir) const {
  if (dir.empty())
    return m_root.get();
  auto it = m_folders.find(dir);
  if (it != m_folders.end())
    return it->second.get();
  git_tree_entry* raw = nullptr;
  git_tree* tree = nullptr;
  if (git_tree_entry_bypath(&raw, m_root.get(), dir.c_str()) == 0) {
    EntryPtr entry(raw);
    if (git_tree_entry_type(raw) == GIT_OBJECT_TREE)
      check(git_tree_lookup(&tree, m_repo, git_tree_entry_id(raw)), "cannot read " + dir);
  }
  return m_folders.emplace(dir, Owned(tree)).first->second.get();
}

std::vector<checks::TreeLookup::Entry> GitTree::list(std::string_view dir) const {
  std::lock_guard lock(m_lock);
  std::vector<Entry> out;
  const git_tree* tree = folder(std::string(dir));
  if (!tree)
    return out;
  std::size_t count = git_tree_entrycount(tree);
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
    out.push_back({git_tree_entry_name(entry), git_tree_entry_type(entry) == GIT_OBJECT_TREE});
  }
  return out;
}

bool GitTree::contains(std::string_view path, bool or_folder) const {
  git_tree_entry* raw = nullptr;
  if (path.empty() || git_tree_entry_bypath(&raw, m_root.get(), std::string(path).c_str()) != 0)
    return false;
  EntryPtr entry(raw);
  return or_folder || git_tree_entry_type(raw) != GIT_OBJECT_TREE;
}

std::optional<std::string> GitTree::blob(std::string_view path) const {
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, m_root.get(), std::string(path).c_str()) != 0)
    return std::nullopt;
  EntryPtr entry(raw);
  git_blob* blob = nullptr;
  if (git_tree_entry_type(raw) != GIT_OBJECT_BLOB ||
      git_blob_lookup(&blob, m_repo, git_tree_entry_id(raw)) < 0)
    return std::nullopt;
  std::string bytes(static_cast<const char*>(git_blob_rawcontent(blob)),
                    static_cast<std::size_t>(git_blob_rawsize(blob)));
  git_blob_free(blob);
  return bytes;
}

std::vector<std::string> GitTree::all_paths() const {
  std::vector<std::string> paths;
  auto visit = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
    if (git_tree_entry_type(entry) != GIT_OBJECT_TREE)
      static_cast<std::vector<std::string>*>(payload)->push_back(std::string(root) +
                                                                 git_tree_entry_name(entry));
    return 0;
  };
  check(git_tree_walk(m_root.get(), GIT_TREEWALK_PRE, visit, &paths), "cannot list a tree");
  std::sort(paths.begin(), paths.end());
  return paths;
}

} // namespace preflight::git
