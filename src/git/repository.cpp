#include "git/repository.hpp"

#include "git/handles.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include <git2.h>

#include <git2/sys/repository.h>
#include <mutex>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace preflight::git {
namespace fs = std::filesystem;

void check(int rc, std::string_view what) {
  if (rc >= 0)
    return;
  const git_error* error = git_error_last();
  std::string message = std::string(what) + ": " + (error ? error->message : "unknown error");
  throw Error(message, Exit::internal);
}

void init_library() {
  static bool done = false;
  if (done)
    return;
  done = true;
  git_libgit2_init();
  // git writes these for sparse checkouts and partial clones; libgit2 1.5 refuses
  // to open such repositories unless told that we accept them. We never need
  // per-worktree config nor lazy fetching of missing blobs.
  const char* extensions[] = {"worktreeconfig", "partialclone", "preciousobjects"};
  git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, extensions, std::size(extensions));
  // git does not re-hash every object it reads, and the collision-detecting
  // SHA-1 made that half of a pre-push range check.
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  // A hook reads each blob once; the object cache only cost a lock per read,
  // which the content checks' threads fought over (two futex calls a file).
  git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
}

DurableWrites::DurableWrites() {
  check(git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1), "cannot ask for durable writes");
}

DurableWrites::~DurableWrites() {
  git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
}

namespace {

void fsync_path(const std::filesystem::path& path, int flags) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
  if (fd < 0)
    return; // a packed ref, or no reflog: nothing loose to sync
  int rc = ::fsync(fd);
  int saved = errno;
  ::close(fd);
  if (rc != 0 && saved != EINVAL)
    throw Error("cannot flush " + path.string() + ": " + std::strerror(saved), Exit::internal);
}

} // namespace

void sync_ref(const Repository& repo, const std::string& ref) {
  for (const auto& path : {repo.common_dir() / ref, repo.common_dir() / "logs" / ref}) {
    fsync_path(path, 0);
    fsync_path(path.parent_path(), O_DIRECTORY);
  }
}

void Repository::Deleter::operator()(git_repository* repo) const {
  git_repository_free(repo);
}

Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

namespace {

const char* env(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? value : nullptr;
}

// The SHA-256 refusal, once libgit2 opened such a repository (it does when
// told to read GIT_DIR from the environment, then fails on the index).
Repository refuse_sha256(Repository repo) {
  // The config snapshot the repository keeps, not the file read again: every
  // hook opens a repository, and reading the config twice cost 7% of a
  // commit-msg hook's instructions.
  if (repo.config_string("extensions.objectformat") == "sha256")
    throw Error(std::string(k_sha256_unsupported), Exit::internal);
  return repo;
}

} // namespace

bool uses_sha256(const fs::path& git_dir) {
  init_library();
  fs::path common = git_dir;
  // A linked worktree's .git file: "gitdir: <its git dir>".
  std::error_code error;
  if (auto text = fs::is_regular_file(git_dir, error) ? read_file_if_exists(git_dir) : std::nullopt;
      text && text->starts_with("gitdir: ")) {
    fs::path named = text->substr(8, text->find('\n') - 8);
    common = named.is_absolute() ? named : git_dir.parent_path() / named;
  }
  if (auto text = read_file_if_exists(common / "commondir")) {
    fs::path named = text->substr(0, text->find('\n'));
    common = named.is_absolute() ? named : common / named;
  }
  git_config* raw = nullptr;
  if (git_config_open_ondisk(&raw, (common / "config").c_str()) < 0)
    return false;
  std::unique_ptr<git_config, void (*)(git_config*)> config(raw, git_config_free);
  git_buf value = GIT_BUF_INIT;
  bool sha256 = git_config_get_string_buf(&value, raw, "extensions.objectformat") == 0 &&
                std::string_view(value.ptr, value.size) == "sha256";
  git_buf_dispose(&value);
  return sha256;
}

Repository Repository::open_for_hook() {
  init_library();
  git_repository* repo = nullptr;
  const char* git_dir = env("GIT_DIR");
  const char* work_tree = env("GIT_WORK_TREE");
  if (!env("GIT_WORK_TREE") && !env("GIT_COMMON_DIR")) {
    // OPEN_FROM_ENV parses GIT_INDEX_FILE's whole index as it opens: hide it,
    // and let index() read it on first use.
    std::string index_file = env("GIT_INDEX_FILE") ? env("GIT_INDEX_FILE") : "";
    if (!index_file.empty())
      ::unsetenv("GIT_INDEX_FILE");
    int rc = git_repository_open_ext(&repo, nullptr, GIT_REPOSITORY_OPEN_FROM_ENV, nullptr);
    if (!index_file.empty())
      ::setenv("GIT_INDEX_FILE", index_file.c_str(), 1);
    if (rc < 0 && uses_sha256(git_dir ? git_dir : ".git"))
      throw Error(std::string(k_sha256_unsupported), Exit::internal);
    check(rc, "cannot open the repository");
    Repository result(repo);
    result.m_index_file = index_file;
    return refuse_sha256(std::move(result));
  }
  // libgit2 1.5 refuses GIT_WORK_TREE and GIT_COMMON_DIR under OPEN_FROM_ENV
  // (git exports GIT_WORK_TREE in `rebase --exec`): open by hand.
  int rc = git_dir ? git_repository_open_ext(&repo, git_dir, GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr)
                   : git_repository_open_ext(&repo, ".", 0, nullptr);
  if (rc < 0 && uses_sha256(git_dir ? git_dir : ".git"))
    throw Error(std::string(k_sha256_unsupported), Exit::internal);
  check(rc, git_dir ? std::string("cannot open the repository at ") + git_dir
                    : std::string("cannot open the repository"));
  Repository result(repo);
  // libgit2 1.5 leaks a buffer when told the work tree it already has.
  auto same_folder = [](const char* a, const char* b) {
    std::error_code ec;
    std::string x = fs::weakly_canonical(a, ec).string(), y = fs::weakly_canonical(b, ec).string();
    while (x.size() > 1 && x.back() == '/')
      x.pop_back();
    while (y.size() > 1 && y.back() == '/')
      y.pop_back();
    return x == y;
  };
  const char* current = git_repository_workdir(repo);
  if (work_tree && (!current || !same_folder(work_tree, current)))
    check(git_repository_set_workdir(repo, work_tree, 0), "cannot use GIT_WORK_TREE");
  if (const char* index_file = env("GIT_INDEX_FILE"))
    result.m_index_file = index_file;
  return result;
}

Repository Repository::discover(const fs::path& start) {
  init_library();
  git_repository* repo = nullptr;
  int rc = git_repository_open_ext(&repo, start.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND)
    throw Error("not in a git repository: " + start.string() +
                    " (run this inside a repository, or pass -C <repository>)",
                Exit::usage);
  const git_error* error = rc < 0 ? git_error_last() : nullptr;
  if (error && std::string_view(error->message).find("objectformat") != std::string_view::npos)
    throw Error(start.string() + ": " + std::string(k_sha256_unsupported), Exit::internal);
  check(rc, "cannot open the repository at " + start.string());
  return refuse_sha256(Repository(repo));
}

namespace {

fs::path without_trailing_slash(const char* path) {
  std::string text(path);
  while (text.size() > 1 && text.back() == '/')
    text.pop_back();
  return text;
}

} // namespace

fs::path Repository::git_dir() const {
  return without_trailing_slash(git_repository_path(get()));
}

fs::path Repository::common_dir() const {
  return without_trailing_slash(git_repository_commondir(get()));
}

std::optional<fs::path> Repository::workdir() const {
  const char* path = git_repository_workdir(get());
  if (!path)
    return std::nullopt;
  return without_trailing_slash(path);
}

bool Repository::is_bare() const {
  return git_repository_is_bare(get()) == 1;
}

int Repository::index(git_index** out) const {
  if (!m_index_file.empty() && !m_index_set) {
    git_index* index = nullptr;
    int rc = git_index_open(&index, m_index_file.c_str());
    if (rc < 0)
      return rc;
    git_repository_set_index(get(), index);
    git_index_free(index);
    m_index_set = true;
  }
  return git_repository_index(out, get());
}

void Repository::use_index() const {
  git_index* index = nullptr;
  check(this->index(&index), "cannot open the index " + index_file().string());
  git_index_free(index);
}

fs::path Repository::index_file() const {
  return m_index_file.empty() ? git_dir() / "index" : fs::path(m_index_file);
}

std::string Repository::index_path() const {
  if (!m_index_file.empty())
    return fs::absolute(m_index_file).lexically_normal().string();
  git_index* index = nullptr;
  if (is_bare() || this->index(&index) < 0)
    return {};
  const char* path = git_index_path(index);
  std::string result = path ? fs::absolute(path).lexically_normal().string() : "";
  git_index_free(index);
  return result;
}

namespace {

std::mutex& config_lock() {
  static std::mutex lock;
  return lock;
}

} // namespace

void Repository::ConfigDeleter::operator()(git_config* config) const {
  git_config_free(config);
}

void Repository::forget_config() const {
  std::lock_guard lock(config_lock());
  m_config.reset();
}

std::optional<std::string> Repository::config_string(std::string_view key) const {
  if (auto value = config_from_environment(key))
    return value;
  git_config* config = nullptr;
  {
    std::lock_guard lock(config_lock());
    if (!m_config) {
      git_config* snapshot = nullptr;
      if (git_repository_config_snapshot(&snapshot, get()) < 0)
        return std::nullopt;
      m_config.reset(snapshot);
    }
    config = m_config.get();
  }
  git_buf buffer = GIT_BUF_INIT;
  std::optional<std::string> result;
  if (git_config_get_string_buf(&buffer, config, std::string(key).c_str()) == 0)
    result = std::string(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  return result;
}

bool Repository::config_from_user_level(std::string_view key) const {
  if (config_from_environment(key) || !config_string(key))
    return false;
  git_config_entry* entry = nullptr;
  if (git_config_get_entry(&entry, m_config.get(), std::string(key).c_str()) < 0)
    return false;
  git_config_level_t level = entry->level;
  git_config_entry_free(entry);
  return level == GIT_CONFIG_LEVEL_GLOBAL || level == GIT_CONFIG_LEVEL_XDG ||
         level == GIT_CONFIG_LEVEL_SYSTEM || level == GIT_CONFIG_LEVEL_PROGRAMDATA;
}

bool Repository::is_ignored(const std::string& path) const {
  int ignored = 0;
  check(git_ignore_path_is_ignored(&ignored, get(), path.c_str()),
        "cannot tell whether " + path + " is ignored");
  return ignored == 1;
}

bool Repository::tracks_under(const std::string& folder) const {
  git_index* index = nullptr;
  check(this->index(&index), "cannot read the index");
  std::size_t at = 0;
  bool found = git_index_find_prefix(&at, index, (folder + "/").c_str()) == 0;
  git_index_free(index);
  return found;
}

fs::path Repository::hooks_dir() const {
  auto configured = config_string("core.hooksPath");
  if (!configured || configured->empty())
    return common_dir() / "hooks";
  fs::path path = *configured;
  if (configured->starts_with("~/")) {
    const char* home = std::getenv("HOME");
    path = fs::path(home ? home : "") / configured->substr(2);
  }
  if (path.is_relative()) {
    auto root = workdir();
    path = (root ? *root : git_dir()) / path;
  }
  return path.lexically_normal();
}

TreePtr commit_tree_of(git_repository* repo, const std::string& id) {
  git_oid oid;
  check(git_oid_fromstr(&oid, id.c_str()), "invalid object id \"" + id + "\"");
  git_commit* commit = nullptr;
  check(git_commit_lookup(&commit, repo, &oid), "cannot read commit " + id);
  CommitPtr owned(commit);
  git_tree* tree = nullptr;
  check(git_commit_tree(&tree, commit), "cannot read the tree of " + id);
  return TreePtr(tree);
}

std::string blob_id(std::string_view bytes) {
  init_library();
  git_oid oid;
  check(git_odb_hash(&oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB), "cannot hash a blob");
  char text[GIT_OID_HEXSZ + 1];
  git_oid_tostr(text, sizeof text, &oid);
  return text;
}

} // namespace preflight::git
