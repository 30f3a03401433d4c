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
