// post-checkout actions: after a branch checkout (git's third argument is 1),
//  - post_checkout.actions: for each action whose globs match a path that
//    differs between the old and the new HEAD, print its reminder with the
//    changed files, and run its command (argv, no shell, in the work tree
//    root) when commands::may_run() allows it: from an untracked
//    .preflight.local.yaml, or from committed rules the user trusted
//    (`preflight trust`); otherwise the command is shown, not run;
//  - post_checkout.clean_pycache: remove compiled files of Python sources that
//    the checkout deleted (<dir>/__pycache__/<name>.*.pyc and <dir>/<name>.pyc)
//    when the .py is gone, the .pyc is not tracked by git, and no folder on
//    the way is a symbolic link; then the __pycache__ folder and its parent
//    when they are left empty (git leaves a folder that only held them).
// SKIP ids: post-checkout-actions, clean-pycache. post-checkout cannot stop a
// checkout, so every problem prints one line and the hook still succeeds.
#pragma once

#include "checks/check.hpp"
#include "hook/runner.hpp"

namespace preflight::hook {

// Never throws; returns 0.
int post_checkout_actions(const checks::HookInput& input, const RunOptions& options);

// Both post-checkout steps, in order: backups (backup/hook.hpp), then actions.
int post_checkout(const checks::HookInput& input, const RunOptions& options);

} // namespace preflight::hook
