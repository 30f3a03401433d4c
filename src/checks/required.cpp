#include "checks/required.hpp"

#include <algorithm>

namespace preflight::checks {

namespace {

constexpr RequiredKey k_requirable[] = {
    {"checkpoint", "checkpoints"},
    {"large-file", "large_files"},
    {"conflict-marker", "conflict_markers"},
    {"private-key", "private_keys"},
    {"case-conflict", "case_conflicts"},
    {"broken-symlink", "symlinks"},
    {"lfs-pointer", "lfs"},
};

// What pre-push checks besides the requirable content checks.
constexpr std::string_view k_push_parts[] = {"commit-message", "protected-branch", "backup-branch",
                                             "notebook"};

} // namespace

std::span<const RequiredKey> requirable_checks() {
  return k_requirable;
}

std::vector<std::string> required_check_ids(const config::Config& rules) {
  std::vector<std::string> out;
  for (const RequiredKey& check : k_requirable)
    if (rules.get_bool("checks." + std::string(check.section) + ".required"))
      out.emplace_back(check.id);
  return out;
}

std::vector<std::string> split_skipped_groups(std::set<std::string, std::less<>>& skipped,
                                              const std::vector<std::string>& required) {
  std::vector<std::string> groups;
  if (required.empty())
    return groups;
  for (const std::string group : {"content", "push"}) {
    if (!skipped.erase(group))
      continue;
    groups.push_back(group);
    for (const RequiredKey& check : k_requirable)
      if (std::find(required.begin(), required.end(), check.id) == required.end())
        skipped.emplace(check.id);
    if (group == "push")
      for (std::string_view part : k_push_parts)
        skipped.emplace(part);
  }
  return groups;
}

} // namespace preflight::checks
