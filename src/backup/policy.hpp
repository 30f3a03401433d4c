// Backup decisions that are plain data: which operation moved a branch, whether
// its policy wants a backup, what the rules say, and which backups to prune.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::config {
class Config;
}

namespace preflight::backup {

// The environment variable that preflight sets for the git commands it runs
// itself (safe-reset, restore): the hooks then leave backups to preflight.
inline constexpr const char* k_internal_env = "PREFLIGHT_BACKUP_INTERNAL";

// The check id that SKIP= names to bypass the published-commit guard once.
inline constexpr std::string_view k_published_check = "published-commits";

// The id that SKIP= names to let a ref move once although its backup could not
// be written (a full disk, something in the way in the ref store).
inline constexpr std::string_view k_backup_check = "backup";

enum class Published { warn, refuse, off };

// The backups.* rules.
struct Settings {
  bool enabled = true;
  bool on_amend = false;
  bool on_rebase = false;
  bool detached = true;
  bool skip_if_pushed = false;
  bool remote_refs = false; // back up deleted remote-tracking refs
  std::int64_t keep_per_branch = 10;
  std::int64_t max_age_days = 30;
  Published published = Published::warn;
  bool untracked = true;
  std::uint64_t guard_max_size = 100ull << 20; // ignored files the shell guard copies (100MB)
};

// Reads backups.* (and reference_transaction.enabled into enabled).
Settings settings_from(const config::Config& rules);

// What moved a branch, as far as the hook can tell.
enum class Operation { reset, amend, rebase, force, remove, checkout, other };

std::string_view operation_name(Operation op);

// Classifies from the newest reflog subject of the updated ref ("reset: moving
// to HEAD~1", "commit (amend): ...", "rebase (finish): ...", "branch: Reset to
// main"), GIT_REFLOG_ACTION ("rebase (squash)", "pull --rebase") and whether a
// rebase is in progress. deleted: the ref no longer exists.
Operation classify(std::string_view reflog_subject, std::string_view reflog_action, bool rebasing,
                   bool deleted);

// The same, in the reference-transaction's prepared phase, before git writes the
// reflog entry: GIT_REFLOG_ACTION, whether a rebase is in progress, whether the
// new tip has the old tip's parents (an amend, or a reset to a sibling, which
// is then judged as a rewrite), and whether ORIG_HEAD holds the old tip (git
// reset sets it just before moving the branch).
Operation classify_before(std::string_view reflog_action, bool rebasing, bool orig_head_is_old,
                          bool same_parents);

// Whether the commits op would drop are judged one by one by their change
// (git's patch id), so that a rewritten commit whose change is still kept needs
// no backup: amend, rebase and other rewrites, unless on_amend or on_rebase ask
// for a backup anyway. Resets, forced moves, deletions and checkouts keep every
// commit they drop.
bool decided_by_patch(Operation op, const Settings& settings);

// One existing backup, for pruning.
struct BackupEntry {
  std::string name;   // branch name without refs/heads/
  std::string branch; // what it backs up (BackupName::branch)
  std::time_t time = 0;
};

// The backups to delete: per branch, all but the keep newest (keep 0: no
// limit), and every backup older than max_age_days (0: no limit). Returns names
// in the order of entries.
std::vector<std::string> prune_plan(const std::vector<BackupEntry>& entries, std::time_t now,
                                    std::int64_t keep, std::int64_t max_age_days);

// Whether SKIP (comma-separated ids, as for checks) names id.
bool skipped(const char* skip_env, std::string_view id);

} // namespace preflight::backup
