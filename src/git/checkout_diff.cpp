#include "git/checkout_diff.hpp"

#include "git/handles.hpp"
#include "util/error.hpp"

#include <git2.h>

namespace preflight::git {

std::vector<TreeChange> changed_paths(const Repository& repo, const std::string& old_id,
                                      const std::string& new_id) {
  TreePtr old_tree = commit_tree_of(repo.get(), old_id);
  TreePtr new_tree = commit_tree_of(repo.get(), new_id);
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  git_diff* raw = nullptr;
  check(git_diff_tree_to_tree(&raw, repo.get(), old_tree.get(), new_tree.get(), &options),
        "cannot compare " + old_id + " with " + new_id);
  DiffPtr diff(raw);
  std::vector<TreeChange> out;
  std::size_t count = git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
    bool deleted = delta->status == GIT_DELTA_DELETED;
    out.push_back({deleted ? delta->old_file.path : delta->new_file.path, deleted});
  }
  return out;
}

bool is_tracked(const Repository& repo, const std::string& path) {
  git_index* raw = nullptr;
  check(repo.index(&raw), "cannot read the index");
  IndexPtr index(raw);
  std::size_t at = 0;
  return git_index_find(&at, index.get(), path.c_str()) == 0;
}

} // namespace preflight::git
