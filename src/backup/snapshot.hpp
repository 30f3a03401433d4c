// Snapshots of uncommitted work in `git stash` format (see snapshot.cpp), used
// by safe-reset's wip backups and by the team commands' unstaged-changes guard.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::backup {

using git::Repository;

// Snapshots the index and working tree (untracked files too when asked) as a
// `git stash create`-format commit without touching either; nullopt when
// nothing differs from HEAD. Throws Error on unresolved conflicts, and on an
// unborn HEAD unless allow_unborn (then the snapshot has no HEAD parent).
std::optional<std::string> snapshot_worktree(const Repository& repo, bool untracked,
                                             const std::string& branch_label,
                                             bool allow_unborn = false);

// Snapshots the given untracked files (paths relative to the worktree root) as a
// `git stash`-format commit whose index and working-tree trees are HEAD's, and
// whose untracked tree holds the files as they are on disk (no clean filter;
// symbolic links as links, the executable bit kept), so that `git stash apply
// --index` brings back exactly those bytes. Throws Error on an unborn HEAD.
std::string snapshot_files(const Repository& repo, const std::vector<std::string>& paths,
                           const std::string& branch_label);

// The untracked files of a snapshot (its third parent) that exist in the working
// tree with the same content, relative to the worktree root. `git reset --hard`
// leaves untracked files alone, and `git stash apply` refuses to overwrite them.
std::vector<std::string> identical_untracked(const Repository& repo, const std::string& snapshot);

} // namespace preflight::backup
