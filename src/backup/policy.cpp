#include "backup/policy.hpp"

#include "config/config.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <map>

namespace preflight::backup {

Settings settings_from(const config::Config& rules) {
  Settings s;
  s.enabled = rules.get_bool("backups.enabled") && rules.get_bool("reference_transaction.enabled");
  s.on_amend = rules.get_bool("backups.on_amend");
  s.on_rebase = rules.get_bool("backups.on_rebase");
  s.detached = rules.get_bool("backups.detached");
  s.skip_if_pushed = rules.get_bool("backups.skip_if_pushed");
  s.remote_refs = rules.get_bool("backups.remote_refs");
  s.keep_per_branch = rules.get_int("backups.keep_per_branch");
  s.max_age_days = rules.get_int("backups.max_age_days");
  std::string published = rules.get_string("backups.published");
  s.published = published == "refuse" ? Published::refuse
                : published == "off"  ? Published::off
                                      : Published::warn;
  s.untracked = rules.get_bool("backups.untracked");
  s.guard_max_size = rules.get_size("backups.guard_max_size");
  return s;
}

std::string_view operation_name(Operation op) {
  switch (op) {
  case Operation::reset: return "reset";
  case Operation::amend: return "amend";
  case Operation::rebase: return "rebase";
  case Operation::force: return "forced move";
  case Operation::remove: return "deletion";
  case Operation::checkout: return "checkout";
  case Operation::other: return "update";
  }
  return "update";
}

Operation classify(std::string_view subject, std::string_view action, bool rebasing, bool deleted) {
  if (deleted)
    return Operation::remove;
  // A squash or fixup inside `rebase -i` is an amend run by the rebase.
  if (rebasing || action.starts_with("rebase") || action.find("--rebase") != action.npos)
    return Operation::rebase;
  if (subject.starts_with("rebase") || subject.find("--rebase") != subject.npos ||
      subject.find("(finish)") != subject.npos)
    return Operation::rebase;
  if (subject.starts_with("commit (amend)"))
    return Operation::amend;
  if (subject.starts_with("reset:"))
    return Operation::reset;
  if (subject.starts_with("branch: Reset to"))
    return Operation::force;
  return Operation::other;
}

Operation classify_before(std::string_view action, bool rebasing, bool orig_head_is_old,
                          bool same_parents) {
  if (rebasing || action.starts_with("rebase") || action.find("--rebase") != action.npos)
    return Operation::rebase;
  // ORIG_HEAD can be stale from an earlier reset; an amend keeps the parents.
  if (same_parents)
    return Operation::amend;
  if (orig_head_is_old)
    return Operation::reset;
  return Operation::other;
}

bool decided_by_patch(Operation op, const Settings& settings) {
  switch (op) {
  case Operation::amend: return !settings.on_amend;
  case Operation::rebase: return !settings.on_rebase;
  case Operation::other: return true;
  default: return false;
  }
}

std::vector<std::string> prune_plan(const std::vector<BackupEntry>& entries, std::time_t now,
                                    std::int64_t keep, std::int64_t max_age_days) {
  std::map<std::string, std::vector<const BackupEntry*>> by_branch;
  for (const BackupEntry& entry : entries)
    by_branch[entry.branch].push_back(&entry);
  std::vector<const BackupEntry*> doomed;
  for (auto& [branch, list] : by_branch) {
    std::stable_sort(list.begin(), list.end(), [](const BackupEntry* a, const BackupEntry* b) {
      return a->time != b->time ? a->time > b->time : a->name > b->name;
    });
    for (std::size_t i = 0; i < list.size(); ++i) {
      bool too_many = keep > 0 && i >= static_cast<std::size_t>(keep);
      bool too_old = max_age_days > 0 && now - list[i]->time > max_age_days * 86400;
      if (too_many || too_old)
        doomed.push_back(list[i]);
    }
  }
  std::vector<std::string> names;
  for (const BackupEntry& entry : entries)
    if (std::find(doomed.begin(), doomed.end(), &entry) != doomed.end())
      names.push_back(entry.name);
  return names;
}

bool skipped(const char* skip_env, std::string_view id) {
  if (!skip_env)
    return false;
  for (const std::string& item : split(skip_env, ','))
    if (trim(item) == id)
      return true;
  return false;
}

} // namespace preflight::backup
