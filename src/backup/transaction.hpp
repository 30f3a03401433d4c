// What git tells the reference-transaction hook, as plain data, and the cheap
// filter that decides from it alone whether a call can concern a backup. Many
// calls (fetches of branches, remote-tracking refs, pseudo-refs, the backup
// branches themselves) stop here, before any rules file or repository is opened.
//
// git's contract (githooks(5); measured on git 2.39 in the reference notes):
// argv[1] is the state, stdin has one "<old> SP <new> SP <refname> LF" line per
// queued update. An old value of all zeros means "not given" (force updates,
// creations, most deletions); a new value of all zeros is a deletion. Since
// git 2.46 either value may be "ref:<target>" for a symbolic-ref update.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace preflight::backup {

// The hook's states. preparing (git >= 2.54) and unknown states are ignored.
enum class State { preparing, prepared, committed, aborted, unknown };

State parse_state(std::string_view arg);

// Which kind of ref an update names, for what a backup of it means.
enum class RefKind {
  branch, // refs/heads/* outside the backup namespaces
  head,   // HEAD (a candidate only while detached)
  other,  // refs/tags/*, refs/notes/*, refs/replace/*, any other refs/* a user keeps
  remote, // refs/remotes/*: only deletions are candidates
  stash,  // refs/stash: only deletions are candidates (git stash clear)
  ignored // pseudo-refs, backups, preflight's own refs, git's per-worktree refs
};

// refs/bisect/, refs/worktree/, refs/rewritten/ (git's own, per worktree),
// refs/prefetch/ (maintenance copies of remote refs), refs/original/
// (filter-branch's copy of the old history, which users delete to be rid of
// it), refs/preflight*/ and the backup namespaces are ignored; so is anything
// outside refs/ but HEAD.
RefKind ref_kind(std::string_view ref);

struct RefUpdate {
  std::string old_id;    // hex object id, or "" when git gave zeros ("not given")
  std::string new_id;    // hex object id, or "" for a deletion
  std::string ref;       // full ref name: refs/heads/main, HEAD
  bool symbolic = false; // either value was "ref:<target>" (a symref write)
};

// Parses stdin. Malformed lines (wrong field count, ids that are not hex of
// length 40 or 64, empty names) are skipped, never fatal. Zero ids become "".
std::vector<RefUpdate> parse_updates(std::string_view text);

// True for an id of hex zeros (any length), as git writes "no object".
bool is_zero_id(std::string_view id);

// Branch name of a backup namespace ref, for the filter: refs/heads/backup/...
// and the fallback namespace used when a branch named "backup" exists.
bool is_backup_ref(std::string_view ref);

// What the filter needs to know about HEAD, found without libgit2 (see
// fast_head_facts in backup/hook.cpp): whether HEAD is a symbolic ref right now.
struct HeadFacts {
  bool head_symbolic = true;
};

// The updates that can concern a backup: local branches outside the backup
// namespace, HEAD while it is detached (also during a rebase, where a reset or
// an amend at a stop can drop the commits made there), tags, notes and any other
// ref a user keeps under refs/, and deletions of remote-tracking refs and of
// refs/stash. Drops symref writes, pseudo-refs, ignored refs (ref_kind), the
// creation or move of a remote-tracking ref or the stash, and no-op updates
// (old == new). A fetch of new tags stays a candidate here: the hook drops
// creations by looking at the ref store (hook.cpp), still without libgit2.
std::vector<RefUpdate> candidates(const std::vector<RefUpdate>& updates, const HeadFacts& head);

// Whether any update names HEAD (the only case where HeadFacts must be read).
bool mentions_head(const std::vector<RefUpdate>& updates);

} // namespace preflight::backup
