// The interface between hooks and checks. A check reads plain data from its
// Context (rules, the hook's input, repository facts through RepoView) and appends
// findings to a Report. Checks never include <git2.h>.
#pragma once

#include "checks/content.hpp"
#include "config/config.hpp"
#include "report/finding.hpp"

#include <filesystem>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::checks {

enum class Hook { pre_commit, commit_msg, pre_push, post_checkout, reference_transaction };

// "pre-commit", "commit-msg", ...
std::string_view hook_name(Hook hook);
std::optional<Hook> hook_from_name(std::string_view name);

// What git handed the hook: its arguments and, for pre-push and
// reference-transaction, everything it wrote to standard input.
struct HookInput {
  Hook hook = Hook::pre_commit;
  std::vector<std::string> args;
  std::string stdin_data;
  // `preflight run pre-push --from-ref A --to-ref B`: check the commits in A..B
  // instead of what git's standard input names.
  std::optional<std::pair<std::string, std::string>> range;
  // `preflight run <hook> --all-files` / `--files F...`: checks and commands run
  // on every tracked file / on these (repository-relative) files as the index
  // holds them, with no unstaged changes set aside.
  bool all_files = false;
  std::optional<std::vector<std::string>> files;
  // The server hooks (pre-receive, update): the pre-push checks on what a push
  // brings to this repository; commits on any of its refs are known already.
  bool server = false;
};

// A commit that a push would send (or that a range holds).
struct PushedCommit {
  std::string id;      // hex
  std::string label;   // "<short id> (<summary>)"
  std::string message; // raw message
};

// Repository facts a check may ask for. Implemented over libgit2 in git/, opened
// lazily so that hooks with nothing to check never pay for it.
class RepoView {
public:
  virtual ~RepoView() = default;
  // A git config value as git would read it for this repository (including
  // `git -c` values exported to hooks), or nullopt when unset.
  virtual std::optional<std::string> config_string(std::string_view key) const = 0;

  // The files the commit being made adds or changes (HEAD against the index git
  // handed the hook), every path of that index, and a reader for their bytes.
  // Read once and kept by the view (replace_staged updates it): 10,000 staged
  // files are not copied for each check that asks.
  virtual const ContentInput& staged_content() const = 0;
  // `preflight run --all-files` / `--files`: every file of the index (paths:
  // only these, when they are in it), as the commit would hold them; tree_paths
  // lists every path of the index.
  virtual ContentInput
  index_content(const std::optional<std::vector<std::string>>& paths) const = 0;
  // Makes bytes the staged content of file (one of staged_content().changes):
  // stores the blob and points the entry of the index git handed the hook at it,
  // so that the commit records bytes while the working tree keeps its file. For
  // `git commit <paths>` the real index that git keeps afterwards is updated
  // too. Later staged_content() calls see the new id and size. Returns the new
  // blob's id (hex). Throws Error.
  virtual std::string replace_staged(const FileChange& file, std::string_view bytes) const = 0;
  // The git dir that every worktree of the repository shares (where local
  // caches live), or nullopt when there is none.
  virtual std::optional<std::filesystem::path> common_dir() const = 0;
  // The index entry of path (whether or not the commit changes it), or nullopt
  // when path is not in the index; read its bytes through blobs().
  virtual std::optional<FileChange> index_entry(std::string_view path) const = 0;
  // Whether git's ignore rules ignore path.
  virtual bool is_ignored(std::string_view path) const = 0;

  // Commits reachable from local_id that the remote lacks (hiding remote_id and
  // refs/remotes/<remote>/*), oldest first.
  virtual std::vector<PushedCommit> commits_to_push(const std::string& local_id,
                                                    const std::string& remote_id,
                                                    const std::string& remote) const = 0;
  // Commits reachable from local_id that no branch or tag of this repository
  // reaches, oldest first: what a push brings to a server (its refs are not
  // updated yet while pre-receive runs). The default over-approximates with all history.
  virtual std::vector<PushedCommit> commits_new_here(const std::string& local_id) const {
    return commits_to_push(local_id, "", "");
  }
  // The bytes of path in the tree of commit id, or nullopt when it holds no
  // such blob.
  virtual std::optional<std::string> file_at(const std::string& /*id*/,
                                             const std::string& /*path*/) const {
    return std::nullopt;
  }
  // The files commit adds or changes against its first parent.
  virtual std::vector<FileChange> commit_changes(const PushedCommit& commit) const = 0;
  // What a pushed ref names when that is not a commit once annotated tags are
  // peeled: every file of a tree (labelled with ref), or the blob itself (its
  // path is ref). nullopt for a commit.
  virtual std::optional<std::vector<FileChange>> non_commit_files(const std::string& id,
                                                                  const std::string& ref) const = 0;
  // Every path in the tree of commit id, sorted.
  virtual std::vector<std::string> tree_paths(const std::string& id) const = 0;
  virtual bool is_ancestor(const std::string& ancestor, const std::string& descendant) const = 0;
  virtual bool has_object(const std::string& id) const = 0;
  // Resolves a revision to a commit id; throws Error(Exit::usage) when unknown.
  virtual std::string resolve_commit(const std::string& revision) const = 0;
  virtual const BlobReader& blobs() const = 0;
};

struct Context {
  const config::Config& config;
  const HookInput& input;
  std::filesystem::path root; // worktree root (the hook's working directory)
  const RepoView& repo;
  std::set<std::string, std::less<>> skipped; // check ids and rule names from SKIP
};

using CheckFn = void (*)(const Context& context, report::Report& report);

struct CheckDef {
  std::string_view id;      // kebab-case; what SKIP= names
  std::string_view summary; // one line for `preflight status` and docs
  Hook hook;
  CheckFn run;
};

// Every check, in the order they run. One row per check (src/checks/table.cpp).
std::span<const CheckDef> check_table();

} // namespace preflight::checks
