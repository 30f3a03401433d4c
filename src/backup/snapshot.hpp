// Snapshots of uncommitted work in `git stash` format (see snapshot.cpp), used
// by safe-reset's wip backups, by the team commands' unstaged-changes guard and
// by `preflight backup restore`, which puts one back exactly (snapshot_restore.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::backup {

using git::Repository;

// Which untracked files (never ignored ones) a snapshot keeps, in its third parent.
enum class Untracked {
  none,
  all,
  overwritten, // only those at a path where one of SnapshotOptions::overwriters has a file or
               // folder (or a file above it): what a reset or checkout to them would overwrite
};

struct SnapshotOptions {
  Untracked untracked = Untracked::none;
  std::vector<std::string> overwriters; // commit ids, for Untracked::overwritten
  bool allow_unborn = false;            // on an unborn HEAD, a snapshot with no HEAD parent
  // An index with unresolved conflicts is saved rather than refused: conflicted paths take
  // their "ours" entry in the index commit (I), their working file in W, and all their
  // stages go into a commit "conflicts on ..." whose tree holds <stage>/<path>; it is the
  // second parent of I, so `git stash apply` still reads the snapshot.
  bool conflicts = false;
};

struct Snapshot {
  std::string id;             // the W commit
  std::size_t untracked = 0;  // untracked files kept
  std::size_t conflicted = 0; // conflicted paths kept
};

// Snapshots the index and the working tree as a `git stash create`-format commit
// without touching either; nullopt when nothing differs from HEAD (and no
// untracked file is kept). Submodules are recorded as git records them: the
// commit checked out in them (their own changes are theirs); untracked nested
// repositories are left out, as `git stash -u` does. Throws Error on an unborn
// HEAD unless allow_unborn, and on conflicts unless conflicts.
std::optional<Snapshot> snapshot_worktree(const Repository& repo, const std::string& branch_label,
                                          const SnapshotOptions& options);

// The same with all untracked files or none (the original contract).
std::optional<std::string> snapshot_worktree(const Repository& repo, bool untracked,
                                             const std::string& branch_label,
                                             bool allow_unborn = false);

// Puts snapshot back exactly, whatever HEAD is now: the index becomes its index
// tree (with its conflicts), the tracked files its working tree (files tracked
// now that it lacks are removed), and its untracked files are written. Nothing
// is merged, so nothing conflicts; what was there is overwritten, so callers
// snapshot the current state first. Throws Error when snapshot is not one.
void restore_snapshot(const Repository& repo, const std::string& snapshot);

// Snapshots the given untracked files (paths relative to the worktree root) as a
// `git stash`-format commit whose index and working-tree trees are HEAD's, and
// whose untracked tree holds the files as they are on disk (no clean filter;
// symbolic links as links, the executable bit kept), so that `git stash apply
// --index` brings back exactly those bytes. Throws Error on an unborn HEAD.
std::string snapshot_files(const Repository& repo, const std::vector<std::string>& paths,
                           const std::string& branch_label);

} // namespace preflight::backup
