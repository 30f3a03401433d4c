// The only module that includes <git2.h> (with the RepoView adapter beside it).
// Owns libgit2 objects through RAII and knows how git hands a repository to a hook.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct git_repository;
struct git_config;
struct git_index;

namespace preflight::git {

// Throws Error(Exit::internal) "what: <libgit2's message>" when rc < 0.
void check(int rc, std::string_view what);

// Initialises libgit2 once per process (and allows the repository extensions
// that git sets but libgit2 1.5 refuses; see the reference notes).
void init_library();

// Whether the repository of git_dir (a worktree's git dir or the common one)
// uses SHA-256 object ids (extensions.objectformat), which libgit2 1.5 cannot read.
bool uses_sha256(const std::filesystem::path& git_dir);

// What preflight says of SHA-256 repositories wherever it meets one.
inline constexpr std::string_view k_sha256_unsupported =
    "this repository uses SHA-256 object ids (extensions.objectformat = sha256), which "
    "preflight does not support: libgit2 1.5 reads SHA-1 repositories only. Backups still "
    "work there (through git); checks and the other commands do not (bypass a hook once "
    "with --no-verify)";

class Repository {
public:
  // Opens the repository a hook runs for, from git's environment: GIT_DIR,
  // GIT_WORK_TREE, GIT_COMMON_DIR and GIT_INDEX_FILE, which libgit2 1.5 only
  // partly understands. Falls back to discovery from the working directory.
  // Both throw Error with k_sha256_unsupported for a SHA-256 repository.
  static Repository open_for_hook();

  // Finds the repository containing start (a working tree or a git dir).
  static Repository discover(const std::filesystem::path& start);

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  ~Repository();

  git_repository* get() const { return m_repo.get(); }

  std::filesystem::path git_dir() const;    // per-worktree git dir
  std::filesystem::path common_dir() const; // shared by all worktrees
  // The working tree root, without a trailing slash; nullopt for bare repositories.
  std::optional<std::filesystem::path> workdir() const;
  bool is_bare() const;
  // The index git is working on (GIT_INDEX_FILE when git set it), or "" when bare.
  std::string index_path() const;
  // git_repository_index for that index: a new reference in *out, libgit2's
  // return code. GIT_INDEX_FILE is read here, on first use, not when the
  // repository opens: parsing a 300k-file index costs tens of milliseconds
  // that a commit whose changes come from the cache-tree never needs. Call it
  // (or use_index) before any libgit2 call that reads the repository's index
  // implicitly (attributes from the index, diffs against a null index).
  int index(git_index** out) const;
  void use_index() const;
  // The file that index() reads: GIT_INDEX_FILE under a hook, else
  // <git dir>/index. Reading it does not load it into libgit2.
  std::filesystem::path index_file() const;

  // A config value as git would read it here, including `git -c` values that
  // git exports to hooks (GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT).
  std::optional<std::string> config_string(std::string_view key) const;

  // Where git looks for hooks: core.hooksPath (relative to the working tree
  // root, "~/" expanded) or <common dir>/hooks.
  std::filesystem::path hooks_dir() const;

  // Whether key's value comes from the user's or the system's config files
  // (~/.gitconfig, $XDG_CONFIG_HOME/git/config, /etc/gitconfig) rather than
  // from this repository's own config or `git -c`.
  bool config_from_user_level(std::string_view key) const;

  // Whether path (relative to the working tree root) is ignored by git.
  bool is_ignored(const std::string& path) const;

  // Whether the index has any entry under folder (relative, no trailing slash).
  bool tracks_under(const std::string& folder) const;

  // Drops the config snapshot that config_string reads (after writing config).
  void forget_config() const;

private:
  struct Deleter {
    void operator()(git_repository* repo) const;
  };
  struct ConfigDeleter {
    void operator()(git_config* config) const;
  };
  explicit Repository(git_repository* repo) : m_repo(repo) {}
  std::unique_ptr<git_repository, Deleter> m_repo;
  // One snapshot of the config for every config_string call: taking one
  // copies every entry of every config file.
  mutable std::unique_ptr<git_config, ConfigDeleter> m_config;
  // GIT_INDEX_FILE, which the first index() call sets as the repository's index.
  std::string m_index_file;
  mutable bool m_index_set = false;
};

// The id `git hash-object` gives bytes as a blob (SHA-1), in hex.
std::string blob_id(std::string_view bytes);

// `git -c` values from the environment git exports to hooks, or nullopt.
// key is matched case-insensitively in its section and name parts.
std::optional<std::string> config_from_environment(std::string_view key);

// While alive, every object, ref and reflog libgit2 writes is fsynced, with its
// folder, before the call that wrote it returns (GIT_OPT_ENABLE_FSYNC_GITDIR,
// a process-wide option: hold it only where nothing else writes). For data the
// user cannot get back otherwise, written before their files are overwritten.
class DurableWrites {
public:
  DurableWrites();
  ~DurableWrites();
  DurableWrites(const DurableWrites&) = delete;
  DurableWrites& operator=(const DurableWrites&) = delete;
};

// fsyncs the loose file of ref and of its reflog, and their folders. libgit2
// decides whether to fsync refs when the repository first reads its refs, so
// DurableWrites alone does not reach them.
void sync_ref(const Repository& repo, const std::string& ref);

} // namespace preflight::git
