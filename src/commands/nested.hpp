// Nested rules files (a .preflight.yaml in a sub-folder) as hooks and commands
// see them: found in the index, read like the root file, and the commands
// each one adds. See config::Scope for what a nested file may set.
#pragma once

#include "checks/check.hpp"
#include "commands/spec.hpp"
#include "config/config.hpp"

#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::commands {

// The nested rules of repo on top of rules (none in a bare repository). One
// pass over the index finds the files. Throws Error(Exit::usage) for a bad file.
std::vector<config::Scope> nested_scopes(const config::Config& rules, const git::Repository& repo);

// The nested rules that can apply to a commit of changes: only the files in
// the folders of the changed paths, looked up in the tree the commit records
// (a commit of one file in a 300,000-file repository reads a few folders, not
// the index). Falls back to nested_scopes when that tree is not known.
std::vector<config::Scope> nested_scopes_for(const config::Config& rules,
                                             const git::Repository& repo,
                                             const checks::ContentInput& changes);

// The commands that the nested files themselves set for hook (pre-commit
// only): each runs in its file's folder (its root, if any, is below that
// folder) on the files under it, and names its file as source.
std::vector<CommandSpec> nested_commands(const std::vector<config::Scope>& scopes,
                                         checks::Hook hook);

// Whether scope's own file sets key (rather than inheriting it).
bool sets_itself(const config::Scope& scope, std::string_view key);

} // namespace preflight::commands
