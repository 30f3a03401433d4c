// Snapshots of uncommitted work in `git stash` format, written without touching
// the index or the working tree (git_stash_save() resets the working tree, and
// libgit2 1.5 has no "stash create"): see the reference notes, section 4.
//
//   I = the index tree, parent HEAD                    ("index on <branch>: ...")
//   U = the untracked files, no parent (optional)      ("untracked files on ...")
//   W = the working tree, parents HEAD, I [, U]        ("WIP on <branch>: ...")
//
// so that `git stash apply --index W` brings everything back.
#include "backup/snapshot.hpp"
#include "git/handles.hpp"
#include "git/refs.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>

namespace preflight::backup {

using namespace git;

namespace {

const char* env(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? value : nullptr;
}

// git's identity rules as far as a hook needs them: GIT_COMMITTER_* first
// (libgit2 ignores them), then user.name/user.email, then a fixed fallback.
SignaturePtr signature(const Repository& repo) {
  std::string name = env("GIT_COMMITTER_NAME") ? env("GIT_COMMITTER_NAME")
                                               : repo.config_string("user.name").value_or("");
  std::string email = env("GIT_COMMITTER_EMAIL") ? env("GIT_COMMITTER_EMAIL")
                                                 : repo.config_string("user.email").value_or("");
  if (name.empty())
    name = "preflight";
  if (email.empty())
    email = "preflight@localhost";
  git_signature* raw = nullptr;
  check(git_signature_now(&raw, name.c_str(), email.c_str()), "cannot make a signature");
  return SignaturePtr(raw);
}

git_oid commit(const Repository& repo, const git_signature* who, const std::string& message,
               const git_oid& tree_id, const std::vector<const git_commit*>& parents) {
  git_tree* raw = nullptr;
  check(git_tree_lookup(&raw, repo.get(), &tree_id), "cannot read a snapshot tree");
  TreePtr tree(raw);
  git_oid id;
  std::vector<const git_commit*> list = parents;
  check(git_commit_create(&id, repo.get(), nullptr, who, who, nullptr, message.c_str(), raw,
                          list.size(), list.data()),
        "cannot write a snapshot commit");
  return id;
}

git_oid write_tree(const Repository& repo, git_index* index) {
  git_oid tree;
  check(git_index_write_tree_to(&tree, index, repo.get()), "cannot write a snapshot tree");
  return tree;
}

// Adds the working-tree file path to index with the mode and id git would give it.
void add_from_workdir(const Repository& repo, git_index* index, const git_diff_file& file) {
  git_oid blob;
  check(git_blob_create_from_workdir(&blob, repo.get(), file.path),
        std::string("cannot read ") + file.path);
  git_index_entry entry{};
  entry.path = file.path;
  entry.mode = file.mode ? file.mode : static_cast<std::uint32_t>(GIT_FILEMODE_BLOB);
  entry.id = blob;
  check(git_index_add(index, &entry), std::string("cannot snapshot ") + file.path);
}

} // namespace

std::optional<std::string> snapshot_worktree(const Repository& repo, bool untracked,
                                             const std::string& branch_label, bool allow_unborn) {
  // An unborn HEAD (the first commit) gives snapshots without a HEAD parent.
  git_reference* head_ref = nullptr;
  int head_rc = git_repository_head(&head_ref, repo.get());
  if (head_rc < 0 && (!allow_unborn || head_rc != GIT_EUNBORNBRANCH))
    throw Error("cannot snapshot: HEAD has no commit yet");
  ReferencePtr owned_head(head_ref);
  ObjectPtr owned_object;
  git_commit* head = nullptr;
  if (head_ref) {
    git_object* head_object = nullptr;
    check(git_reference_peel(&head_object, head_ref, GIT_OBJECT_COMMIT), "cannot read HEAD");
    owned_object.reset(head_object);
    head = reinterpret_cast<git_commit*>(head_object);
  }

  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, repo.get()), "cannot read the index");
  IndexPtr index(raw_index);
  if (git_index_has_conflicts(raw_index))
    throw Error("the index has unresolved conflicts, which a snapshot cannot hold; resolve "
                "them, or run git reset directly",
                Exit::blocked);

  // What differs: staged (HEAD tree vs index), unstaged and untracked (index vs files).
  git_tree* raw_head_tree = nullptr;
  if (head)
    check(git_commit_tree(&raw_head_tree, head), "cannot read HEAD's tree");
  TreePtr head_tree(raw_head_tree);
  git_diff* raw_staged = nullptr;
  check(git_diff_tree_to_index(&raw_staged, repo.get(), raw_head_tree, raw_index, nullptr),
        "cannot compare the index");
  DiffPtr staged(raw_staged);
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  if (untracked)
    options.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
  git_diff* raw_unstaged = nullptr;
  check(git_diff_index_to_workdir(&raw_unstaged, repo.get(), raw_index, &options),
        "cannot compare the working tree");
  DiffPtr unstaged(raw_unstaged);
  if (git_diff_num_deltas(raw_staged) == 0 && git_diff_num_deltas(raw_unstaged) == 0)
    return std::nullopt;

  SignaturePtr who = signature(repo);
  std::string head_id = head ? hex(git_commit_id(head)) : "(no commit)";
  const char* summary = head ? git_commit_summary(head) : nullptr;
  std::string on = branch_label + ": " + head_id.substr(0, 7) + " " + (summary ? summary : "");
  std::vector<const git_commit*> head_parents;
  if (head)
    head_parents.push_back(head);

  // I: the index as it is.
  git_oid index_tree = write_tree(repo, raw_index);
  git_oid index_id = commit(repo, who.get(), "index on " + on + "\n", index_tree, head_parents);
  git_commit* raw_i = nullptr;
  check(git_commit_lookup(&raw_i, repo.get(), &index_id), "cannot read the index commit");
  CommitPtr index_commit(raw_i);

  // W and U: the index tree plus tracked changes; untracked files on their own.
  git_index* raw_work = nullptr;
  git_index* raw_untracked = nullptr;
  check(git_index_new(&raw_work), "cannot make an index");
  IndexPtr work(raw_work);
  check(git_index_new(&raw_untracked), "cannot make an index");
  IndexPtr untracked_index(raw_untracked);
  git_tree* raw_itree = nullptr;
  check(git_tree_lookup(&raw_itree, repo.get(), &index_tree), "cannot read the index tree");
  TreePtr itree(raw_itree);
  check(git_index_read_tree(raw_work, raw_itree), "cannot load the index tree");
  std::size_t untracked_count = 0;
  for (std::size_t i = 0; i < git_diff_num_deltas(raw_unstaged); ++i) {
    const git_diff_delta* delta = git_diff_get_delta(raw_unstaged, i);
    if (delta->status == GIT_DELTA_DELETED)
      git_index_remove_bypath(raw_work, delta->old_file.path);
    else if (delta->status == GIT_DELTA_UNTRACKED) {
      add_from_workdir(repo, raw_untracked, delta->new_file);
      ++untracked_count;
    } else
      add_from_workdir(repo, raw_work, delta->new_file);
  }
  std::vector<const git_commit*> parents = head_parents;
  parents.push_back(raw_i);
  CommitPtr untracked_commit;
  if (untracked_count > 0) {
    git_oid u = commit(repo, who.get(), "untracked files on " + on + "\n",
                       write_tree(repo, raw_untracked), {});
    git_commit* raw_u = nullptr;
    check(git_commit_lookup(&raw_u, repo.get(), &u), "cannot read the untracked commit");
    untracked_commit.reset(raw_u);
    parents.push_back(raw_u);
  }
  git_oid w = commit(repo, who.get(), "WIP on " + on + "\n", write_tree(repo, raw_work), parents);
  return hex(&w);
}

std::string snapshot_files(const Repository& repo, const std::vector<std::string>& paths,
                           const std::string& branch_label) {
  namespace fs = std::filesystem;
  auto root = repo.workdir();
  git_object* raw_head = nullptr;
  if (!root || git_revparse_single(&raw_head, repo.get(), "HEAD^{commit}") < 0)
    throw Error("cannot snapshot: HEAD has no commit yet");
  ObjectPtr owned_head(raw_head);
  auto* head = reinterpret_cast<git_commit*>(raw_head);
  git_oid head_tree = *git_commit_tree_id(head);

  // U: the files byte for byte; git's own stash would run the clean filter.
  git_index* raw_files = nullptr;
  check(git_index_new(&raw_files), "cannot make an index");
  IndexPtr files(raw_files);
  for (const std::string& path : paths) {
    fs::path full = *root / path;
    git_index_entry entry{};
    entry.path = path.c_str();
    fs::file_status status = fs::symlink_status(full);
    if (fs::is_symlink(status)) {
      std::string target = fs::read_symlink(full).string();
      check(git_blob_create_from_buffer(&entry.id, repo.get(), target.data(), target.size()),
            "cannot save " + path);
      entry.mode = GIT_FILEMODE_LINK;
    } else {
      check(git_blob_create_from_disk(&entry.id, repo.get(), full.c_str()), "cannot save " + path);
      bool executable = (status.permissions() & fs::perms::owner_exec) != fs::perms::none;
      entry.mode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
    }
    check(git_index_add(raw_files, &entry), "cannot snapshot " + path);
  }

  SignaturePtr who = signature(repo);
  const char* summary = git_commit_summary(head);
  std::string on =
      branch_label + ": " + hex(git_commit_id(head)).substr(0, 7) + " " + (summary ? summary : "");
  git_oid index_id = commit(repo, who.get(), "index on " + on + "\n", head_tree, {head});
  git_oid untracked_id =
      commit(repo, who.get(), "untracked files on " + on + "\n", write_tree(repo, raw_files), {});
  git_commit* raw_i = nullptr;
  check(git_commit_lookup(&raw_i, repo.get(), &index_id), "cannot read the index commit");
  CommitPtr index_commit(raw_i);
  git_commit* raw_u = nullptr;
  check(git_commit_lookup(&raw_u, repo.get(), &untracked_id), "cannot read the untracked commit");
  CommitPtr untracked_commit(raw_u);
  git_oid w = commit(repo, who.get(), "WIP on " + on + "\n", head_tree, {head, raw_i, raw_u});
  return hex(&w);
}

std::vector<std::string> identical_untracked(const Repository& repo, const std::string& snapshot) {
  std::vector<std::string> out;
  auto root = repo.workdir();
  git_oid id;
  git_commit* raw = nullptr;
  if (!root || git_oid_fromstr(&id, snapshot.c_str()) < 0 ||
      git_commit_lookup(&raw, repo.get(), &id) < 0)
    return out;
  CommitPtr commit(raw);
  git_commit* raw_untracked = nullptr;
  if (git_commit_parentcount(raw) < 3 || git_commit_parent(&raw_untracked, raw, 2) < 0)
    return out;
  CommitPtr untracked(raw_untracked);
  git_tree* raw_tree = nullptr;
  check(git_commit_tree(&raw_tree, raw_untracked), "cannot read the untracked files");
  TreePtr tree(raw_tree);
  struct Walk {
    const Repository* repo;
    std::vector<std::string>* out;
  } walk{&repo, &out};
  git_tree_walk(
      raw_tree, GIT_TREEWALK_PRE,
      [](const char* folder, const git_tree_entry* entry, void* payload) -> int {
        auto* w = static_cast<Walk*>(payload);
        if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
          return 0;
        std::string path = std::string(folder) + git_tree_entry_name(entry);
        git_oid on_disk;
        if (git_blob_create_from_workdir(&on_disk, w->repo->get(), path.c_str()) == 0 &&
            git_oid_equal(&on_disk, git_tree_entry_id(entry)))
          w->out->push_back(path);
        return 0;
      },
      &walk);
  return out;
}

} // namespace preflight::backup
