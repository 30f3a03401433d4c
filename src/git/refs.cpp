#include "git/refs.hpp"

#include "git/handles.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"

#include <filesystem>

namespace preflight::git {

namespace {

git_oid to_oid(const std::string& id) {
  git_oid oid;
  check(git_oid_fromstr(&oid, id.c_str()), "bad object id \"" + id + "\"");
  return oid;
}

// The commit an object peels to, or nullopt when it names no commit (a tag of
// a tree or a blob).
std::optional<git_oid> peel_commit(git_object* object) {
  git_object* peeled = nullptr;
  int rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT);
  if (rc == GIT_EPEEL || rc == GIT_EINVALIDSPEC || rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, "cannot read object " + hex(git_object_id(object)));
  git_oid oid = *git_object_id(peeled);
  git_object_free(peeled);
  return oid;
}

namespace fs = std::filesystem;

// The first line of a file, or "" when it does not exist.
std::string first_line(const fs::path& path) {
  std::string text = read_file_if_exists(path).value_or("");
  return text.substr(0, text.find('\n'));
}

// The branches one worktree's git dir says are in use.
void in_use_by(const fs::path& git_dir, const std::string& where, std::vector<BranchInUse>& out) {
  auto add = [&](std::string ref, const char* how) {
    if (!ref.starts_with("refs/heads/"))
      ref = "refs/heads/" + ref;
    if (ref.size() > 11)
      out.push_back({ref, where, how});
  };
  if (std::string head = first_line(git_dir / "HEAD"); head.starts_with("ref: refs/heads/"))
    add(head.substr(5), "checked out");
  for (const char* file : {"rebase-merge/head-name", "rebase-apply/head-name"})
    if (std::string name = first_line(git_dir / file); name.starts_with("refs/heads/"))
      add(name, "being rebased");
  // BISECT_START holds the branch name (or a commit id when HEAD was detached).
  if (std::string name = first_line(git_dir / "BISECT_START");
      !name.empty() && name.find_first_not_of("0123456789abcdef") != std::string::npos)
    add(name, "being bisected");
}

CommitPtr read_commit(const Repository& repo, const std::string& id) {
  git_oid oid = to_oid(id);
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, repo.get(), &oid), "cannot read commit " + id);
  return CommitPtr(raw);
}

// git itself, for what libgit2 1.5 gets wrong in a shallow clone. argv only.
RunResult run_git(const Repository& repo, std::vector<std::string> args, std::string input) {
  std::vector<std::string> argv{"git", "--git-dir=" + repo.git_dir().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  preflight::RunOptions options;
  options.input = std::move(input);
  options.capture_output = true;
  return run_process(argv, options);
}

} // namespace

std::vector<BranchInUse> branches_in_use(const Repository& repo) {
  std::vector<BranchInUse> out;
  fs::path common = repo.common_dir();
  if (!common.has_filename())
    common = common.parent_path(); // "/repo/.git/" -> "/repo/.git"
  // The main worktree is the folder of <repo>/.git; a bare repository has none.
  fs::path main_folder = common.filename() == ".git" ? common.parent_path() : common;
  in_use_by(common, main_folder.string(), out);
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(common / "worktrees", error)) {
    // <common>/worktrees/<id>/gitdir names the .git file inside the worktree.
    fs::path dot_git = first_line(entry.path() / "gitdir");
    in_use_by(entry.path(),
              dot_git.empty() ? entry.path().string() : dot_git.parent_path().string(), out);
  }
  return out;
}

std::optional<std::string> resolve_ref(const Repository& repo, const std::string& ref) {
  git_reference* raw = nullptr;
  int rc = git_reference_lookup(&raw, repo.get(), ref.c_str());
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, "cannot read " + ref);
  ReferencePtr owned(raw);
  git_object* object = nullptr;
  rc = git_reference_peel(&object, raw, GIT_OBJECT_ANY);
  if (rc == GIT_ENOTFOUND && git_reference_type(raw) == GIT_REFERENCE_SYMBOLIC)
    return std::nullopt; // unborn: a symbolic ref to nothing
  check(rc, "cannot read " + ref);
  ObjectPtr owned_object(object);
  auto oid = peel_commit(object);
  return oid ? std::optional(hex(&*oid)) : std::nullopt;
}

std::optional<std::string> resolve_revision(const Repository& repo, const std::string& spec) {
  git_object* object = nullptr;
  int rc = git_revparse_single(&object, repo.get(), spec.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC || rc == GIT_EPEEL)
    return std::nullopt; // not a revision: the caller's word is something else
  check(rc, "cannot read revision \"" + spec + "\"");
  ObjectPtr owned(object);
  auto oid = peel_commit(object);
  return oid ? std::optional(hex(&*oid)) : std::nullopt;
}

bool head_detached(const Repository& repo) {
  int rc = git_repository_head_detached(repo.get());
  check(rc, "cannot read HEAD");
  return rc == 1;
}

std::optional<std::string> head_branch(const Repository& repo) {
  git_reference* head = nullptr;
  int rc = git_reference_lookup(&head, repo.get(), "HEAD");
  if (rc == GIT_ENOTFOUND)
    return std::nullopt;
  check(rc, "cannot read HEAD");
  ReferencePtr owned(head);
  if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC)
    return std::nullopt;
  std::string_view target = git_reference_symbolic_target(head);
  if (!target.starts_with("refs/heads/"))
    return std::nullopt;
  return std::string(target.substr(11));
}

bool rebase_in_progress(const Repository& repo) {
  switch (git_repository_state(repo.get())) {
  case GIT_REPOSITORY_STATE_REBASE:
  case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
  case GIT_REPOSITORY_STATE_REBASE_MERGE:
  case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE: return true;
  default: return false;
  }
}

std::string newest_reflog_subject(const Repository& repo, const std::string& ref) {
  git_reflog* raw = nullptr;
  int rc = git_reflog_read(&raw, repo.get(), ref.c_str());
  if (rc == GIT_ENOTFOUND)
    return "";
  check(rc, "cannot read the reflog of " + ref);
  ReflogPtr reflog(raw);
  if (git_reflog_entrycount(raw) == 0)
    return "";
  const char* message = git_reflog_entry_message(git_reflog_entry_byindex(raw, 0));
  return message ? message : "";
}

bool is_ancestor(const Repository& repo, const std::string& ancestor,
                 const std::string& descendant) {
  if (ancestor == descendant)
    return true;
  // Commits, as git merge-base --is-ancestor takes them: annotated tags are
  // peeled (libgit2's graph walk given a tag fails, and leaks on that path).
  auto commit_of = [&repo](const std::string& id) {
    git_oid oid = to_oid(id);
    git_object* object = nullptr;
    check(git_object_lookup(&object, repo.get(), &oid, GIT_OBJECT_ANY), "cannot read object " + id);
    ObjectPtr owned(object);
    auto commit = peel_commit(object);
    if (!commit)
      throw Error(id + " names no commit (a tag of a tree or a blob): it has no history");
    return *commit;
  };
  git_oid a = commit_of(ancestor), d = commit_of(descendant);
  if (git_oid_equal(&a, &d))
    return true;
  // The common case (a commit on top of its parent) without a history walk,
  // which in a shallow clone would mean running git.
  // (A failed lookup is left to the walk below, which reports it.)
  git_commit* raw = nullptr;
  if (git_commit_lookup(&raw, repo.get(), &d) == 0) {
    CommitPtr commit(raw);
    for (unsigned i = 0; i < git_commit_parentcount(raw); ++i)
      if (git_oid_equal(git_commit_parent_id(raw, i), &a))
        return true;
  }
  // In a shallow clone libgit2 fails at the boundary (and leaks on that error
  // path): ask git.
  if (!is_shallow(repo)) {
    int rc = git_graph_descendant_of(repo.get(), &d, &a);
    check(rc, "cannot tell whether " + ancestor + " is in the history of " + descendant);
    return rc == 1;
  }
  int code = run_git(repo, {"merge-base", "--is-ancestor", hex(&a), hex(&d)}, "").exit_code;
  if (code != 0 && code != 1)
    throw Error("cannot tell whether " + ancestor + " is in the history of " + descendant +
                ": git merge-base failed with exit code " + std::to_string(code));
  return code == 0;
}

bool is_shallow(const Repository& repo) {
  int rc = git_repository_is_shallow(repo.get());
  check(rc, "cannot tell whether the repository is shallow");
  // libgit2 1.5 looks in the worktree's git dir only; git keeps the file in
  // the common dir, which linked worktrees share.
  std::error_code error;
  return rc == 1 || std::filesystem::exists(repo.common_dir() / "shallow", error);
}

std::vector<std::string> reachable(const Repository& repo, const std::vector<std::string>& from,
                                   const std::vector<std::string>& hide, std::size_t limit) {
  std::vector<std::string> out;
  std::string what = "cannot walk the history of " + (from.empty() ? "nothing" : from[0]);
  if (from.empty() || limit == 0)
    return out;
  if (is_shallow(repo)) {
    std::string input;
    for (const std::string& id : from)
      input += id + "\n";
    for (const std::string& id : hide)
      input += "^" + id + "\n";
    RunResult result = run_git(
        repo, {"rev-list", "--max-count=" + std::to_string(limit), "--stdin"}, std::move(input));
    if (result.exit_code != 0)
      throw Error(what + ": git rev-list failed with exit code " +
                  std::to_string(result.exit_code));
    for (std::size_t start = 0; start < result.output.size();) {
      std::size_t end = result.output.find('\n', start);
      if (end == std::string::npos)
        end = result.output.size();
      if (end > start)
        out.push_back(result.output.substr(start, end - start));
      start = end + 1;
    }
    return out;
  }
  git_revwalk* raw = nullptr;
  check(git_revwalk_new(&raw, repo.get()), what);
  RevwalkPtr walk(raw);
  for (const std::string& id : from) {
    git_oid oid = to_oid(id);
    check(git_revwalk_push(walk.get(), &oid), what + ": cannot start from " + id);
  }
  for (const std::string& id : hide) {
    git_oid oid = to_oid(id);
    check(git_revwalk_hide(walk.get(), &oid), what + ": cannot leave out " + id);
  }
  check(git_revwalk_sorting(walk.get(), GIT_SORT_TIME), what);
  git_oid oid;
  while (out.size() < limit) {
    int rc = git_revwalk_next(&oid, walk.get());
    if (rc == GIT_ITEROVER)
      break;
    check(rc, what);
    out.push_back(hex(&oid));
  }
  return out;
}

std::string author_stamp(const Repository& repo, const std::string& id) {
  CommitPtr commit = read_commit(repo, id);
  const git_signature* author = git_commit_author(commit.get());
  return std::string(author->email ? author->email : "") + " " + std::to_string(author->when.time);
}

std::vector<std::string> parent_ids(const Repository& repo, const std::string& id) {
  CommitPtr commit = read_commit(repo, id);
  git_commit* raw = commit.get();
  std::vector<std::string> out;
  for (unsigned i = 0; i < git_commit_parentcount(raw); ++i)
    out.push_back(hex(git_commit_parent_id(raw, i)));
  return out;
}

std::optional<std::string> patch_id(const Repository& repo, const std::string& id) {
  CommitPtr commit = read_commit(repo, id);
  git_commit* raw = commit.get();
  unsigned parents = git_commit_parentcount(raw);
  if (parents > 1)
    return std::nullopt;
  git_tree* tree_raw = nullptr;
  check(git_commit_tree(&tree_raw, raw), "cannot read the tree of " + id);
  TreePtr tree(tree_raw);
  TreePtr parent_tree;
  if (parents == 1) {
    git_commit* parent_raw = nullptr;
    int rc = git_commit_parent(&parent_raw, raw, 0);
    if (rc == GIT_ENOTFOUND && is_shallow(repo))
      return std::nullopt; // a shallow boundary: its change is unknown
    check(rc, "cannot read the parent of " + id);
    CommitPtr parent(parent_raw);
    git_tree* parent_tree_raw = nullptr;
    check(git_commit_tree(&parent_tree_raw, parent_raw), "cannot read the tree of " + id + "^");
    parent_tree.reset(parent_tree_raw);
  }
  git_diff* diff_raw = nullptr;
  check(git_diff_tree_to_tree(&diff_raw, repo.get(), parent_tree.get(), tree.get(), nullptr),
        "cannot diff " + id);
  DiffPtr diff(diff_raw);
  if (git_diff_num_deltas(diff_raw) == 0)
    return std::nullopt;
  git_oid patch;
  check(git_diff_patchid(&patch, diff_raw, nullptr), "cannot compute the patch id of " + id);
  return hex(&patch);
}

CommitInfo commit_info(const Repository& repo, const std::string& id) {
  CommitPtr commit = read_commit(repo, id);
  git_commit* raw = commit.get();
  const char* summary = git_commit_summary(raw);
  return {id, summary ? summary : "", static_cast<std::time_t>(git_commit_time(raw))};
}

void delete_branch(const Repository& repo, const std::string& name) {
  check(git_reference_remove(repo.get(), ("refs/heads/" + name).c_str()), "cannot delete " + name);
}

std::optional<std::string> upstream_of(const Repository& repo, const std::string& branch_ref) {
  git_buf buffer = GIT_BUF_INIT;
  std::optional<std::string> out;
  int rc = git_branch_upstream_name(&buffer, repo.get(), branch_ref.c_str());
  if (rc == 0)
    out = std::string(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  if (rc != GIT_ENOTFOUND)
    check(rc, "cannot read the upstream of " + branch_ref);
  if (out && !resolve_ref(repo, *out))
    return std::nullopt; // configured but never fetched
  return out;
}

} // namespace preflight::git
