#include "backup/prune.hpp"

#include "git/refs.hpp"

#include <algorithm>
#include <set>

namespace preflight::backup {

namespace {

std::string commits_text(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " commit" : " commits");
}

bool is_newest_of_label(const BackupRef& backup, const std::vector<BackupRef>& backups) {
  for (const BackupRef& other : backups)
    if (other.label == backup.label &&
        (other.time > backup.time || (other.time == backup.time && other.name > backup.name)))
      return false;
  return true;
}

} // namespace

PrunePlan safe_prune_plan(const Repository& repo, const std::vector<BackupRef>& backups,
                          const std::vector<std::string>& doomed, std::time_t now,
                          std::int64_t max_age_days) {
  PrunePlan plan;
  auto in_use = git::branches_in_use(repo);
  std::vector<const BackupRef*> order;
  for (const BackupRef& backup : backups)
    if (std::find(doomed.begin(), doomed.end(), backup.name) != doomed.end())
      order.push_back(&backup);
  // Oldest first: of two equal copies, the newer one stays.
  std::stable_sort(order.begin(), order.end(), [](const BackupRef* a, const BackupRef* b) {
    return a->time != b->time ? a->time < b->time : a->name < b->name;
  });
  std::vector<std::optional<SnapshotContent>> contents;
  for (const BackupRef& backup : backups)
    contents.push_back(snapshot_of(repo, backup));
  std::set<std::string> gone; // refs/heads/<name> of the backups deleted so far
  for (const BackupRef* backup : order) {
    std::string ref = "refs/heads/" + backup->name;
    auto use = std::find_if(in_use.begin(), in_use.end(),
                            [&](const git::BranchInUse& branch) { return branch.ref == ref; });
    if (use != in_use.end()) {
      plan.kept.push_back({backup->name, use->how + " in " + use->where});
      continue;
    }
    KeepRefs others;
    others.exclude.assign(gone.begin(), gone.end());
    others.exclude.push_back(ref);
    std::string only_copy;
    const auto& content = contents[static_cast<std::size_t>(backup - backups.data())];
    if (content) {
      bool elsewhere = content->empty;
      for (std::size_t i = 0; i < backups.size() && !elsewhere; ++i)
        elsewhere = backups[i].name != backup->name && contents[i] &&
                    !gone.count("refs/heads/" + backups[i].name) &&
                    contents[i]->trees == content->trees;
      std::size_t base = content->base.empty() ? 0 : count_lost(repo, content->base, others);
      if (!elsewhere)
        only_copy = "the only copy of its uncommitted work";
      else if (base > 0)
        only_copy = "the only copy of the " + commits_text(base) + " it was made on";
    } else if (std::size_t count = count_lost(repo, backup->id, others)) {
      only_copy = "the only copy of " + commits_text(count);
    }
    bool too_old = max_age_days > 0 && now - backup->time > max_age_days * 86400;
    if (!only_copy.empty() && !too_old) {
      plan.kept.push_back(
          {backup->name,
           only_copy + (max_age_days > 0 ? "; only age prunes it, after " +
                                               std::to_string(max_age_days) + " days"
                                         : "; delete it by hand if it is not needed")});
      continue;
    }
    if (!only_copy.empty() && is_newest_of_label(*backup, backups)) {
      plan.kept.push_back(
          {backup->name, "the newest backup of " + backup->label + " and " + only_copy});
      continue;
    }
    gone.insert(ref);
  }
  for (const BackupRef& backup : backups)
    if (gone.count("refs/heads/" + backup.name))
      plan.deleted.push_back(backup.name);
  return plan;
}

} // namespace preflight::backup
