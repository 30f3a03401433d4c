// Single look-ups in the index a hook was given and in git's ignore rules.
#pragma once

#include "checks/content.hpp"
#include "git/repository.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::git {

// The stage-0 entry of path in the index (GIT_INDEX_FILE when git set it), as
// a FileChange (added false), or nullopt when the path is not in the index.
std::optional<checks::FileChange> index_entry(const Repository& repo, std::string_view path);

// The blob ids (hex) of the stage-0 index entries that are one of paths, or
// whose path match accepts (when given: then every entry is visited), by path.
// A path that is, or goes through, a tracked symbolic link brings the link's
// entry and the entries it leads to inside the repository (up to 40 links).
std::map<std::string, std::string>
index_ids(const Repository& repo, const std::set<std::string, std::less<>>& paths,
          const std::function<bool(std::string_view)>& match = nullptr);

// The folders (repository-relative, no trailing '/') of the regular files
// named .preflight.yaml below the root in the index: nested rules files, found
// in one pass over the index entries (no walk of the working tree).
std::vector<std::string> nested_rules_dirs(const Repository& repo);

// Whether git's ignore rules (.gitignore files, info/exclude, core.excludesFile)
// ignore path, a path relative to the work tree root.
bool is_ignored(const Repository& repo, std::string_view path);

} // namespace preflight::git
