#include "backup/discard.hpp"

#include "git/handles.hpp"
#include "git/refs.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"

#include <set>

namespace preflight::backup {

using namespace git;

namespace {

// Whether tree has path with exactly id.
bool tree_has(git_tree* tree, const char* path, const git_oid& id) {
  git_tree_entry* raw = nullptr;
  if (!tree || git_tree_entry_bypath(&raw, tree, path) < 0)
    return false;
  bool same = git_oid_equal(git_tree_entry_id(raw), &id);
  git_tree_entry_free(raw);
  return same;
}

} // namespace

bool reset_discards(const Repository& repo, const ResetPlan& plan,
                    const std::optional<std::string>& tree_of) {
  git_index* raw_index = nullptr;
  check(repo.index(&raw_index), "cannot read the index");
  IndexPtr index(raw_index);
  if (git_index_has_conflicts(raw_index))
    return plan.mode == ResetMode::merge;

  std::vector<char*> paths;
  for (const std::string& path : plan.pathspec)
    paths.push_back(const_cast<char*>(path.c_str()));
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.pathspec = {paths.data(), paths.size()};
  options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL;

  auto head = git::resolve_ref(repo, "HEAD");
  TreePtr head_tree = head ? commit_tree_of(repo.get(), *head) : nullptr;
  TreePtr target = tree_of ? commit_tree_of(repo.get(), *tree_of) : nullptr;
  git_diff* raw_staged = nullptr;
  check(git_diff_tree_to_index(&raw_staged, repo.get(), head_tree.get(), raw_index, &options),
        "cannot compare the index");
  DiffPtr staged(raw_staged);
  git_diff* raw_unstaged = nullptr;
  check(git_diff_index_to_workdir(&raw_unstaged, repo.get(), raw_index, &options),
        "cannot compare the working tree");
  DiffPtr unstaged(raw_unstaged);
  std::set<std::string> edited;
  for (std::size_t i = 0; i < git_diff_num_deltas(raw_unstaged); ++i)
    edited.insert(git_diff_get_delta(raw_unstaged, i)->old_file.path);

  for (std::size_t i = 0; i < git_diff_num_deltas(raw_staged); ++i) {
    const git_diff_delta* delta = git_diff_get_delta(raw_staged, i);
    if (delta->status == GIT_DELTA_DELETED || delta->new_file.mode == GIT_FILEMODE_COMMIT)
      continue;
    if (tree_has(target.get(), delta->new_file.path, delta->new_file.id))
      continue;
    if (plan.mode == ResetMode::merge || edited.contains(delta->new_file.path))
      return true;
  }
  return false;
}

} // namespace preflight::backup
