// checks::TreeLookup over a tree object: folders are read when a check asks
// for them, so a lookup costs the folders on the paths asked about.
#pragma once

#include "checks/tree_lookup.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>

struct git_repository;
struct git_tree;
struct git_tree_entry;

namespace preflight::git {

class GitTree : public checks::TreeLookup {
public:
  // Takes root (a tree of repo, which must outlive this).
  GitTree(git_repository* repo, git_tree* root);
  ~GitTree() override;
  std::vector<Entry> list(std::string_view dir) const override;
  bool contains(std::string_view path, bool or_folder) const override;
  std::vector<std::string> all_paths() const override;
  // The tree of folder dir ("" for the root), read once and kept as long as
  // this; null when dir is no folder.
  const git_tree* folder_tree(std::string_view dir) const;
  // The bytes of the file at path, or nullopt when there is none.
  std::optional<std::string> blob(std::string_view path) const;

private:
  struct Free {
    void operator()(git_tree* tree) const;
  };
  using Owned = std::unique_ptr<git_tree, Free>;
  // The folder dir's tree, or null when dir is no folder; read once. Under m_lock.
  const git_tree* folder(std::string_view dir) const;
  // The entry named by path (a file or folder) in its folder, or null; the
  // entry belongs to that folder's tree, kept as long as this. Under m_lock.
  const git_tree_entry* file_entry(std::string_view path) const;

  git_repository* m_repo;
  Owned m_root;
  mutable std::mutex m_lock;
  mutable std::map<std::string, Owned, std::less<>> m_folders;
};

} // namespace preflight::git
