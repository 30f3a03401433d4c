#include "git/refs.hpp"

#include "git/handles.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include <filesystem>

namespace preflight::git {

namespace {

git_oid to_oid(const std::string& id) {
  git_oid oid;
  check(git_oid_fromstr(&oid, id.c_str()), "bad object id \"" + id + "\"");
  return oid;
}

// The commit an object peels to, or nullopt.
std::optional<git_oid> peel_commit(git_object* object) {
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) < 0)
    return std::nullopt;
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
  if (git_reference_lookup(&raw, repo.get(), ref.c_str()) < 0)
    return std::nullopt;
  ReferencePtr owned(raw);
  git_object* object = nullptr;
  if (git_reference_peel(&object, raw, GIT_OBJECT_ANY) < 0)
    return std::nullopt;
  ObjectPtr owned_object(object);
  auto oid = peel_commit(object);
  return oid ? std::optional(hex(&*oid)) : std::nullopt;
}

std::optional<std::string> resolve_revision(const Repository& repo, const std::string& spec) {
  git_object* object = nullptr;
  if (git_revparse_single(&object, repo.get(), spec.c_str()) < 0)
    return std::nullopt;
  ObjectPtr owned(object);
  auto oid = peel_commit(object);
  return oid ? std::optional(hex(&*oid)) : std::nullopt;
}

bool head_detached(const Repository& repo) {
  return git_repository_head_detached(repo.get()) == 1;
}

std::optional<std::string> head_branch(const Repository& repo) {
  git_reference* head = nullptr;
  if (git_reference_lookup(&head, repo.get(), "HEAD") < 0)
    return std::nullopt;
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
  if (git_reflog_read(&raw, repo.get(), ref.c_str()) < 0)
    return "";
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
  git_oid a = to_oid(ancestor), d = to_oid(descendant);
  return git_graph_descendant_of(repo.get(), &d, &a) == 1;
}

CommitInfo commit_info(const Repository& repo, const std::string& id) {
  git_oid oid = to_oid(id);
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, repo.get(), &oid), "cannot read commit " + id);
  CommitPtr commit(raw);
  const char* summary = git_commit_summary(raw);
  return {id, summary ? summary : "", static_cast<std::time_t>(git_commit_time(raw))};
}

void delete_branch(const Repository& repo, const std::string& name) {
  check(git_reference_remove(repo.get(), ("refs/heads/" + name).c_str()), "cannot delete " + name);
}

std::optional<std::string> upstream_of(const Repository& repo, const std::string& branch_ref) {
  git_buf buffer = GIT_BUF_INIT;
  std::optional<std::string> out;
  if (git_branch_upstream_name(&buffer, repo.get(), branch_ref.c_str()) == 0)
    out = std::string(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  if (out && !resolve_ref(repo, *out))
    return std::nullopt; // configured but never fetched
  return out;
}

} // namespace preflight::git
