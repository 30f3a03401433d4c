// Backups in the reference-transaction and post-checkout hooks. Both run inside
// hook::main before the checks and chained hooks (see runner.hpp, BeforeFn).
//
// reference-transaction decides from its stdin first: most calls (fetches,
// tags, remote-tracking refs, pseudo-refs, backup branches) return before any
// rules file or repository is opened. For the rest:
//   prepared   every update but a deletion that carries its old value (reset,
//              amend, rebase, branch -f, checkout -B, update-ref, branch -D,
//              detached-HEAD moves also during a rebase, rebase --abort): the
//              ref still holds its old value, so the backup is written now, and
//              a backup that cannot be written refuses the move (SKIP=backup
//              lets it go once); published-commit refusal
//   committed  deletions that carried their old value (update-ref -d, renames,
//              pack-refs), once it shows whether the commits are still on a ref;
//              published-commit warning
// A backup is made only when the old tip's commits are on no other branch, tag
// or backup, which also makes it happen once however many transactions git
// runs. Rewrites (amend, rebase) count only commits whose change (patch id) the
// kept history lacks. See docs/backups.md.
#pragma once

#include "checks/check.hpp"
#include "hook/runner.hpp"

namespace preflight::backup {

// Both return 0, or 1 for a deliberate refusal (published commits, rules say
// refuse; a backup that cannot be written). Never throw: any other fault prints
// one line and returns 0. Rules that cannot be read mean the default rules.
int on_reference_transaction(const checks::HookInput& input, const hook::RunOptions& options);
int on_post_checkout(const checks::HookInput& input, const hook::RunOptions& options);

} // namespace preflight::backup
