// Backups in the reference-transaction and post-checkout hooks. Both run inside
// hook::main before the checks and chained hooks (see runner.hpp, BeforeFn).
//
// reference-transaction decides from its stdin first: most calls (fetches,
// remote-tracking refs, pseudo-refs, backup branches, commits) return before
// any rules file or repository is opened, and creations (a fetch of new tags,
// a new branch) once the ref store's files show the ref does not exist yet.
// Tags, notes and any other refs/* are decided as branches are, as are
// deletions of remote-tracking refs; deleting refs/stash saves every entry
// its reflog still lists. For the rest:
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
// runs. A backup of a ref that is not a branch is named after the whole ref
// (backup/refs/tags/v1/...) and keeps an annotated tag's object. Rewrites
// (amend, rebase) count only commits whose change (patch id) the kept history
// lacks. See docs/backups.md.
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
