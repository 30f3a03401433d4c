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

// The untracked files of a snapshot (its third parent) that exist in the working
// tree with the same content, relative to the worktree root. `git reset --hard`
// leaves untracked files alone, and `git stash apply` refuses to overwrite them.
std::vector<std::string> identical_untracked(const Repository& repo, const std::string& snapshot);

} // namespace preflight::backup
