// Rules-file keys of backups (reference-transaction, post-checkout, safe-reset).
#include "config/schema.hpp"

namespace preflight::config {

namespace {

constexpr std::string_view k_published[] = {"warn", "refuse", "off"};

constexpr KeyDef k_backup_keys[] = {
    {"backups", ValueType::section, "",
     "Backup branches backup/<branch>/<UTC time>-<short id> for commits that a reset, "
     "`branch -f`, `checkout -B` or a deletion would leave on no branch or tag."},
    {"backups.enabled", ValueType::boolean, "true",
     "Create backup branches (reference-transaction and post-checkout hooks)."},
    {"backups.on_amend", ValueType::boolean, "false",
     "Back up the commit that `git commit --amend` replaces even when its change is kept "
     "(an amend that drops a change is backed up anyway)."},
    {"backups.on_rebase", ValueType::boolean, "false",
     "Back up a branch's old tip when a rebase rewrites it even when every change is kept "
     "(a rebase that drops a change is backed up anyway)."},
    {"backups.detached", ValueType::boolean, "true",
     "Back up commits left behind on a detached HEAD (post-checkout)."},
    {"backups.skip_if_pushed", ValueType::boolean, "false",
     "Count remote-tracking branches as other refs: commits a remote already has get no "
     "backup."},
    {"backups.remote_refs", ValueType::boolean, "false",
     "Back up a deleted remote-tracking ref (`fetch --prune`, `branch -dr`) whose commits are "
     "on no other ref, remote-tracking ones included. Off by default: a squash-merge workflow "
     "prunes one such ref per merged pull request."},
    {"backups.keep_per_branch", ValueType::integer, "10",
     "Pruning keeps at most this many backups per branch, newest first (0: no limit)."},
    {"backups.max_age_days", ValueType::integer, "30",
     "Pruning deletes backups older than this many days (0: no limit)."},
    {"backups.published", ValueType::choice, "warn",
     "When a branch drops commits that its upstream already has: warn, refuse the ref "
     "update (bypass once with SKIP=published-commits), or off.",
     k_published},
    {"backups.untracked", ValueType::boolean, "true",
     "`preflight safe-reset --hard` also saves the untracked files (not ignored ones) that the "
     "reset would overwrite."},
    {"backups.guard_max_size", ValueType::size, "100MB",
     "The shell guard saves the ignored files that `git clean -x` would delete only when "
     "together they are at most this size; over it, it lists them instead (0: never save them)."},
};

} // namespace

std::span<const KeyDef> backup_keys() {
  return k_backup_keys;
}

} // namespace preflight::config
