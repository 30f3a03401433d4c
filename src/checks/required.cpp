#include "checks/required.hpp"

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

} // namespace preflight::checks
