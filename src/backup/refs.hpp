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
#include <unordered_map>
#include <unordered_set>
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

// count_lost for many tips at once: one walk from all of them, hiding the kept
// refs (listed once), then each count is a walk inside the commits found. A
// `git branch -D` of 500 names is one transaction, and `backup list` asks for
// every backup: one walk instead of one each.
class LostSet {
public:
  LostSet(const Repository& repo, const std::vector<std::string>& ids, const KeepRefs& keep);

  // Whether id was one of the tips, so that count() knows its commits.
  bool covers(const std::string& id) const { return m_tips.count(id) > 0; }

  // How many commits of id (one of the tips) are on no kept ref and not taken.
  std::size_t count(const std::string& id) const;

  // Counts id's commits as kept from now on (a backup has them now).
  void take(const std::string& id);

private:
  std::unordered_set<std::string> reach(const std::string& id) const;

  std::unordered_set<std::string> m_tips;
  std::unordered_map<std::string, std::vector<std::string>> m_parents; // the lost commits
  std::unordered_set<std::string> m_taken;
};

// How many of the commits count_lost counts make a change (git's patch id) that
// no kept commit beyond their base makes: what a rewrite (amend, rebase) really
// drops. A commit rewritten with its change, author and author time intact is
// not counted; merges and empty commits always are.
std::size_t count_unmatched(const Repository& repo, const std::string& id, const KeepRefs& keep);

// The commits count_lost counts, newest first (at most limit).
std::vector<CommitInfo> lost_commits(const Repository& repo, const std::string& id,
                                     const KeepRefs& keep, std::size_t limit);

// How the first reflog message of every backup of commits the hooks make
// begins: "preflight: backup before reset", "... before deletion of refs/tags/v1".
inline constexpr std::string_view k_backup_message = "preflight: backup before ";

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

// Backups of refs that are not branches (a tag, a note, refs/foo/x): the
// backup branch is named after the whole ref ("refs/tags/v1") and its first
// reflog message ends in " of <ref>", which is what restore reads. An annotated
// tag's object is kept reachable by the ref k_tag_objects + <backup name>.
inline constexpr std::string_view k_tag_objects = "refs/preflight/backup-tags/";

// The object ref points at, not peeled (a tag object for an annotated tag), or
// "" when there is no such ref.
std::string ref_object(const Repository& repo, const std::string& ref);

// Points k_tag_objects + backup_name at tag_id.
void keep_tag_object(const Repository& repo, const std::string& backup_name,
                     const std::string& tag_id);

// The ref a backup was made of when it is not a branch ("refs/tags/v1"),
// read from its first reflog message; nullopt for a backup of a branch or a
// detached HEAD, and when the message and the name disagree.
std::optional<std::string> backed_up_ref(const Repository& repo, const BackupRef& backup);

// The tag object kept for backup_name, or nullopt.
std::optional<std::string> kept_tag_object(const Repository& repo, const std::string& backup_name);

// Deletes a backup branch and the tag object ref kept for it, if any.
void delete_backup(const Repository& repo, const std::string& name);

// The stash entries in the reflog of refs/stash, newest first: ("stash@{0}", id).
std::vector<std::pair<std::string, std::string>> stash_entries(const Repository& repo);

// For each backup, how many of its commits no branch other than a backup, no
// tag and no detached HEAD has: count_lost for each, from one walk for all.
std::vector<std::size_t> lost_counts(const Repository& repo, const std::vector<BackupRef>& backups);

// How many commits of old that new_id lacks are on upstream (0 when none).
// new_id empty: every commit of old counts.
std::size_t published_dropped(const Repository& repo, const std::string& old_id,
                              const std::string& new_id, const std::string& upstream);

// What a snapshot of uncommitted work holds (see snapshot.hpp).
struct SnapshotContent {
  std::string trees;  // the ids of its working-tree, index and untracked-files trees
  std::string base;   // the commit it was made on ("" on an unborn branch)
  bool empty = false; // it differs from base in nothing
};

// The content of backup when it is a snapshot of uncommitted work, nullopt when
// it is a backup of commits. Decided by what the ref is, never by its name (a
// branch may be called wip/...): a backup the hooks made says so in its first
// reflog entry ("preflight: backup before ..."); otherwise the tip must have
// the shape `git stash` writes: "WIP on"/"On" with the base and an "index on"
// commit of the same base (and maybe a "conflicts on" commit) as parents, then
// optionally a parentless "untracked files on" commit (without the base on an
// unborn branch).
std::optional<SnapshotContent> snapshot_of(const Repository& repo, const BackupRef& backup);

} // namespace preflight::backup
