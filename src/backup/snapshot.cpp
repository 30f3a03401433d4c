// Snapshots of uncommitted work in `git stash` format, written without touching
// the index or the working tree (git_stash_save() resets the working tree, and
// libgit2 1.5 has no "stash create"): see the reference notes, section 4.
//
//   C = conflict stages as <stage>/<path>, no parent   ("conflicts on <branch>: ...")
//   I = the index tree, parents HEAD [, C]             ("index on <branch>: ...")
//   U = the untracked files, no parent (optional)      ("untracked files on ...")
//   W = the working tree, parents HEAD, I [, U]        ("WIP on <branch>: ...")
//
// (HEAD is left out on an unborn branch), so that `git stash apply --index W`
// reads it too; restore_snapshot() puts it back without merging.
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

using RepositoryPtr = Owned<git_repository, git_repository_free>;

void add_entry(git_index* index, const char* path, std::uint32_t mode, const git_oid& id) {
  git_index_entry entry{};
  entry.path = path;
  entry.mode = mode;
  entry.id = id;
  check(git_index_add(index, &entry), std::string("cannot snapshot ") + path);
}

// Adds the working-tree version of file to index with the mode and id git would
// give it: a blob, or for a submodule the commit checked out in it (nothing when
// it has none, so the index's gitlink stays).
void add_from_workdir(const Repository& repo, git_index* index, const git_diff_file& file) {
  if (file.mode == GIT_FILEMODE_COMMIT) {
    git_repository* raw = nullptr;
    git_oid commit;
    if (git_repository_open(&raw, (*repo.workdir() / file.path).c_str()) < 0)
      return;
    RepositoryPtr sub(raw);
    if (git_reference_name_to_id(&commit, raw, "HEAD") == 0)
      add_entry(index, file.path, GIT_FILEMODE_COMMIT, commit);
    return;
  }
  git_oid blob;
  check(git_blob_create_from_workdir(&blob, repo.get(), file.path),
        std::string("cannot read ") + file.path);
  add_entry(index, file.path, file.mode ? file.mode : static_cast<std::uint32_t>(GIT_FILEMODE_BLOB),
            blob);
}

git_index_entry unstaged_copy(const git_index_entry& entry) {
  git_index_entry copy = entry;
  copy.flags = 0;
  copy.flags_extended = 0;
  return copy;
}

// A conflicted index as a snapshot holds it: resolved, each conflicted path
// taking its "ours" entry (none when ours deleted it); and every stage of the
// conflicted paths as <stage>/<path> in a second index.
struct Unmerged {
  IndexPtr resolved;
  IndexPtr stages;
  std::size_t paths = 0;
};

Unmerged split_conflicts(git_index* index) {
  Unmerged out;
  git_index* raw = nullptr;
  check(git_index_new(&raw), "cannot make an index");
  out.resolved.reset(raw);
  check(git_index_new(&raw), "cannot make an index");
  out.stages.reset(raw);
  std::string last;
  for (std::size_t i = 0; i < git_index_entrycount(index); ++i) {
    const git_index_entry* entry = git_index_get_byindex(index, i);
    int stage = GIT_INDEX_ENTRY_STAGE(entry);
    git_index_entry copy = unstaged_copy(*entry);
    if (stage == 0 || stage == 2)
      check(git_index_add(out.resolved.get(), &copy),
            std::string("cannot snapshot ") + entry->path);
    if (stage == 0)
      continue;
    std::string path = std::to_string(stage) + "/" + entry->path;
    copy.path = path.c_str();
    check(git_index_add(out.stages.get(), &copy), std::string("cannot snapshot ") + entry->path);
    if (entry->path != last) // the stages of a path are next to each other
      ++out.paths;
    last = entry->path;
  }
  return out;
}

// Whether checking out tree would overwrite the untracked file path: the tree
// has something at path, or a file (or gitlink) at a folder above it.
bool overwrites(git_tree* tree, const std::string& path) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    git_tree_entry* raw = nullptr;
    if (git_tree_entry_bypath(&raw, tree, path.substr(0, slash).c_str()) < 0)
      return false;
    bool folder = git_tree_entry_type(raw) == GIT_OBJECT_TREE;
    git_tree_entry_free(raw);
    if (!folder)
      return true;
  }
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree, path.c_str()) < 0)
    return false;
  git_tree_entry_free(raw);
  return true;
}

} // namespace

std::optional<Snapshot> snapshot_worktree(const Repository& repo, const std::string& branch_label,
                                          const SnapshotOptions& options) {
  // An unborn HEAD (the first commit) gives snapshots without a HEAD parent.
  git_reference* head_ref = nullptr;
  int head_rc = git_repository_head(&head_ref, repo.get());
  if (head_rc < 0 && (!options.allow_unborn || head_rc != GIT_EUNBORNBRANCH))
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
  check(repo.index(&raw_index), "cannot read the index");
  IndexPtr repo_index(raw_index);
  Unmerged unmerged;
  if (git_index_has_conflicts(raw_index)) {
    if (!options.conflicts)
      throw Error("the index has unresolved conflicts, which this snapshot cannot hold; resolve "
                  "them first (git add the resolved files)",
                  Exit::blocked);
    unmerged = split_conflicts(raw_index);
    raw_index = unmerged.resolved.get();
  }

  // What differs: staged (HEAD tree vs index), unstaged and untracked (index vs files).
  // A submodule differs when another commit is checked out in it, not when its own
  // files changed (git stash records the same).
  git_tree* raw_head_tree = nullptr;
  if (head)
    check(git_commit_tree(&raw_head_tree, head), "cannot read HEAD's tree");
  TreePtr head_tree(raw_head_tree);
  git_diff* raw_staged = nullptr;
  check(git_diff_tree_to_index(&raw_staged, repo.get(), raw_head_tree, raw_index, nullptr),
        "cannot compare the index");
  DiffPtr staged(raw_staged);
  git_diff_options diff_options = GIT_DIFF_OPTIONS_INIT;
  diff_options.ignore_submodules = GIT_SUBMODULE_IGNORE_DIRTY;
  if (options.untracked != Untracked::none)
    diff_options.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
  git_diff* raw_unstaged = nullptr;
  check(git_diff_index_to_workdir(&raw_unstaged, repo.get(), raw_index, &diff_options),
        "cannot compare the working tree");
  DiffPtr unstaged(raw_unstaged);

  // The changes to keep: untracked files only as asked, never a nested repository
  // (listed as its folder, "path/").
  std::vector<TreePtr> overwriters;
  for (const std::string& id : options.overwriters)
    overwriters.push_back(commit_tree_of(repo.get(), id));
  std::vector<const git_diff_delta*> changes;
  std::vector<const git_diff_delta*> untracked_files;
  for (std::size_t i = 0; i < git_diff_num_deltas(raw_unstaged); ++i) {
    const git_diff_delta* delta = git_diff_get_delta(raw_unstaged, i);
    if (delta->status != GIT_DELTA_UNTRACKED) {
      changes.push_back(delta);
      continue;
    }
    std::string path = delta->new_file.path;
    if (path.ends_with('/'))
      continue;
    bool keep = options.untracked == Untracked::all;
    for (const TreePtr& tree : overwriters)
      keep = keep || overwrites(tree.get(), path);
    if (keep)
      untracked_files.push_back(delta);
  }
  if (git_diff_num_deltas(raw_staged) == 0 && changes.empty() && untracked_files.empty() &&
      unmerged.paths == 0)
    return std::nullopt;

  SignaturePtr who = signature(repo);
  const char* summary = head ? git_commit_summary(head) : nullptr;
  std::string on = branch_label + ": " +
                   (head ? hex(git_commit_id(head)).substr(0, 7) + " " + (summary ? summary : "")
                         : "(no commit)");
  std::vector<const git_commit*> head_parents;
  if (head)
    head_parents.push_back(head);

  // I: the index as it is (conflicts resolved to "ours", their stages in a parent).
  std::vector<const git_commit*> index_parents = head_parents;
  CommitPtr conflicts_commit;
  if (unmerged.paths > 0) {
    git_oid c = commit(repo, who.get(), "conflicts on " + on + "\n",
                       write_tree(repo, unmerged.stages.get()), {});
    git_commit* raw_c = nullptr;
    check(git_commit_lookup(&raw_c, repo.get(), &c), "cannot read the conflicts commit");
    conflicts_commit.reset(raw_c);
    index_parents.push_back(raw_c);
  }
  git_oid index_tree = write_tree(repo, raw_index);
  git_oid index_id = commit(repo, who.get(), "index on " + on + "\n", index_tree, index_parents);
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
  for (const git_diff_delta* delta : changes) {
    if (delta->status == GIT_DELTA_DELETED)
      git_index_remove_bypath(raw_work, delta->old_file.path);
    else
      add_from_workdir(repo, raw_work, delta->new_file);
  }
  for (const git_diff_delta* delta : untracked_files)
    add_from_workdir(repo, raw_untracked, delta->new_file);
  std::vector<const git_commit*> parents = head_parents;
  parents.push_back(raw_i);
  CommitPtr untracked_commit;
  if (!untracked_files.empty()) {
    git_oid u = commit(repo, who.get(), "untracked files on " + on + "\n",
                       write_tree(repo, raw_untracked), {});
    git_commit* raw_u = nullptr;
    check(git_commit_lookup(&raw_u, repo.get(), &u), "cannot read the untracked commit");
    untracked_commit.reset(raw_u);
    parents.push_back(raw_u);
  }
  git_oid w = commit(repo, who.get(), "WIP on " + on + "\n", write_tree(repo, raw_work), parents);
  return Snapshot{hex(&w), untracked_files.size(), unmerged.paths};
}

std::optional<std::string> snapshot_worktree(const Repository& repo, bool untracked,
                                             const std::string& branch_label, bool allow_unborn) {
  SnapshotOptions options;
  options.untracked = untracked ? Untracked::all : Untracked::none;
  options.allow_unborn = allow_unborn;
  auto snapshot = snapshot_worktree(repo, branch_label, options);
  return snapshot ? std::optional<std::string>(snapshot->id) : std::nullopt;
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

} // namespace preflight::backup
