// preflight backup list | show | restore | prune: the backup branches that the
// reference-transaction and post-checkout hooks and safe-reset create.
#include "backup/naming.hpp"
#include "backup/policy.hpp"
#include "backup/prune.hpp"
#include "backup/refs.hpp"
#include "backup/snapshot.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "report/output.hpp"
#include "util/process.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>

namespace preflight::cli {

namespace {

struct BackupOptions {
  std::string branch;        // list: only backups of this branch
  std::string name;          // show, restore
  std::string as;            // restore --as NEW-BRANCH
  std::int64_t keep = -1;    // prune --keep (-1: the rules)
  std::int64_t max_age = -1; // prune --max-age (-1: the rules)
  bool dry_run = false;
  bool quiet = false;
};

// Commits of a backup that no ordinary branch, tag or detached HEAD has.
backup::KeepRefs outside(const backup::BackupRef& backup) {
  backup::KeepRefs keep;
  keep.exclude.push_back("refs/heads/" + backup.name);
  keep.backups = false;
  return keep;
}

backup::BackupRef find_backup(const git::Repository& repo, std::string name) {
  if (name.starts_with("refs/heads/"))
    name = name.substr(11);
  for (const backup::BackupRef& backup : backup::list_backups(repo))
    if (backup.name == name)
      return backup;
  throw Error("no backup branch named \"" + name + "\" (see preflight backup list)", Exit::usage);
}

Exit list(const BackupOptions& options, const GlobalOptions& global) {
  git::Repository repo = open_repository();
  std::time_t now = std::time(nullptr);
  nlohmann::json doc = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  std::vector<backup::BackupRef> backups;
  for (backup::BackupRef& backup : backup::list_backups(repo))
    if (options.branch.empty() || backup.label == options.branch)
      backups.push_back(std::move(backup));
  std::vector<std::size_t> counts = backup::lost_counts(repo, backups);
  for (std::size_t i = 0; i < backups.size(); ++i) {
    const backup::BackupRef& backup = backups[i];
    std::size_t commits = counts[i];
    git::CommitInfo tip = git::commit_info(repo, backup.id);
    doc.push_back({{"name", backup.name},
                   {"branch", backup.label},
                   {"created", backup::format_time(backup.time)},
                   {"age_seconds", now - backup.time},
                   {"commits", commits},
                   {"id", backup.id},
                   {"subject", tip.summary}});
    rows.push_back({backup.name, backup.label, backup::age_text(backup.time, now) + " ago",
                    std::to_string(commits) + (commits == 1 ? " commit" : " commits"),
                    report::escape_controls(tip.summary)});
  }
  if (global.format == "json") {
    std::printf("%s\n", doc.dump(2).c_str());
    return Exit::ok;
  }
  if (rows.empty()) {
    std::printf("no backups%s\n", options.branch.empty() ? "" : (" of " + options.branch).c_str());
    return Exit::ok;
  }
  std::size_t widths[4] = {};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < 4; ++i)
      widths[i] = std::max(widths[i], row[i].size());
  for (const auto& row : rows)
    std::printf("%-*s  %-*s  %-*s  %-*s  %s\n", static_cast<int>(widths[0]), row[0].c_str(),
                static_cast<int>(widths[1]), row[1].c_str(), static_cast<int>(widths[2]),
                row[2].c_str(), static_cast<int>(widths[3]), row[3].c_str(), row[4].c_str());
  return Exit::ok;
}

Exit show(const BackupOptions& options) {
  git::Repository repo = open_repository();
  backup::BackupRef backup = find_backup(repo, options.name);
  git::CommitInfo tip = git::commit_info(repo, backup.id);
  std::printf("backup:  %s\nof:      %s\ncreated: %s (%s ago)\ntip:     %s %s\n",
              backup.name.c_str(), backup.label.c_str(), backup::format_time(backup.time).c_str(),
              backup::age_text(backup.time, std::time(nullptr)).c_str(), tip.id.c_str(),
              report::escape_controls(tip.summary).c_str());
  auto lost = backup::lost_commits(repo, backup.id, outside(backup), 50);
  std::printf("commits on no other branch: %zu%s\n", lost.size(), lost.size() == 50 ? "+" : "");
  for (const git::CommitInfo& commit : lost)
    report::print_line(stdout, "  " + commit.id.substr(0, 7) + " " + commit.summary);
  std::printf("restore: preflight backup restore %s [--as NEW-BRANCH]\n", backup.name.c_str());
  return Exit::ok;
}

Exit run_git(const std::vector<std::string>& argv) {
  int code = run_process(argv).exit_code;
  if (code != 0) {
    std::string line;
    for (const std::string& word : argv)
      line += (line.empty() ? "" : " ") + word;
    throw Error("`" + line + "` failed with exit code " + std::to_string(code), Exit::blocked);
  }
  return Exit::ok;
}

// Uncommitted work comes back exactly as saved, whatever HEAD is now (a stash
// apply would merge it into HEAD). What it overwrites is saved first.
void restore_snapshot(const git::Repository& repo, const backup::BackupRef& backup) {
  auto branch = git::head_branch(repo);
  std::string label =
      branch && !git::head_detached(repo) ? *branch : std::string(backup::k_detached);
  backup::SnapshotOptions current;
  current.untracked = backup::Untracked::overwritten;
  current.overwriters.push_back(backup.id);
  for (const char* parent : {"^2", "^3"}) // its untracked files, whichever parent has them
    if (auto id = git::resolve_revision(repo, backup.id + parent))
      current.overwriters.push_back(*id);
  current.allow_unborn = true;
  current.conflicts = true;
  if (auto saved = backup::snapshot_worktree(repo, label, current)) {
    std::string name = backup::create_backup(repo, "wip/" + label, saved->id, std::time(nullptr),
                                             "preflight: snapshot before restore");
    std::fprintf(stderr,
                 "preflight: saved the current uncommitted work first as branch %s; "
                 "restore with: preflight backup restore %s\n",
                 name.c_str(), name.c_str());
  }
  backup::restore_snapshot(repo, backup.id);
  std::printf("restored the uncommitted work of %s (index and working tree as saved)\n",
              backup.name.c_str());
}

Exit restore(const BackupOptions& options) {
  git::Repository repo = open_repository();
  backup::BackupRef backup = find_backup(repo, options.name);
  if (backup::snapshot_of(repo, backup)) {
    if (!options.as.empty())
      throw Error("--as names a new branch for a backup of commits; " + backup.name +
                      " is uncommitted work, which goes back into the working tree: run "
                      "preflight backup restore " +
                      backup.name + " without --as",
                  Exit::usage);
    restore_snapshot(repo, backup);
    return Exit::ok;
  }
  if (!options.as.empty()) {
    run_git({"git", "branch", "--", options.as, backup.name});
    std::printf("created branch %s at %s\n", options.as.c_str(), backup.name.c_str());
    return Exit::ok;
  }
  // A tag, a note or another ref goes back as what it was: an annotated tag
  // with its own tag object. A value it has now gets a backup from the hook.
  if (auto ref = backup::backed_up_ref(repo, backup)) {
    std::string object = backup::kept_tag_object(repo, backup.name).value_or(backup.id);
    run_git({"git", "update-ref", "-m", "preflight: restore " + backup.name, *ref, object});
    std::printf("%s is back at %s (%s)\n", ref->c_str(), backup.name.c_str(),
                object.substr(0, 7).c_str());
    return Exit::ok;
  }
  if (backup.label == backup::k_detached)
    throw Error("a backup of a detached HEAD has no branch to go back to; give it one with "
                "--as NEW-BRANCH",
                Exit::usage);
  // Back onto the branch. Uncommitted work is never discarded (reset --keep
  // refuses instead), and the tip being replaced gets its own backup from the hook.
  if (git::head_branch(repo) == backup.label && !git::head_detached(repo))
    run_git({"git", "reset", "--keep", backup.name});
  else if (git::resolve_ref(repo, "refs/heads/" + backup.label))
    run_git({"git", "branch", "-f", "--", backup.label, backup.name});
  else
    run_git({"git", "branch", "--", backup.label, backup.name});
  std::printf("%s is back at %s (%s)\n", backup.label.c_str(), backup.name.c_str(),
              backup.id.substr(0, 7).c_str());
  return Exit::ok;
}

Exit prune(const BackupOptions& options) {
  git::Repository repo = open_repository();
  backup::Settings settings;
  try {
    settings = backup::settings_from(config::load({rules_root(repo)}));
  } catch (const Error&) {
    if (!options.quiet)
      throw;
  }
  std::int64_t keep = options.keep >= 0 ? options.keep : settings.keep_per_branch;
  std::int64_t max_age = options.max_age >= 0 ? options.max_age : settings.max_age_days;
  auto backups = backup::list_backups(repo);
  std::vector<backup::BackupEntry> entries;
  for (const backup::BackupRef& backup : backups)
    entries.push_back({backup.name, backup.label, backup.time});
  std::time_t now = std::time(nullptr);
  auto plan = backup::safe_prune_plan(
      repo, backups, backup::prune_plan(entries, now, keep, max_age), now, max_age);
  for (const std::string& name : plan.deleted) {
    if (!options.dry_run)
      backup::delete_backup(repo, name);
    if (!options.quiet || options.dry_run)
      std::printf("%s %s\n", options.dry_run ? "would delete" : "deleted", name.c_str());
  }
  if (!options.quiet || options.dry_run)
    for (const backup::KeptBackup& kept : plan.kept)
      std::printf("kept %s: %s\n", kept.name.c_str(), kept.why.c_str());
  if (!options.quiet)
    std::printf("%zu of %zu backups %s (keep %lld per branch, at most %lld days)\n",
                plan.deleted.size(), entries.size(), options.dry_run ? "to delete" : "deleted",
                static_cast<long long>(keep), static_cast<long long>(max_age));
  return Exit::ok;
}

} // namespace

Action setup_backup(CLI::App& sub, const GlobalOptions& global) {
  auto options = std::make_shared<BackupOptions>();
  sub.require_subcommand(1);
  CLI::App* list_cmd = sub.add_subcommand("list", "List backups: branch, age, commits, subject");
  list_cmd->add_option("branch", options->branch, "Only the backups of this branch");
  CLI::App* show_cmd = sub.add_subcommand("show", "Show one backup and its commits");
  show_cmd->add_option("name", options->name, "The backup branch")->required();
  CLI::App* restore_cmd = sub.add_subcommand(
      "restore", "Put a backup back onto its branch (reset --keep), or onto a new branch");
  restore_cmd->add_option("name", options->name, "The backup branch")->required();
  restore_cmd->add_option("--as", options->as, "Create this new branch at the backup instead");
  CLI::App* prune_cmd = sub.add_subcommand("prune", "Delete old backups (backups.* rules)");
  prune_cmd->add_option("--keep", options->keep, "Backups to keep per branch (0: no limit)");
  prune_cmd->add_option("--max-age", options->max_age,
                        "Delete backups older than DAYS (0: no limit)");
  prune_cmd->add_flag("--dry-run,-n", options->dry_run, "Only say what would be deleted");
  prune_cmd->add_flag("--quiet,-q", options->quiet,
                      "Print nothing and never fail on bad rules (for the pre-auto-gc hook)");
  return [options, list_cmd, show_cmd, restore_cmd, &global] {
    if (list_cmd->parsed())
      return list(*options, global);
    if (show_cmd->parsed())
      return show(*options);
    if (restore_cmd->parsed())
      return restore(*options);
    return prune(*options);
  };
}

} // namespace preflight::cli
