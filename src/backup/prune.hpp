// `backup prune` without losing work: prune_plan (policy.hpp) picks the backups
// that are too many or too old; this keeps, among them, every backup that
//   - a worktree has checked out, or is rebasing or bisecting,
//   - is the newest backup of its branch and the only copy of some commits,
//   - would go by count while it is the only copy of some commits, or of the
//     uncommitted work of a snapshot (a snapshot whose content another kept
//     snapshot has, or that holds no change at all, is not the only copy).
// Each decision counts the backups deleted before it as gone, so of two equal
// copies one stays.
#pragma once

#include "backup/refs.hpp"

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

namespace preflight::backup {

struct KeptBackup {
  std::string name; // without refs/heads/
  std::string why;  // "checked out in /work/repo", "the only copy of 2 commits", ...
};

struct PrunePlan {
  std::vector<std::string> deleted; // in the order of backups
  std::vector<KeptBackup> kept;     // doomed by the rules but kept, and why
};

// backups: every backup (list_backups); doomed: the names prune_plan chose.
PrunePlan safe_prune_plan(const Repository& repo, const std::vector<BackupRef>& backups,
                          const std::vector<std::string>& doomed, std::time_t now,
                          std::int64_t max_age_days);

} // namespace preflight::backup
