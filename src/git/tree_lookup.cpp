#include "git/tree_lookup.hpp"

#include "git/handles.hpp"
#include "git/repository.hpp"

#include <git2.h>

#include <algorithm>

namespace preflight::git {

void GitTree::Free::operator()(git_tree* tree) const {
  git_tree_free(tree);
}

GitTree::GitTree(git_repository* repo, git_tree* root) : m_repo(repo), m_root(root) {}

GitTree::~GitTree() = default;

// Each folder is found in its parent's tree, read (and kept) once: a lookup
// per path would read every tree above it again, the object cache being off.
const git_tree* GitTree::folder(std::string_view dir) const {
  if (dir.empty())
    return m_root.get();
  auto it = m_folders.find(dir);
  if (it != m_folders.end())
    return it->second.get();
  git_tree* tree = nullptr;
  const git_tree_entry* entry = file_entry(dir);
  if (entry && git_tree_entry_type(entry) == GIT_OBJECT_TREE)
    check(git_tree_lookup(&tree, m_repo, git_tree_entry_id(entry)),
          "cannot read " + std::string(dir));
  return m_folders.emplace(std::string(dir), Owned(tree)).first->second.get();
}

const git_tree* GitTree::folder_tree(std::string_view dir) const {
  std::lock_guard lock(m_lock);
  return folder(dir);
}

std::vector<checks::TreeLookup::Entry> GitTree::list(std::string_view dir) const {
  std::lock_guard lock(m_lock);
  std::vector<Entry> out;
  const git_tree* tree = folder(dir);
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

const git_tree_entry* GitTree::file_entry(std::string_view path) const {
  if (path.empty())
    return nullptr;
  auto slash = path.rfind('/');
  const git_tree* parent = folder(slash == std::string_view::npos ? "" : path.substr(0, slash));
  std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  return parent ? git_tree_entry_byname(parent, name.c_str()) : nullptr;
}

bool GitTree::contains(std::string_view path, bool or_folder) const {
  std::lock_guard lock(m_lock);
  const git_tree_entry* entry = file_entry(path);
  return entry && (or_folder || git_tree_entry_type(entry) != GIT_OBJECT_TREE);
}

std::optional<std::string> GitTree::blob(std::string_view path) const {
  const git_tree_entry* entry = nullptr;
  {
    std::lock_guard lock(m_lock);
    entry = file_entry(path);
  }
  git_blob* blob = nullptr;
  if (!entry || git_tree_entry_type(entry) != GIT_OBJECT_BLOB ||
      git_blob_lookup(&blob, m_repo, git_tree_entry_id(entry)) < 0)
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
