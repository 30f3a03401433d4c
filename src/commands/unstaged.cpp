// See unstaged.hpp. Files are written through git's smudge filters (CRLF,
// ident) and hashed through its clean filters, so what the restore compares is
// what `git diff` would compare.
#include "commands/unstaged.hpp"

#include "backup/snapshot.hpp"
#include "git/handles.hpp"
#include "git/refs.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include <fcntl.h>
#include <set>
#include <string_view>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace preflight::commands {

using namespace git;

namespace fs = std::filesystem;

namespace {

using BlobPtr = Owned<git_blob, git_blob_free>;

std::string worktree_name(const Repository& repo) {
  auto name_of = [](fs::path p) {
    p = p.lexically_normal();
    if (p.filename().empty())
      p = p.parent_path();
    return p;
  };
  fs::path git_dir = name_of(repo.git_dir());
  if (git_dir == name_of(repo.common_dir()))
    return "main";
  return git_dir.filename().string();
}

fs::path workdir_of(const Repository& repo) {
  auto root = repo.workdir();
  if (!root)
    throw Error("a bare repository has no working tree to run commands in", Exit::usage);
  return *root;
}

git_oid parse_oid(const std::string& text) {
  git_oid id;
  check(git_oid_fromstr(&id, text.c_str()), "bad object id " + text);
  return id;
}

TreePtr commit_tree(const git_commit* commit) {
  git_tree* tree = nullptr;
  check(git_commit_tree(&tree, commit), "cannot read a snapshot tree");
  return TreePtr(tree);
}

std::string blob_bytes(const Repository& repo, const git_oid& id) {
  git_blob* raw = nullptr;
  check(git_blob_lookup(&raw, repo.get(), &id), "cannot read blob " + hex(&id));
  BlobPtr blob(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(raw)),
                     static_cast<std::size_t>(git_blob_rawsize(raw)));
}

// Writes blob id as path in the working tree (through smudge filters), atomically.
void write_worktree_file(const Repository& repo, const std::string& path, const git_oid& id,
                         std::uint32_t mode) {
  fs::path target = workdir_of(repo) / path;
  fs::create_directories(target.parent_path());
  if (mode == GIT_FILEMODE_LINK) {
    std::string link = blob_bytes(repo, id);
    fs::path temp = target;
    temp += ".preflight-link";
    ::unlink(temp.c_str());
    if (::symlink(link.c_str(), temp.c_str()) != 0 || ::rename(temp.c_str(), target.c_str()) != 0)
      throw Error("cannot write the link " + target.string());
    return;
  }
  git_blob* raw = nullptr;
  check(git_blob_lookup(&raw, repo.get(), &id), "cannot read blob " + hex(&id));
  BlobPtr blob(raw);
  git_buf buf = GIT_BUF_INIT;
  git_blob_filter_options options = GIT_BLOB_FILTER_OPTIONS_INIT;
  check(git_blob_filter(&buf, raw, path.c_str(), &options), "cannot filter " + path);
  std::string data(buf.ptr ? buf.ptr : "", buf.size);
  git_buf_dispose(&buf);
  struct stat st {};
  if (::lstat(target.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
    ::unlink(target.c_str()); // a link must not redirect the write
  write_file_atomic(target, data,
                    mode == GIT_FILEMODE_BLOB_EXECUTABLE ? fs::perms(0755) : fs::perms(0644));
}

void remove_worktree_file(const Repository& repo, const std::string& path) {
  fs::path target = workdir_of(repo) / path;
  if (::unlink(target.c_str()) != 0 && errno != ENOENT)
    throw Error("cannot remove " + target.string());
}

// The working file's id through clean filters, and its mode; nullopt when absent.
std::optional<std::pair<git_oid, std::uint32_t>> worktree_blob(const Repository& repo,
                                                               const std::string& path) {
  fs::path target = workdir_of(repo) / path;
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0 || S_ISDIR(st.st_mode))
    return std::nullopt;
  git_oid id;
  check(git_blob_create_from_workdir(&id, repo.get(), path.c_str()), "cannot read " + path);
  std::uint32_t mode = S_ISLNK(st.st_mode)      ? GIT_FILEMODE_LINK
                       : (st.st_mode & S_IXUSR) ? GIT_FILEMODE_BLOB_EXECUTABLE
                                                : GIT_FILEMODE_BLOB;
  return std::make_pair(id, mode);
}

std::vector<std::string> unstaged_paths(const Repository& repo) {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags |= GIT_DIFF_IGNORE_SUBMODULES;
  git_diff* raw = nullptr;
  repo.use_index(); // a null index below is the repository's
  check(git_diff_index_to_workdir(&raw, repo.get(), nullptr, &options),
        "cannot compare the working tree with the index");
  DiffPtr diff(raw);
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < git_diff_num_deltas(raw); ++i) {
    const git_diff_delta* delta = git_diff_get_delta(raw, i);
    if (delta->new_file.mode == GIT_FILEMODE_COMMIT || delta->old_file.mode == GIT_FILEMODE_COMMIT)
      continue;
    paths.emplace_back(delta->old_file.path);
  }
  return paths;
}

// Points name at id with a reflog entry. git and libgit2 log refs outside
// refs/heads only when the log file exists (or core.logAllRefUpdates=always),
// so the entry is appended by hand when the update wrote none.
void set_ref(const Repository& repo, const std::string& name, const git_oid& id,
             const std::string& message) {
  git_reference* raw = nullptr;
  check(git_reference_create(&raw, repo.get(), name.c_str(), &id, 1, message.c_str()),
        "cannot write " + name);
  git_reference_free(raw);
  git_reflog* log = nullptr;
  check(git_reflog_read(&log, repo.get(), name.c_str()), "cannot read the reflog of " + name);
  ReflogPtr owned(log);
  if (git_reflog_entrycount(log) > 0 &&
      git_oid_equal(git_reflog_entry_id_new(git_reflog_entry_byindex(log, 0)), &id))
    return;
  git_signature* who = nullptr;
  if (git_signature_default(&who, repo.get()) < 0)
    check(git_signature_now(&who, "preflight", "preflight@localhost"), "cannot make a signature");
  SignaturePtr signature(who);
  check(git_reflog_append(log, &id, who, message.c_str()), "cannot log " + name);
  check(git_reflog_write(log), "cannot write the reflog of " + name);
}

// A commit with tree entries files (path -> blob and mode, nullopt: absent) on
// top of parent's tree, whose parent is parent; ref name points at it.
void save_versions(
    const Repository& repo, const git_commit* parent, const std::string& ref,
    const std::string& message,
    const std::vector<std::pair<std::string, std::optional<std::pair<git_oid, std::uint32_t>>>>&
        files,
    bool on_parent_tree) {
  git_index* raw = nullptr;
  check(git_index_new(&raw), "cannot make an index");
  IndexPtr index(raw);
  if (on_parent_tree) {
    TreePtr tree = commit_tree(parent);
    check(git_index_read_tree(raw, tree.get()), "cannot read a snapshot tree");
  }
  for (const auto& [path, blob] : files) {
    if (!blob) {
      git_index_remove_bypath(raw, path.c_str());
      continue;
    }
    git_index_entry entry{};
    entry.path = path.c_str();
    entry.mode = blob->second;
    entry.id = blob->first;
    check(git_index_add(raw, &entry), "cannot save " + path);
  }
  git_oid tree_id;
  check(git_index_write_tree_to(&tree_id, raw, repo.get()), "cannot write a tree");
  git_tree* tree = nullptr;
  check(git_tree_lookup(&tree, repo.get(), &tree_id), "cannot read a tree");
  TreePtr owned(tree);
  const git_signature* who = git_commit_committer(parent);
  git_oid id;
  const git_commit* parents[] = {parent};
  check(git_commit_create(&id, repo.get(), nullptr, who, who, nullptr, (message + "\n").c_str(),
                          tree, 1, parents),
        "cannot save " + ref);
  set_ref(repo, ref, id, message);
}

} // namespace

std::string unstaged_ref(const Repository& repo) {
  return "refs/preflight/unstaged/" + worktree_name(repo);
}

std::string fixed_ref(const Repository& repo) {
  return "refs/preflight/fixed/" + worktree_name(repo);
}

std::string kept_ref(const Repository& repo) {
  return "refs/preflight/kept/" + worktree_name(repo);
}

std::optional<std::string> leftover_snapshot(const Repository& repo) {
  git_oid id;
  if (git_reference_name_to_id(&id, repo.get(), unstaged_ref(repo).c_str()) < 0)
    return std::nullopt;
  return hex(&id);
}

std::optional<std::string> hide_unstaged(const Repository& repo) {
  return hide_paths(repo, unstaged_paths(repo));
}

std::optional<std::string> hide_paths(const Repository& repo,
                                      const std::vector<std::string>& paths) {
  if (paths.empty())
    return std::nullopt;
  auto branch = head_branch(repo);
  std::optional<std::string> snapshot;
  {
    // The snapshot is the only copy of the unstaged changes once the files are
    // overwritten: on disk (objects, ref, reflog) before the first file changes.
    DurableWrites durable;
    snapshot = backup::snapshot_worktree(repo, false, branch ? *branch : "(no branch)", true);
    if (!snapshot)
      return std::nullopt;
    set_ref(repo, unstaged_ref(repo), parse_oid(*snapshot),
            "preflight: unstaged changes set aside while commands run");
    sync_ref(repo, unstaged_ref(repo));
  }
  git_index* index = nullptr;
  check(repo.index(&index), "cannot read the index");
  IndexPtr owned(index);
  for (const std::string& path : paths) {
    const git_index_entry* entry = git_index_get_bypath(index, path.c_str(), 0);
    if (entry)
      write_worktree_file(repo, path, entry->id, entry->mode);
  }
  return snapshot;
}

RestoreResult restore_unstaged(const Repository& repo, RestoreAfter after) {
  RestoreResult result;
  auto snapshot = leftover_snapshot(repo);
  if (!snapshot)
    return result;
  git_oid w_id = parse_oid(*snapshot);
  git_commit* raw_w = nullptr;
  check(git_commit_lookup(&raw_w, repo.get(), &w_id), "cannot read snapshot " + *snapshot);
  CommitPtr w(raw_w);
  unsigned parents = git_commit_parentcount(raw_w);
  git_commit* raw_i = nullptr;
  check(git_commit_parent(&raw_i, raw_w, parents >= 2 ? 1 : 0), "cannot read the index snapshot");
  CommitPtr i(raw_i);
  TreePtr base_tree = commit_tree(raw_i);
  TreePtr their_tree = commit_tree(raw_w);
  git_diff* raw_diff = nullptr;
  check(git_diff_tree_to_tree(&raw_diff, repo.get(), base_tree.get(), their_tree.get(), nullptr),
        "cannot compare the snapshot");
  DiffPtr diff(raw_diff);
  using Version = std::optional<std::pair<git_oid, std::uint32_t>>;
  std::vector<std::pair<std::string, Version>> fixer_versions, now_versions;

  for (std::size_t n = 0; n < git_diff_num_deltas(raw_diff); ++n) {
    const git_diff_delta* delta = git_diff_get_delta(raw_diff, n);
    if (delta->old_file.mode == GIT_FILEMODE_COMMIT || delta->new_file.mode == GIT_FILEMODE_COMMIT)
      continue; // a submodule's checked-out commit: never set aside, nothing to give back
    std::string path = delta->old_file.path;
    bool theirs_deleted = delta->status == GIT_DELTA_DELETED;
    const git_diff_file& base = delta->old_file;
    const git_diff_file& theirs = delta->new_file;
    auto current = worktree_blob(repo, path);
    auto give_theirs = [&] {
      if (theirs_deleted)
        remove_worktree_file(repo, path);
      else
        write_worktree_file(repo, path, theirs.id, theirs.mode);
    };
    bool current_is_base =
        current && git_oid_equal(&current->first, &base.id) && current->second == base.mode;
    bool current_is_theirs =
        theirs_deleted ? !current : current && git_oid_equal(&current->first, &theirs.id);
    if (current_is_theirs) {
      if (current && current->second != theirs.mode)
        give_theirs(); // only the executable bit differs
      result.restored.push_back(path);
      continue;
    }
    if (current_is_base) {
      give_theirs();
      result.restored.push_back(path);
      continue;
    }
    if (after == RestoreAfter::leftover) {
      // Changed since the interrupted run hid it: by the user, most likely.
      now_versions.emplace_back(path, current);
      result.kept.push_back(path);
      continue;
    }
    // A command changed the file: merge its changes with the user's.
    bool merged = false;
    if (current && !theirs_deleted && current->second != GIT_FILEMODE_LINK &&
        theirs.mode != GIT_FILEMODE_LINK && base.mode != GIT_FILEMODE_LINK) {
      std::string ancestor = blob_bytes(repo, base.id);
      std::string ours = blob_bytes(repo, current->first);
      std::string mine = blob_bytes(repo, theirs.id);
      git_merge_file_input in_base = GIT_MERGE_FILE_INPUT_INIT, in_ours = GIT_MERGE_FILE_INPUT_INIT,
                           in_theirs = GIT_MERGE_FILE_INPUT_INIT;
      in_base.ptr = ancestor.data();
      in_base.size = ancestor.size();
      in_ours.ptr = ours.data();
      in_ours.size = ours.size();
      in_theirs.ptr = mine.data();
      in_theirs.size = mine.size();
      git_merge_file_result out{};
      if (git_merge_file(&out, &in_base, &in_ours, &in_theirs, nullptr) == 0) {
        if (out.automergeable) {
          git_oid merged_id;
          check(git_blob_create_from_buffer(&merged_id, repo.get(), out.ptr, out.len),
                "cannot store a merged file");
          write_worktree_file(repo, path, merged_id, theirs.mode);
          merged = true;
        }
        git_merge_file_result_free(&out);
      }
    }
    if (merged) {
      result.merged.push_back(path);
      continue;
    }
    if (current)
      fixer_versions.push_back({path, *current});
    give_theirs();
    result.conflicts.push_back(path);
  }
  if (!fixer_versions.empty())
    save_versions(repo, raw_w, fixed_ref(repo),
                  "preflight: command output that conflicted with unstaged changes", fixer_versions,
                  false);
  if (!now_versions.empty())
    save_versions(repo, raw_w, kept_ref(repo),
                  "preflight: files changed after an interrupted run set them aside", now_versions,
                  true);
  git_reference* ref = nullptr;
  if (git_reference_lookup(&ref, repo.get(), unstaged_ref(repo).c_str()) == 0) {
    ReferencePtr owned(ref);
    check(git_reference_delete(ref), "cannot delete " + unstaged_ref(repo));
  }
  return result;
}

std::map<std::string, std::string> dirty_files(const Repository& repo) {
  std::map<std::string, std::string> out;
  for (const std::string& path : unstaged_paths(repo)) {
    auto blob = worktree_blob(repo, path);
    out[path] =
        blob ? hex(&blob->first) + (blob->second == GIT_FILEMODE_BLOB_EXECUTABLE ? "x" : "") : "";
  }
  return out;
}

struct WorktreeWatch::Impl {
  // What a look compares: the parts of struct stat (144 bytes) that change
  // when a file is written or replaced, and that git records in the index.
  struct Stamp {
    std::int64_t mtime_sec = 0, ctime_sec = 0;
    std::uint32_t mtime_nsec = 0, ctime_nsec = 0;
    std::uint64_t size = 0, ino = 0, dev = 0;
    std::uint32_t mode = 0, uid = 0, gid = 0;

    Stamp() = default;
    explicit Stamp(const struct stat& st)
        : mtime_sec(st.st_mtim.tv_sec), ctime_sec(st.st_ctim.tv_sec),
          mtime_nsec(static_cast<std::uint32_t>(st.st_mtim.tv_nsec)),
          ctime_nsec(static_cast<std::uint32_t>(st.st_ctim.tv_nsec)),
          size(static_cast<std::uint64_t>(st.st_size)), ino(st.st_ino), dev(st.st_dev),
          mode(st.st_mode), uid(st.st_uid), gid(st.st_gid) {}
    bool operator==(const Stamp&) const = default;
  };
  struct File {
    std::string path;
    git_oid index_id{};
    std::uint32_t index_mode = 0;
    Stamp st;
    bool exists = false;
    git_oid content{}; // valid when exists
    std::uint32_t mode = 0;
  };
  const Repository& repo;
  fs::path root;
  std::vector<File> files;
  int root_fd = -1; // stat relative to it: shorter path walks than absolute paths
  // inotify on the folders holding tracked files, so that a look reads the
  // events instead of stat-ing every file; -1 falls back to stat-ing them all.
  int notify_fd = -1;
  std::map<int, std::string> folders;                         // watch descriptor -> "" or "dir/"
  std::unordered_map<std::string_view, std::size_t> index_of; // path -> files[i] (set once)

  Impl(const Repository& r, fs::path top) : repo(r), root(std::move(top)) {}
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (root_fd >= 0)
      ::close(root_fd);
    if (notify_fd >= 0)
      ::close(notify_fd);
  }

  void start_notify() {
    notify_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (notify_fd < 0)
      return;
    std::set<std::string> dirs{""};
    std::string_view last_dir;
    index_of.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      std::string_view path = files[i].path;
      index_of.emplace(path, i);
      auto slash = path.rfind('/');
      std::string_view dir = path.substr(0, slash == std::string_view::npos ? 0 : slash + 1);
      if (dir != last_dir) // index order keeps a folder's files together
        dirs.emplace(dir);
      last_dir = dir;
    }
    constexpr std::uint32_t mask = IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM |
                                   IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_DELETE_SELF |
                                   IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW;
    for (const std::string& dir : dirs) {
      int wd = ::inotify_add_watch(notify_fd, (root / dir).c_str(), mask);
      if (wd < 0) { // too many folders for the user's watch limit: stat instead
        ::close(notify_fd);
        notify_fd = -1;
        folders.clear();
        return;
      }
      folders[wd] = dir;
    }
  }

  // The tracked paths events name since the last call; nullopt when only a
  // full look can tell (an overflow, a watched folder moved or removed).
  std::optional<std::set<std::size_t>> notified() {
    if (notify_fd < 0)
      return std::nullopt;
    std::set<std::size_t> out;
    bool full = false;
    alignas(inotify_event) char buffer[65536];
    for (;;) {
      ssize_t n = ::read(notify_fd, buffer, sizeof buffer);
      if (n <= 0)
        break;
      for (char* at = buffer; at < buffer + n;) {
        auto* event = reinterpret_cast<inotify_event*>(at);
        at += sizeof(inotify_event) + event->len;
        if (event->mask & (IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
          full = true;
          continue;
        }
        auto folder = folders.find(event->wd);
        if (folder == folders.end() || event->len == 0)
          continue;
        std::string path = folder->second + event->name;
        if (auto it = index_of.find(std::string_view(path)); it != index_of.end())
          out.insert(it->second);
        else if (event->mask & IN_ISDIR)
          full = true; // a folder of tracked files may have been replaced
      }
    }
    if (full)
      return std::nullopt;
    return out;
  }

  bool stat_file(const std::string& path, Stamp& stamp) const {
    struct stat st {};
    bool found =
        ::fstatat(root_fd, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode);
    stamp = found ? Stamp(st) : Stamp();
    return found;
  }

  // Stats files[i].path into files[i] for every file: in two threads when
  // there are many, since in a virtual machine the system call itself is
  // most of the cost and git waits on one core meanwhile.
  void stat_all() {
    auto part = [this](std::size_t from, std::size_t step) {
      for (std::size_t i = from; i < files.size(); i += step)
        files[i].exists = stat_file(files[i].path, files[i].st);
    };
    if (files.size() < 512) {
      part(0, 1);
      return;
    }
    std::thread helper(part, 1, 2);
    part(0, 2);
    helper.join();
  }

  // Whether st is the stat data git recorded in entry. The index keeps 32 bits
  // of each field, as git compares them.
  static bool same_stat(const Stamp& st, const git_index_entry& entry) {
    auto low = [](auto value) { return static_cast<std::uint32_t>(value); };
    return low(st.size) == entry.file_size && low(st.mtime_sec) == low(entry.mtime.seconds) &&
           st.mtime_nsec == entry.mtime.nanoseconds &&
           low(st.ctime_sec) == low(entry.ctime.seconds) &&
           st.ctime_nsec == entry.ctime.nanoseconds && low(st.ino) == entry.ino &&
           low(st.dev) == entry.dev && st.uid == entry.uid && st.gid == entry.gid &&
           mode_of(st) == entry.mode;
  }

  static std::uint32_t mode_of(const Stamp& st) {
    return S_ISLNK(st.mode)      ? GIT_FILEMODE_LINK
           : (st.mode & S_IXUSR) ? GIT_FILEMODE_BLOB_EXECUTABLE
                                 : GIT_FILEMODE_BLOB;
  }

  // Reads file's state; hashes unless trust says its content is the index's.
  void read(File& file, bool trust_index) {
    file.exists = stat_file(file.path, file.st);
    read_stated(file, trust_index);
  }

  // The same, with file.st and file.exists already filled in.
  void read_stated(File& file, bool trust_index) {
    if (!file.exists)
      return;
    file.mode = mode_of(file.st);
    if (trust_index) {
      file.content = file.index_id;
      return;
    }
    fs::path full = root / file.path;
    if (S_ISLNK(file.st.mode)) {
      std::string target(4096, '\0');
      ssize_t n = ::readlink(full.c_str(), target.data(), target.size());
      target.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
      check(git_odb_hash(&file.content, target.data(), target.size(), GIT_OBJECT_BLOB),
            "cannot hash " + file.path);
    } else {
      check(git_repository_hashfile(&file.content, repo.get(), full.c_str(), GIT_OBJECT_BLOB,
                                    file.path.c_str()),
            "cannot read " + file.path);
    }
  }

  bool dirty(const File& file) const {
    return !file.exists || !git_oid_equal(&file.content, &file.index_id) ||
           (file.mode != file.index_mode && file.index_mode != GIT_FILEMODE_LINK);
  }
};

WorktreeWatch::WorktreeWatch(const Repository& repo)
    : m_impl(std::make_unique<Impl>(repo, workdir_of(repo))) {
  m_impl->root_fd = ::open(m_impl->root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (m_impl->root_fd < 0)
    throw Error("cannot open " + m_impl->root.string());
  git_index* raw = nullptr;
  check(repo.index(&raw), "cannot read the index");
  IndexPtr index(raw);
  check(git_index_read(raw, 0), "cannot read the index");
  struct stat index_stat {};
  bool have_index_time = ::stat(repo.index_path().c_str(), &index_stat) == 0;
  std::size_t count = git_index_entrycount(raw);
  std::vector<const git_index_entry*> entries;
  entries.reserve(count);
  m_impl->files.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(raw, i);
    if (GIT_INDEX_ENTRY_STAGE(entry) != 0 || entry->mode == GIT_FILEMODE_COMMIT ||
        (entry->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD))
      continue;
    Impl::File& file = m_impl->files.emplace_back();
    file.path = entry->path;
    file.index_id = entry->id;
    file.index_mode = entry->mode;
    entries.push_back(entry);
  }
  m_impl->stat_all();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const git_index_entry* entry = entries[i];
    Impl::File& file = m_impl->files[i];
    // git's rules (read-cache.c, ie_match_stat and is_racy_timestamp): the
    // entry's stat data vouches for the content only when size, mtime, ctime,
    // inode, owner and mode all match, and the file was modified before the
    // index was written (else it is racily clean). Anything else: hash it.
    const Impl::Stamp& st = file.st;
    bool trusted =
        file.exists && have_index_time && Impl::same_stat(st, *entry) &&
        (st.mtime_sec < index_stat.st_mtim.tv_sec ||
         (st.mtime_sec == index_stat.st_mtim.tv_sec && st.mtime_nsec < index_stat.st_mtim.tv_nsec));
    m_impl->read_stated(file, trusted);
  }
  m_impl->start_notify();
}

WorktreeWatch::~WorktreeWatch() = default;

std::vector<std::string> WorktreeWatch::dirty() const {
  std::vector<std::string> out;
  for (const Impl::File& file : m_impl->files)
    if (m_impl->dirty(file))
      out.push_back(file.path);
  return out;
}

std::vector<std::string> WorktreeWatch::changed() {
  std::vector<std::string> out;
  auto notified = m_impl->notified();
  for (std::size_t i = 0; i < m_impl->files.size(); ++i) {
    if (notified && !notified->count(i))
      continue;
    Impl::File& file = m_impl->files[i];
    Impl::Stamp st;
    bool exists = m_impl->stat_file(file.path, st);
    if (exists == file.exists && (!exists || st == file.st))
      continue;
    Impl::File before = file;
    file.exists = exists;
    file.st = st;
    m_impl->read_stated(file, false);
    if (file.exists != before.exists ||
        (file.exists &&
         (!git_oid_equal(&file.content, &before.content) || file.mode != before.mode)))
      out.push_back(file.path);
  }
  return out;
}

void WorktreeWatch::refresh(const std::vector<std::string>& paths) {
  m_impl->notified(); // our own writes: those files are read again here
  std::set<std::string> wanted(paths.begin(), paths.end());
  for (Impl::File& file : m_impl->files)
    if (wanted.count(file.path))
      m_impl->read(file, false);
}

std::optional<std::string> index_entry_id(const Repository& repo, const std::string& path) {
  git_index* index = nullptr;
  check(repo.index(&index), "cannot read the index");
  IndexPtr owned(index);
  check(git_index_read(index, 0), "cannot read the index");
  const git_index_entry* entry = git_index_get_bypath(index, path.c_str(), 0);
  if (!entry)
    return std::nullopt;
  return hex(&entry->id);
}

} // namespace preflight::commands
