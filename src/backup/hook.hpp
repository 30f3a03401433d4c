// Backups in the reference-transaction and post-checkout hooks. Both run inside
// hook::main before the checks and chained hooks (see runner.hpp, BeforeFn).
//
// reference-transaction decides from its stdin first: most calls (fetches,
// tags, remote-tracking refs, pseudo-refs, backup branches) return before any
// rules file or repository is opened. For the rest:
//   prepared   updates that git gave no old value for (branch -f, checkout -B,
//              switch -C, update-ref, deletions): the ref still holds its old
//              value, so it is read and backed up now; published-commit refusal
//   committed  updates with an old value (reset, amend, rebase, update-ref with
//              an old value): backed up when the old tip left every ref;
//              published-commit warning
// A backup is made only when the old tip's commits are on no other branch, tag
// or backup, which also makes it happen once however many transactions git runs.
#pragma once

#include "checks/check.hpp"
#include "hook/runner.hpp"

namespace preflight::backup {

// Both return 0, or 1 for a deliberate refusal (published commits, rules say
// refuse). Never throw: any fault prints one line and returns 0.
int on_reference_transaction(const checks::HookInput& input, const hook::RunOptions& options);
int on_post_checkout(const checks::HookInput& input, const hook::RunOptions& options);

} // namespace preflight::backup
