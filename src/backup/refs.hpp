// The refs backups read and write: which commits a ref update would leave on no
// other ref, creating and listing backup branches, and the published-commit
// test. Decisions that need no repository live in policy.hpp and naming.hpp.
//
// Refs are created and deleted through libgit2, which runs no hooks, so a backup
// never triggers another backup.
#pragma once

#include "git/refs.hpp"

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::backup {

using git::CommitInfo;
using git::Repository;

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

// How many of the commits count_lost counts make a change (git's patch id) that
// no kept commit beyond their base makes: what a rewrite (amend, rebase) really
// drops. A commit rewritten with its change, author and author time intact is
// not counted; merges and empty commits always are.
std::size_t count_unmatched(const Repository& repo, const std::string& id, const KeepRefs& keep);

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

// How many commits of old that new_id lacks are on upstream (0 when none).
// new_id empty: every commit of old counts.
std::size_t published_dropped(const Repository& repo, const std::string& old_id,
                              const std::string& new_id, const std::string& upstream);

// Whether id is a snapshot of uncommitted work, as `git stash` or snapshot.hpp
// writes them: "WIP on ..." with an "index on ..." parent.
bool is_stash_like(const Repository& repo, const std::string& id);

} // namespace preflight::backup
