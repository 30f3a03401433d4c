// Names of backup branches: backup/<branch>/<UTC yyyymmddTHHMMSSZ>-<short id>.
//
// They are real branches (refs/heads/backup/...), so `git log`, `git branch` and
// `git reset` understand them. A branch literally named "backup" makes
// refs/heads/backup/... impossible (a file and a folder of the same name), so
// backups then go to the fallback namespace preflight-backup/... . Commits left
// on a detached HEAD use the branch part "detached"; safe-reset snapshots of
// uncommitted work use "wip/<branch>".
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::backup {

inline constexpr std::string_view k_namespace = "backup";
inline constexpr std::string_view k_fallback_namespace = "preflight-backup";
inline constexpr std::string_view k_detached = "detached";
inline constexpr std::string_view k_wip = "wip";

// "20260101T000000Z" for a UTC time.
std::string format_time(std::time_t when);

// The time of "20260101T000000Z", or nullopt when it is not one.
std::optional<std::time_t> parse_time(std::string_view text);

// The branch name (without refs/heads/) of a new backup:
// <space>/<branch>/<time>-<first 7 hex digits of id>.
std::string backup_branch(std::string_view space, std::string_view branch, std::time_t when,
                          std::string_view id);

// The names to try, in order, for a new backup in space: backup_branch's name,
// then the same with "-2" ... "-20" for clashes (parse_backup_branch reads them).
std::vector<std::string> backup_branch_tries(std::string_view space, std::string_view branch,
                                             std::time_t when, std::string_view id);

// A backup branch name split into its parts.
struct BackupName {
  std::string space;    // "backup" or "preflight-backup"
  std::string branch;   // what was backed up: "main", "feature/x", "detached", "wip/main"
  std::time_t time = 0; // when it was made
  std::string short_id; // the 7 hex digits in the name
};

// Parses a branch name (without refs/heads/) made by backup_branch, also with a
// "-2", "-3" ... suffix added on a name clash. nullopt for any other name.
std::optional<BackupName> parse_backup_branch(std::string_view name);

// "3 minutes", "2 hours", "5 days": how long ago, for listings.
std::string age_text(std::time_t then, std::time_t now);

} // namespace preflight::backup
