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

namespace preflight::git {

// Throws Error(Exit::internal) "what: <libgit2's message>" when rc < 0.
void check(int rc, std::string_view what);

// Initialises libgit2 once per process (and allows the repository extensions
// that git sets but libgit2 1.5 refuses; see the reference notes).
void init_library();

class Repository {
public:
  // Opens the repository a hook runs for, from git's environment: GIT_DIR,
  // GIT_WORK_TREE, GIT_COMMON_DIR and GIT_INDEX_FILE, which libgit2 1.5 only
  // partly understands. Falls back to discovery from the working directory.
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
