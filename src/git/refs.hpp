// Reading refs and history: what a ref or revision points at, HEAD's state,
// reflog subjects, ancestry, upstreams, and commit summaries. Every feature
// that looks at refs (backups, safe-reset, pre-push) uses these.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace preflight::git {

class Repository;

// The commit a ref (HEAD, refs/heads/x, a tag) points at, peeled; nullopt when
// the ref does not exist, is unborn, or names no commit. Throws Error when the
// ref exists but cannot be read (a corrupt ref file, an unreadable ref store).
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

// Whether ancestor is descendant or one of its ancestors. Throws Error when the
// history cannot be read.
bool is_ancestor(const Repository& repo, const std::string& ancestor,
                 const std::string& descendant);

// Whether this is a shallow clone (`git clone --depth N`).
bool is_shallow(const Repository& repo);

// The commits reachable from any of from and from none of hide, newest first,
// at most limit. Throws Error when the history cannot be read, never stops
// early in silence. libgit2 1.5 does not read .git/shallow and fails at a
// shallow boundary (a parent that was never fetched), so in a shallow clone
// this (and is_ancestor) asks git itself, which treats boundary commits as roots.
std::vector<std::string> reachable(const Repository& repo, const std::vector<std::string>& from,
                                   const std::vector<std::string>& hide, std::size_t limit);

// A commit's author email and author time ("ada@x.org 1767225600"): what a
// rebase, an amend or a cherry-pick keeps when it rewrites the commit.
std::string author_stamp(const Repository& repo, const std::string& id);

// The parents of a commit, in order.
std::vector<std::string> parent_ids(const Repository& repo, const std::string& id);

// git's patch id of a commit (its change against its first parent), or nullopt
// for a merge, an empty change, or a commit whose parent was never fetched. Two
// commits with the same patch id make the same change.
std::optional<std::string> patch_id(const Repository& repo, const std::string& id);

struct CommitInfo {
  std::string id;
  std::string summary;
  std::time_t time = 0;
};

CommitInfo commit_info(const Repository& repo, const std::string& id);

// Deletes refs/heads/<name>. Throws Error when it cannot.
void delete_branch(const Repository& repo, const std::string& name);

// A branch that a worktree has checked out, or is rebasing or bisecting (what
// git's own `branch -D` refuses to delete).
struct BranchInUse {
  std::string ref;   // refs/heads/<name>
  std::string where; // the worktree's folder (the git dir when bare)
  std::string how;   // "checked out", "being rebased", "being bisected"
};

// Every branch in use in the main worktree and in each linked worktree, read
// from their HEAD, rebase-merge/head-name, rebase-apply/head-name and
// BISECT_START files.
std::vector<BranchInUse> branches_in_use(const Repository& repo);

// The upstream of a local branch (refs/remotes/origin/main), or nullopt.
std::optional<std::string> upstream_of(const Repository& repo, const std::string& branch_ref);

} // namespace preflight::git
