// `checks.<name>.required: true`: a built-in check that SKIP= cannot skip (only
// git's --no-verify bypasses it), as `required: true` does for team commands.
#pragma once

#include "config/config.hpp"

#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::checks {

struct RequiredKey {
  std::string_view id;      // what SKIP= names
  std::string_view section; // its rules section under "checks."
};

// The built-in checks that can be made required, with their sections.
std::span<const RequiredKey> requirable_checks();

// The ids of the checks the rules make required.
std::vector<std::string> required_check_ids(const config::Config& rules);

// SKIP may name a group of checks: "content" (the pre-commit content checks)
// or "push" (everything pre-push checks). When required checks exist, a named
// group is taken out of skipped and replaced by the ids of its checks that are
// not required, so that the group runs its required checks only. Returns the
// groups replaced.
std::vector<std::string> split_skipped_groups(std::set<std::string, std::less<>>& skipped,
                                              const std::vector<std::string>& required);

} // namespace preflight::checks
