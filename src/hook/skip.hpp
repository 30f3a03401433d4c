// SKIP=: what a hook says about it. A name in SKIP that no check, rule, command
// or post-checkout action has is a typo that would silently skip nothing, so it
// gets a warning with the closest name; every check that SKIP does skip is
// printed, so a skipped check is never mistaken for a passed one; and a check
// SKIP cannot skip (a required one) is never offered as SKIP=<id>.
#pragma once

#include "checks/check.hpp"
#include "config/config.hpp"

#include <set>
#include <string>
#include <vector>

namespace preflight::hook {

// Every name SKIP can hold: check ids, commit-msg rule names, the names of the
// commands of every hook and of post-checkout actions.
std::vector<std::string> skip_names(const config::Config& rules);

// Prints to stderr a warning for each name of requested that skip_names lacks
// (with a did-you-mean; not in commit-msg, which follows pre-commit), then "preflight: skipped:
// <id> (SKIP)" for each check of hook that skipped names (commands print their own line).
// nested: the commands nested rules files add (their names count too).
void report_skip(checks::Hook hook, const config::Config& rules,
                 const std::set<std::string, std::less<>>& requested,
                 const std::set<std::string, std::less<>>& skipped,
                 const std::vector<std::string>& nested = {});

// The names SKIP cannot skip: required checks and required commands of hook.
// nested: the required commands nested rules files add.
std::set<std::string> unskippable(checks::Hook hook, const config::Config& rules,
                                  const std::vector<std::string>& nested = {});

} // namespace preflight::hook
