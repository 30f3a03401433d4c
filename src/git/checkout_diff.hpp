// What a checkout changed: the paths that differ between two commits' trees.
#pragma once

#include "git/repository.hpp"

#include <string>
#include <vector>

namespace preflight::git {

struct TreeChange {
  std::string path;
  bool deleted = false; // in the old tree only
};

// Every path added, deleted or changed between the trees of commits old_id and
// new_id (hex ids), without rename detection. Throws Error.
std::vector<TreeChange> changed_paths(const Repository& repo, const std::string& old_id,
                                      const std::string& new_id);

// Whether path is in the repository's index (stage 0 or a conflict stage).
bool is_tracked(const Repository& repo, const std::string& path);

} // namespace preflight::git
