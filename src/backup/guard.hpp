// The saving half of the shell guard: before one of git's destructive commands
// that run no hook, save what it would discard as backup branches that
// `preflight backup restore` understands (see guard_args.hpp for which
// commands, and docs/shell-guard.md).
#pragma once

#include "backup/guard_args.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::backup {

using git::Repository;

// Saves what `git <call>` would discard in repo (opened where git will run),
// asking git itself where git's own rules decide (`git diff --quiet` for
// pathspecs, `git clean --dry-run` for the files clean deletes). Ignored files
// are saved only while together at most max_ignored bytes. Returns the lines to
// print: one per backup, with its restore command, and one per thing left
// unsaved and why. Throws Error when something would be lost that it cannot save.
std::vector<std::string> guard_save(const Repository& repo, const GitCommandLine& call,
                                    const GuardPlan& plan, std::uint64_t max_ignored);

} // namespace preflight::backup
