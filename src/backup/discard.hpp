// Whether a `git reset` would discard uncommitted work, so that safe-reset
// snapshots only then: a snapshot for every `git reset <file>` is noise that
// pushes the one that matters out of the pruning window.
#pragma once

#include "backup/reset_args.hpp"

#include <optional>
#include <string>

namespace preflight::git {
class Repository;
}

namespace preflight::backup {

using git::Repository;

// For --mixed, --keep, path resets and --merge (--soft discards nothing; --hard
// is decided by the snapshot itself, which keeps every change). git keeps the
// working files of a mixed or keep reset, so what it can lose is a staged
// version that is in no commit and no file afterwards: staged (differs from
// HEAD), not the version of `tree_of` (the commit the index is reset to; nullopt
// on an unborn branch) and not the working file. --merge also rewrites the
// working files of staged and conflicted paths: any staged version that is not
// tree_of's, and any conflict, count. Only paths in plan.pathspec count when it
// has any (relative to the worktree root).
bool reset_discards(const Repository& repo, const ResetPlan& plan,
                    const std::optional<std::string>& tree_of);

} // namespace preflight::backup
