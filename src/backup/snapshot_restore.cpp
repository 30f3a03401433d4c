// Restoring a snapshot exactly (see snapshot.hpp). `git stash apply --index`
// merges the snapshot into the current HEAD: from a later HEAD that touched the
// same lines it leaves conflict markers and "Index was not unstashed". A
// snapshot holds whole trees, so this writes them instead: W's tree into the
// working tree (libgit2 checkout, with the current index as the baseline, so
// files tracked now and absent from W go), I's tree (and C's stages) into the
// index, and U's files into the working tree.
#include "backup/snapshot.hpp"
#include "git/handles.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <map>

namespace preflight::backup {

using namespace git;

namespace {

// The parent of commit whose message starts with prefix ("index on ", ...).
CommitPtr parent_named(const git_commit* commit, const char* prefix) {
  for (unsigned i = 0; i < git_commit_parentcount(commit); ++i) {
    git_commit* raw = nullptr;
    check(git_commit_parent(&raw, commit, i), "cannot read a snapshot's parent");
    CommitPtr parent(raw);
    const char* message = git_commit_message(raw);
    if (message && std::strncmp(message, prefix, std::strlen(prefix)) == 0)
      return parent;
  }
  return nullptr;
}

TreePtr tree_of(const git_commit* commit) {
  git_tree* raw = nullptr;
  check(git_commit_tree(&raw, commit), "cannot read a snapshot tree");
  return TreePtr(raw);
}

struct TreeFile {
  std::string path;
  std::uint32_t mode = 0;
  git_oid id{};
};

// Every file (blob or gitlink) of tree. (The walk frees the subtrees it loads,
// so entries are copied out.)
std::vector<TreeFile> files_of(git_tree* tree) {
  std::vector<TreeFile> out;
  git_tree_walk(
      tree, GIT_TREEWALK_PRE,
      [](const char* folder, const git_tree_entry* entry, void* payload) -> int {
        if (git_tree_entry_type(entry) != GIT_OBJECT_TREE)
          static_cast<std::vector<TreeFile>*>(payload)->push_back(
              {std::string(folder) + git_tree_entry_name(entry),
               static_cast<std::uint32_t>(git_tree_entry_filemode(entry)),
               *git_tree_entry_id(entry)});
        return 0;
      },
      &out);
  return out;
}

// Puts back the conflicted entries C keeps as <stage>/<path>.
void add_conflicts(git_index* index, git_tree* stages) {
  std::map<std::string, std::array<git_index_entry, 3>> conflicts;
  for (const TreeFile& file : files_of(stages)) {
    const std::string& name = file.path;
    std::size_t stage = static_cast<std::size_t>(name[0] - '1');
    if (name.size() < 3 || stage > 2 || name[1] != '/')
      throw Error("a snapshot's conflicts hold an unexpected entry \"" + name + "\"");
    git_index_entry& slot = conflicts[name.substr(2)][stage];
    slot.mode = file.mode;
    slot.id = file.id;
  }
  for (auto& [path, stage] : conflicts) {
    git_index_entry* entries[3] = {};
    for (std::size_t i = 0; i < 3; ++i) {
      stage[i].path = path.c_str();
      if (stage[i].mode != 0)
        entries[i] = &stage[i];
    }
    check(git_index_conflict_add(index, entries[0], entries[1], entries[2]),
          "cannot restore the conflict on " + path);
  }
}

void checkout(const Repository& repo, git_tree* tree, git_checkout_options& options) {
  check(git_checkout_tree(repo.get(), reinterpret_cast<git_object*>(tree), &options),
        "cannot write the snapshot's files");
}

} // namespace

void restore_snapshot(const Repository& repo, const std::string& snapshot) {
  git_oid id;
  git_commit* raw = nullptr;
  check(git_oid_fromstr(&id, snapshot.c_str()), "bad snapshot id " + snapshot);
  check(git_commit_lookup(&raw, repo.get(), &id), "cannot read snapshot " + snapshot);
  CommitPtr work(raw);
  CommitPtr index_commit = parent_named(raw, "index on ");
  if (!index_commit)
    throw Error(snapshot + " is not a snapshot of uncommitted work (it has no index commit)");
  CommitPtr untracked = parent_named(raw, "untracked files on ");
  CommitPtr conflicts = parent_named(index_commit.get(), "conflicts on ");

  // The baseline: what the index tracks now (conflicted paths left out: their
  // working files stay unless W has them).
  git_index* raw_index = nullptr;
  check(repo.index(&raw_index), "cannot read the index");
  IndexPtr index(raw_index);
  check(git_index_read(raw_index, 1), "cannot read the index");
  git_index_conflict_cleanup(raw_index);
  git_oid tracked_id;
  check(git_index_write_tree_to(&tracked_id, raw_index, repo.get()), "cannot read the index");
  git_tree* raw_tracked = nullptr;
  check(git_tree_lookup(&raw_tracked, repo.get(), &tracked_id), "cannot read the index");
  TreePtr tracked(raw_tracked);

  // The tracked files: W's tree; what the index tracks and W lacks is removed.
  TreePtr work_tree = tree_of(work.get());
  git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
  options.checkout_strategy = GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DONT_UPDATE_INDEX;
  options.baseline = raw_tracked;
  checkout(repo, work_tree.get(), options);

  // The index: I's tree, then the conflicts.
  TreePtr index_tree = tree_of(index_commit.get());
  check(git_index_read_tree(raw_index, index_tree.get()), "cannot restore the index");
  if (conflicts)
    add_conflicts(raw_index, tree_of(conflicts.get()).get());
  check(git_index_write(raw_index), "cannot write the index");

  // The untracked files, and only them.
  if (!untracked)
    return;
  TreePtr untracked_tree = tree_of(untracked.get());
  std::vector<std::string> paths;
  for (const TreeFile& file : files_of(untracked_tree.get()))
    paths.push_back(file.path);
  std::vector<char*> path_ptrs;
  for (std::string& path : paths)
    path_ptrs.push_back(path.data());
  git_checkout_options untracked_options = GIT_CHECKOUT_OPTIONS_INIT;
  untracked_options.checkout_strategy =
      GIT_CHECKOUT_FORCE | GIT_CHECKOUT_DONT_UPDATE_INDEX | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
  untracked_options.paths = {path_ptrs.data(), path_ptrs.size()};
  untracked_options.baseline = index_tree.get();
  checkout(repo, untracked_tree.get(), untracked_options);
}

} // namespace preflight::backup
