// pre-push: every commit a push would add to the remote (or that a range holds,
// for CI): messages through the commit_msg rules, files through the content
// checks, naming the commit that introduced each problem even if a later commit
// removed it; protected branches may not be deleted or forced; backup/* branches
// are not pushed.
#pragma once

#include "checks/check.hpp"
#include "commitmsg/settings.hpp"

namespace preflight::checks {

void check_push(const Context& context, report::Report& report);

// Lints one commit's message with settings; findings name the commit and say how
// to reword it. Shared with `preflight check-msg --range`.
void lint_commit_message(const PushedCommit& commit, const commitmsg::Settings& settings,
                         report::Report& report);

} // namespace preflight::checks
