// The libgit2 side of backups: resolving refs, asking which commits a ref update
// would leave on no other ref, creating and listing backup branches, and the
// published-commit test. Decisions that need no repository live in src/backup/.
//
// Refs are created and deleted through libgit2, which runs no hooks, so a backup
// never triggers another backup.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::git {

class Repository;

// The commit a ref (HEAD, refs/heads/x, a tag) points at, peeled; nullopt when
// the ref does not exist or is unborn.
std::optional<std::string> resolve_ref(const Repository& repo, const std::string& ref);

// The commit a revision (HEAD~1, a branch, an id) names, or nullopt.
std::optional<std::string> resolve_revision(const Repository& repo, const std::string& spec);

bool head_detached(const Repository& repo);

// The checked-out branch without refs/heads/ (also when unborn), or nullopt when detached.
std::optional<std::string> head_branch(const Repository& repo);

// A rebase (any backend) is in progress in this worktree.
bool rebase_in_progress(const Repository& repo);

// The message of the newest reflog entry of ref, or "" when it has none.
std::string newest_reflog_subject(const Repository& repo, const std::string& ref);

// Whether ancestor is descendant or one of its ancestors.
bool is_ancestor(const Repository& repo, const std::string& ancestor,
                 const std::string& descendant);

struct KeepRefs {
  std::vector<std::string> exclude; // refs that do not count (the one being updated)
  std::vector<std::string> extra;   // more commits that count as kept (the new tip)
  bool remotes = false;             // refs/remotes/* count too
  bool backups = true;              // existing backup branches count
};

// How many commits reachable from id are reachable from no local branch, tag,
// detached HEAD (and the extras). 0 means nothing would be lost. Stops at limit.
std::size_t count_lost(const Repository& repo, const std::string& id, const KeepRefs& keep,
                       std::size_t limit = 100000);

struct CommitInfo {
  std::string id;
  std::string summary;
  std::time_t time = 0;
};

CommitInfo commit_info(const Repository& repo, const std::string& id);

// The commits count_lost counts, newest first (at most limit).
std::vector<CommitInfo> lost_commits(const Repository& repo, const std::string& id,
                                     const KeepRefs& keep, std::size_t limit);

// Creates the backup branch for label ("main", "detached", "wip/main") at id and
// returns its name without refs/heads/. Falls back to the second namespace when
// a branch named "backup" is in the way, and adds "-2", "-3" on a clash.
std::string create_backup(const Repository& repo, std::string_view label, const std::string& id,
                          std::time_t when, const std::string& log_message);

struct BackupRef {
  std::string name;  // without refs/heads/
  std::string label; // what it backs up
  std::time_t time = 0;
  std::string id; // the commit it points at
};

// Every backup branch, in name order.
std::vector<BackupRef> list_backups(const Repository& repo);

// Deletes refs/heads/<name>. Throws Error when it cannot.
void delete_branch(const Repository& repo, const std::string& name);

// The upstream of a local branch (refs/remotes/origin/main), or nullopt.
std::optional<std::string> upstream_of(const Repository& repo, const std::string& branch_ref);

// How many commits of old that new_id lacks are on upstream (0 when none).
// new_id empty: every commit of old counts.
std::size_t published_dropped(const Repository& repo, const std::string& old_id,
                              const std::string& new_id, const std::string& upstream);

// Whether id looks like a commit written by `git stash` (2 or 3 parents).
bool is_stash_like(const Repository& repo, const std::string& id);

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

} // namespace preflight::git
