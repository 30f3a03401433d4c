// The commit-msg check: Conventional Commits rules (commitlint's names and
// semantics) on the message file git hands the hook.
#pragma once

#include "checks/check.hpp"

namespace preflight::checks {

// Lints the file named by context.input.args[0] with the commit_msg rules.
// Each finding's check is the rule name ("type-enum"). Throws Error(Exit::usage)
// when git passed no file, Error(Exit::internal) when it cannot be read.
void check_commit_message(const Context& context, report::Report& report);

} // namespace preflight::checks
