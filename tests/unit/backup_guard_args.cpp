// The shell guard's reading of git command lines (backup/guard_args.hpp).
#include "backup/guard_args.hpp"

#include <catch2/catch.hpp>

using namespace preflight::backup;
using Args = std::vector<std::string>;

namespace {

// "main", "HEAD" and "HEAD~1" name commits here; every other word is a path.
bool is_commit(const std::string& word) {
  return word == "main" || word == "HEAD" || word == "HEAD~1";
}

GuardPlan plan(const Args& argv) {
  return plan_guard(split_git_command(argv), is_commit);
}

} // namespace

TEST_CASE("git's own options come before the subcommand", "[guard]") {
  GitCommandLine call = split_git_command(
      {"-C", "a", "-c", "k=v", "--git-dir=g", "-C", "b", "--no-pager", "reset", "--hard"});
  CHECK(call.directories == Args{"a", "b"});
  CHECK(call.globals == Args{"-c", "k=v", "--git-dir=g", "--no-pager"});
  CHECK(call.command == "reset");
  CHECK(call.args == Args{"--hard"});
  CHECK(split_git_command({"--work-tree", "w", "status"}).command == "status");
  CHECK(split_git_command({"--version"}).command.empty());
}

TEST_CASE("checkout: paths discard, branches do not", "[guard]") {
  GuardPlan paths = plan({"checkout", "--", "a", "b"});
  CHECK(paths.what == Discard::tracked);
  CHECK_FALSE(paths.index);
  CHECK(paths.worktree);
  CHECK(paths.paths == Args{"a", "b"});
  CHECK(plan({"checkout", "file.txt"}).paths == Args{"file.txt"});
  GuardPlan from_rev = plan({"checkout", "HEAD~1", "--", "a"});
  CHECK(from_rev.index);
  CHECK(from_rev.paths == Args{"a"});
  CHECK(plan({"checkout", "main", "a"}).index);
  CHECK(plan({"checkout", "main"}).what == Discard::nothing);
  CHECK(plan({"checkout", "--ours", "--", "a"}).what == Discard::nothing);
  CHECK(plan({"checkout", "-m", "a"}).what == Discard::nothing);
  CHECK(plan({"restore", "--theirs", "a"}).what == Discard::nothing);
  CHECK(plan({"restore", "--conflict=diff3", "a"}).what == Discard::nothing);
  CHECK(plan({"checkout", "-b", "new", "main"}).what == Discard::nothing);
  GuardPlan force = plan({"checkout", "-qf", "main"});
  CHECK(force.what == Discard::tracked);
  CHECK(force.paths.empty());
}

TEST_CASE("restore, switch and reset", "[guard]") {
  CHECK(plan({"restore", "a"}).worktree);
  CHECK_FALSE(plan({"restore", "a"}).index);
  GuardPlan staged = plan({"restore", "--staged", "a"});
  CHECK(staged.index);
  CHECK_FALSE(staged.worktree);
  CHECK(staged.both_needed);
  GuardPlan both = plan({"restore", "-SW", "--source=HEAD", "a"});
  CHECK((both.index && both.worktree && !both.both_needed));
  CHECK(both.paths == Args{"a"});
  CHECK(plan({"restore", "-s", "HEAD", "a"}).paths == Args{"a"});
  CHECK(plan({"switch", "--discard-changes", "main"}).what == Discard::tracked);
  CHECK(plan({"switch", "-c", "f", "main"}).what == Discard::nothing);
  CHECK(plan({"reset", "--hard", "HEAD~1"}).what == Discard::tracked);
  CHECK(plan({"reset", "--merge"}).index);
  CHECK(plan({"reset", "--keep"}).both_needed);
  CHECK(plan({"reset", "--soft", "HEAD~1"}).what == Discard::nothing);
  GuardPlan mixed = plan({"reset", "file.txt"});
  CHECK((mixed.index && !mixed.worktree && mixed.both_needed));
  CHECK(mixed.paths == Args{"file.txt"});
  CHECK(plan({"reset", "HEAD~1", "a", "b"}).paths == Args{"a", "b"});
  CHECK(plan({"reset", "-q", "--", "a"}).paths == Args{"a"});
  CHECK(plan({"reset"}).paths.empty());
  CHECK(plan({"rm", "-rf", "a"}).worktree);
  GuardPlan cached = plan({"rm", "--cached", "-f", "a"});
  CHECK((cached.index && !cached.worktree && cached.both_needed));
  CHECK(plan({"rm", "a"}).what == Discard::nothing);
  CHECK(plan({"rm", "-f"}).what == Discard::nothing);
  CHECK(plan({"restore", "--staged"}).what == Discard::nothing);
  CHECK(plan({"restore", "--pathspec-from-file=list"}).paths.empty());
  CHECK(plan({"restore", "--pathspec-from-file=list"}).what == Discard::tracked);
}

TEST_CASE("clean: the same arguments for --dry-run, without -f, -i and -q", "[guard]") {
  CHECK(plan({"clean", "-fdx"}).clean_args == Args{"--dry-run", "-dx"});
  CHECK(plan({"clean", "-f", "-d", "--", "-odd"}).clean_args ==
        Args{"--dry-run", "-d", "--", "-odd"});
  CHECK(plan({"clean", "-ffd"}).clean_args == Args{"--dry-run", "-f", "-f", "-d"});
  CHECK(plan({"clean", "-fe", "*.log", "-i"}).clean_args == Args{"--dry-run", "-e", "*.log"});
  CHECK(plan({"clean", "-fdefoo"}).clean_args == Args{"--dry-run", "-d", "-efoo"});
  CHECK(plan({"clean", "--force", "--exclude", "-f"}).clean_args ==
        Args{"--dry-run", "--exclude", "-f"});
  CHECK(plan({"clean", "-fn"}).what == Discard::nothing);
  CHECK(plan({"clean", "--dry-run", "-f"}).what == Discard::nothing);
}

TEST_CASE("stash, worktree and branch", "[guard]") {
  CHECK(plan({"stash", "drop"}).targets == Args{"stash@{0}"});
  CHECK(plan({"stash", "drop", "-q", "2"}).targets == Args{"stash@{2}"});
  CHECK(plan({"stash", "drop", "stash@{1}"}).targets == Args{"stash@{1}"});
  GuardPlan clear = plan({"stash", "clear"});
  CHECK(clear.what == Discard::stash);
  CHECK(clear.targets.empty());
  CHECK(plan({"stash", "push", "-m", "drop"}).what == Discard::nothing);
  CHECK(plan({"worktree", "remove", "--force", "../wt"}).targets == Args{"../wt"});
  CHECK(plan({"worktree", "list"}).what == Discard::nothing);
  GuardPlan copy = plan({"branch", "-C", "x", "y"});
  CHECK(copy.what == Discard::branch);
  CHECK(copy.targets == Args{"y"});
  CHECK(copy.source == "x");
  CHECK(plan({"branch", "--copy", "--force", "y"}).source.empty());
  CHECK(plan({"branch", "-c", "x", "y"}).what == Discard::nothing);
  CHECK(plan({"branch", "-M", "x", "y"}).what == Discard::nothing);
  CHECK(plan({"branch", "-f", "x", "main"}).what == Discard::nothing);
}
