// preflight safe-reset <git reset arguments>: `git reset` that loses nothing.
//
// git has no pre-reset hook and `git reset --hard` rewrites the working tree
// before any hook runs, so this command does the saving first:
//   1. refuse when the reset would drop commits the upstream already has
//      (suggesting `git revert`), unless --force;
//   2. when the reset would discard uncommitted work (and only then), snapshot
//      it as a `git stash`-format commit on backup/wip/<branch>/..., without
//      touching the working tree: staged and unstaged changes, a conflicted
//      index, and the untracked files the reset would overwrite (it leaves the
//      others alone, so copying them would only grow .git);
//   3. back up the tip as the hook would (backup/<branch>/...);
//   4. run `git reset` with the same arguments, with PREFLIGHT_BACKUP_INTERNAL
//      set so that our own hooks do not back up a second time.
#include "backup/discard.hpp"
#include "backup/policy.hpp"
#include "backup/refs.hpp"
#include "backup/reset_args.hpp"
#include "backup/snapshot.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "util/process.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>

namespace preflight::cli {

namespace {

struct SafeResetOptions {
  bool force = false;
  bool no_untracked = false;
  bool no_snapshot = false;
};

std::string plural(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " commit" : " commits");
}

// Step 1: commits that head has, target lacks, and the upstream has.
void refuse_published(const git::Repository& repo, const std::string& branch,
                      const std::string& head, const std::string& target) {
  auto upstream = git::upstream_of(repo, "refs/heads/" + branch);
  if (!upstream)
    return;
  std::size_t count = backup::published_dropped(repo, head, target, *upstream);
  if (count == 0)
    return;
  std::string name = upstream->starts_with("refs/remotes/") ? upstream->substr(13) : *upstream;
  throw Error("refusing to reset " + branch + ": it would drop " + plural(count) + " that " + name +
                  " already has; undo published work with `git revert --no-edit " +
                  target.substr(0, 7) + ".." + head.substr(0, 7) +
                  "` instead (or run preflight safe-reset --force ... to reset anyway)",
              Exit::blocked);
}

// Paths of a path reset as git reads them: relative to the current folder.
std::vector<std::string> from_root(const git::Repository& repo, std::vector<std::string> paths) {
  auto root = repo.workdir();
  if (!root)
    return paths;
  std::filesystem::path here =
      std::filesystem::current_path().lexically_relative(std::filesystem::weakly_canonical(*root));
  if (here.empty() || here == ".")
    return paths;
  for (std::string& path : paths)
    if (!path.starts_with(":"))
      path = (here / path).lexically_normal().generic_string();
  return paths;
}

// Step 2: snapshot what the reset would discard, and only when it would: --hard
// the index, the tracked changes and the untracked files at paths the target
// has; the other modes a staged version no commit or file keeps (discard.hpp).
void snapshot(const git::Repository& repo, bool untracked, const std::string& label,
              backup::ResetPlan plan, const std::optional<std::string>& target, std::time_t now) {
  backup::SnapshotOptions options;
  options.allow_unborn = true;
  options.conflicts = true;
  if (plan.mode == backup::ResetMode::hard) {
    options.untracked = untracked ? backup::Untracked::overwritten : backup::Untracked::none;
    if (target)
      options.overwriters.push_back(*target);
  } else {
    plan.pathspec = from_root(repo, plan.pathspec);
    auto tree_of = plan.revision ? git::resolve_revision(repo, *plan.revision)
                                 : git::resolve_ref(repo, "HEAD");
    if (!backup::reset_discards(repo, plan, tree_of))
      return;
  }
  auto snapshot = backup::snapshot_worktree(repo, label, options);
  if (!snapshot)
    return;
  std::string name = backup::create_backup(repo, "wip/" + label, snapshot->id, now,
                                           "preflight: safe-reset snapshot");
  std::string kept = "staged, unstaged";
  if (snapshot->conflicted)
    kept += ", conflicts";
  if (snapshot->untracked)
    kept += ", " + std::to_string(snapshot->untracked) +
            (snapshot->untracked == 1 ? " untracked file" : " untracked files") +
            " the reset overwrites";
  std::fprintf(stderr,
               "preflight: saved uncommitted work (%s) as branch %s; restore with: "
               "preflight backup restore %s\n",
               kept.c_str(), name.c_str(), name.c_str());
}

// The words after "safe-reset" less this command's own flags (before "--").
std::vector<std::string> reset_args(const std::vector<std::string_view>& words) {
  std::vector<std::string> out;
  bool dashes = false;
  for (std::string_view word : words) {
    if (!dashes && (word == "--force" || word == "--no-untracked" || word == "--no-snapshot"))
      continue;
    dashes = dashes || word == "--";
    out.emplace_back(word);
  }
  return out;
}

Exit safe_reset(const SafeResetOptions& options, const std::vector<std::string>& args) {
  git::Repository repo = git::Repository::discover(".");
  backup::Settings settings;
  try {
    settings = backup::settings_from(config::load({rules_root(repo)}));
  } catch (const Error& e) {
    std::fprintf(stderr, "preflight: warning: %s; using the default backup rules\n", e.what());
  }
  auto head = git::resolve_ref(repo, "HEAD");
  auto branch = git::head_branch(repo);
  std::string label = branch && !git::head_detached(repo) ? *branch : "detached";
  backup::ResetPlan plan = backup::plan_reset(
      args, [&](const std::string& word) { return git::resolve_revision(repo, word).has_value(); });
  std::optional<std::string> target =
      plan.paths ? head : (plan.revision ? git::resolve_revision(repo, *plan.revision) : head);
  bool moves = head && target && *target != *head;
  bool rewinds = moves && !git::is_ancestor(repo, *head, *target);

  if (rewinds && !options.force && branch && settings.published != backup::Published::off)
    refuse_published(repo, *branch, *head, *target);

  // The tip first: the snapshot has HEAD as a parent and would keep it reachable.
  std::time_t now = std::time(nullptr);
  if (rewinds) {
    backup::KeepRefs keep;
    keep.exclude = {branch && label != "detached" ? "refs/heads/" + *branch : "HEAD", "HEAD"};
    keep.extra = {*target};
    if (std::size_t count = backup::count_lost(repo, *head, keep)) {
      std::string name =
          backup::create_backup(repo, label, *head, now, "preflight: backup before safe-reset");
      std::fprintf(stderr,
                   "preflight: saved %s that left %s (reset) as branch %s; restore with: "
                   "preflight backup restore %s\n",
                   plural(count).c_str(), label.c_str(), name.c_str(), name.c_str());
    }
  }

  if (plan.mode != backup::ResetMode::soft && !options.no_snapshot)
    snapshot(repo, settings.untracked && !options.no_untracked, label, plan, target, now);
  ::setenv(backup::k_internal_env, "1", 1);
  std::vector<std::string> argv{"git", "reset"};
  argv.insert(argv.end(), args.begin(), args.end());
  int code = run_process(argv).exit_code;
  return code == 0 ? Exit::ok : static_cast<Exit>(code);
}

} // namespace

Action setup_safe_reset(CLI::App& sub, const GlobalOptions& global) {
  auto options = std::make_shared<SafeResetOptions>();
  sub.add_flag("--force", options->force,
               "Reset even when it drops commits that the upstream already has");
  sub.add_flag("--no-untracked", options->no_untracked,
               "Leave untracked files out of the snapshot");
  sub.add_flag("--no-snapshot", options->no_snapshot, "Do not snapshot uncommitted work");
  // Every other word belongs to git reset, in its order. CLI11 sorts words into
  // options and positionals and hands "--" to the parent app, so it only has to
  // accept them here (a positional that always waits for more takes "--" as an
  // extra); the words themselves come from the command line as given.
  sub.fallthrough(false);
  sub.allow_extras();
  sub.footer("Every other argument goes to git reset: preflight safe-reset --hard HEAD~1");
  auto ignored = std::make_shared<std::vector<std::string>>();
  sub.add_option("git-args", *ignored, "Arguments for git reset")
      ->expected(1 << 30)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(""); // the footer says it
  return [options, ignored, &global] { return safe_reset(*options, reset_args(global.args)); };
}

} // namespace preflight::cli
