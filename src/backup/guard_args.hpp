// What a git command line would discard, read from its arguments alone: the
// plain-data half of the shell guard (`preflight guard -- <git args>`, run by
// the `git` shell function that `preflight shell-init` prints). guard.hpp does
// the saving.
//
// Only git's destructive commands that run no hook are covered; commands that
// move a branch tip (reset to another commit, `branch -f`, `checkout -B`) are
// the reference-transaction hook's job. git aliases are not expanded: an alias
// runs unguarded, as the shell function cannot read git's config without a fork.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace preflight::backup {

// A git command line split at its subcommand: `git -C dir -c k=v reset --hard`
// gives directories {"dir"}, globals {"-c", "k=v"}, command "reset", args {"--hard"}.
struct GitCommandLine {
  std::vector<std::string> directories; // each -C, in order
  std::vector<std::string> globals;     // every other option before the subcommand
  std::string command;                  // empty when there is none (`git --version`)
  std::vector<std::string> args;
};

GitCommandLine split_git_command(const std::vector<std::string>& argv);

// What the command would throw away.
enum class Discard {
  nothing,
  tracked,    // staged and/or unstaged changes to tracked files
  untracked,  // files `git clean` deletes
  stash,      // stash entries
  worktree,   // a linked worktree and its uncommitted work
  branch,     // the tip of a branch overwritten by `branch -C`
  moved_onto, // files at the destinations of `mv -f`, tracked or not
};

struct GuardPlan {
  Discard what = Discard::nothing;
  // tracked: index means staged changes are reset, worktree means the files
  // are rewritten; both_needed means a staged change is lost only where the
  // file also differs from the index (reset --keep, restore --staged).
  bool index = false;
  bool worktree = false;
  bool both_needed = false;
  // tracked: the pathspecs it is limited to (empty: every file).
  // moved_onto: the sources, then the destination, as given.
  std::vector<std::string> paths;
  // untracked: the arguments for `git clean --dry-run` (without -f, -i).
  std::vector<std::string> clean_args;
  // stash: the entries dropped (empty: every entry, `stash clear`).
  // worktree: the worktree's path. branch: the branch overwritten.
  std::vector<std::string> targets;
  // branch: where the overwritten branch's new tip comes from (empty: HEAD).
  std::string source;
};

// Tells whether a word names a commit (git's rule for `checkout X` and `reset X`).
using IsCommit = std::function<bool(const std::string&)>;

// What call would discard; Discard::nothing for everything else, including
// the harmless forms (`clean -n`, `checkout <branch>`, `reset --soft`).
GuardPlan plan_guard(const GitCommandLine& call, const IsCommit& is_commit);

} // namespace preflight::backup
