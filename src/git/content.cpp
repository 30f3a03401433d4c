#include "git/content.hpp"
#include "git/cache_tree.hpp"
#include "git/loose_object.hpp"
#include "git/tree_lookup.hpp"

#include "git/handles.hpp"
#include "git/refs.hpp"
#include "git/remote_refs.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include <git2.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

namespace preflight::git {
namespace fs = std::filesystem;

namespace {

using Tree = TreePtr;
using Diff = DiffPtr;
using Index = IndexPtr;
using Commit_ = CommitPtr;
using Revwalk = RevwalkPtr;
using OdbObject = Owned<git_odb_object, git_odb_object_free>;

constexpr std::size_t k_max_packed_read = 64 << 20;
constexpr std::size_t k_small_blob = 256 << 10;

git_oid parse_id(const std::string& text) {
  git_oid id;
  check(git_oid_fromstr(&id, text.c_str()), "invalid object id \"" + text + "\"");
  return id;
}

Tree tree_of(git_repository* repo, const git_oid& commit_id) {
  git_commit* commit = nullptr;
  check(git_commit_lookup(&commit, repo, &commit_id), "cannot read commit " + hex(&commit_id));
  Commit_ owned(commit);
  git_tree* tree = nullptr;
  check(git_commit_tree(&tree, commit), "cannot read the tree of " + hex(&commit_id));
  return Tree(tree);
}

std::vector<checks::FileChange> changes_of(git_diff* diff, const std::string& label) {
  std::vector<checks::FileChange> changes;
  std::size_t count = git_diff_num_deltas(diff);
  changes.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    if (delta->status == GIT_DELTA_DELETED || delta->status == GIT_DELTA_UNMODIFIED)
      continue;
    checks::FileChange change;
    change.path = delta->new_file.path;
    change.mode = delta->new_file.mode;
    change.id = hex(&delta->new_file.id);
    change.size = delta->new_file.size;
    change.added = delta->status == GIT_DELTA_ADDED;
    change.origin = label;
    changes.push_back(std::move(change));
  }
  return changes;
}

} // namespace

OdbBlobReader::OdbBlobReader(const Repository& repo) : m_repo(repo) {
  check(git_repository_odb(&m_odb, repo.get()), "cannot open the object database");
  const char* objects = std::getenv("GIT_OBJECT_DIRECTORY");
  m_loose_dir = objects && *objects ? fs::path(objects) : repo.common_dir() / "objects";
}

OdbBlobReader::~OdbBlobReader() {
  git_odb_free(m_odb);
}

checks::BlobReader::Head OdbBlobReader::read_head(const checks::FileChange& file,
                                                  std::size_t max) const {
  // Most staged blobs are loose: read them without libgit2's five system calls
  // and odb lock per object. Packs, alternates and errors go through libgit2.
  if (auto loose = read_loose_blob(m_loose_dir, file.id, max))
    return Head{loose->size, std::move(loose->bytes)};
  git_oid id = parse_id(file.id);
  std::size_t length = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  // The index gives the working-tree size, a good hint of the blob's; without
  // one, read the object header (cheap for packed and loose objects alike).
  std::uint64_t hint = file.size;
  if (hint == 0) {
    check(git_odb_read_header(&length, &type, m_odb, &id), "cannot read object " + file.id);
    hint = length;
  }
  Head head;
  auto read_whole = [&] {
    git_odb_object* object = nullptr;
    check(git_odb_read(&object, m_odb, &id), "cannot read object " + file.id);
    OdbObject owned(object);
    std::size_t size = git_odb_object_size(object);
    head.size = size;
    head.bytes.assign(static_cast<const char*>(git_odb_object_data(object)), std::min(size, max));
  };
  // Small blobs are read whole, in one read(2); streaming maps the file, which
  // costs more than it saves below a few hundred KB.
  if (hint <= k_small_blob) {
    read_whole();
    return head;
  }
  // Large loose blobs are streamed: a 2 GB blob costs its first max bytes.
  git_odb_stream* stream = nullptr;
  if (git_odb_open_rstream(&stream, &length, &type, m_odb, &id) == 0) {
    head.size = length;
    head.bytes.resize(std::min(max, length));
    std::size_t filled = 0;
    while (filled < head.bytes.size()) {
      int n = stream->read(stream, head.bytes.data() + filled, head.bytes.size() - filled);
      if (n <= 0)
        break;
      filled += static_cast<std::size_t>(n);
    }
    head.bytes.resize(filled);
    git_odb_stream_free(stream);
    return head;
  }
  // Packed objects cannot be streamed: read them whole when that is affordable,
  // else only their size is known.
  check(git_odb_read_header(&length, &type, m_odb, &id), "cannot read object " + file.id);
  if (length <= k_max_packed_read) {
    read_whole();
    return head;
  }
  head.size = length;
  return head;
}

namespace {

bool mentions_lfs(const std::optional<std::string>& text) {
  return text && text->find("lfs") != std::string::npos;
}

// Whether the attributes files outside the trees mention "lfs":
// info/attributes, the user's and the system's.
bool outside_lfs_attributes(const Repository& repo) {
  std::vector<fs::path> files = {repo.common_dir() / "info" / "attributes", "/etc/gitattributes"};
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  if (auto user = repo.config_string("core.attributesFile"))
    files.emplace_back(user->starts_with("~/") && home ? std::string(home) + user->substr(1)
                                                       : *user);
  if (xdg && *xdg)
    files.push_back(fs::path(xdg) / "git" / "attributes");
  else if (home && *home)
    files.push_back(fs::path(home) / ".config" / "git" / "attributes");
  for (const fs::path& file : files)
    if (mentions_lfs(read_file_if_exists(file)))
      return true;
  return false;
}

// Whether any attributes source git reads mentions "lfs": the .gitattributes
// files of the index and of the working tree, and those outside. When none
// does, no path is given to LFS and the per-path lookups (tens of microseconds
// each) are skipped.
bool any_lfs_attributes(const Repository& repo) {
  git_repository* r = repo.get();
  auto workdir = repo.workdir();
  if (workdir && mentions_lfs(read_file_if_exists(*workdir / ".gitattributes")))
    return true;
  git_index* raw_index = nullptr;
  if (repo.index(&raw_index) < 0)
    return true; // cannot tell: ask per path
  Index index(raw_index);
  for (std::size_t i = 0, n = git_index_entrycount(index.get()); i < n; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    std::string_view path = entry->path;
    if (path != ".gitattributes" && !path.ends_with("/.gitattributes"))
      continue;
    git_blob* blob = nullptr;
    if (git_blob_lookup(&blob, r, &entry->id) < 0)
      return true;
    std::string_view bytes(static_cast<const char*>(git_blob_rawcontent(blob)),
                           static_cast<std::size_t>(git_blob_rawsize(blob)));
    bool lfs = bytes.find("lfs") != std::string_view::npos;
    git_blob_free(blob);
    if (lfs || (workdir && mentions_lfs(read_file_if_exists(*workdir / path))))
      return true;
  }
  return outside_lfs_attributes(repo);
}

} // namespace

void OdbBlobReader::use_tree(std::shared_ptr<const GitTree> tree) const {
  m_tree = std::move(tree);
}

bool OdbBlobReader::folders_mention_lfs(std::string_view path) const {
  // Only the .gitattributes of path's folders apply to it, in the tree the
  // commit records and in the working tree: a few reads, not a scan of the
  // whole index.
  for (std::size_t end = 0; end != std::string_view::npos; end = path.find('/', end + 1)) {
    std::string_view folder = path.substr(0, end);
    auto it = m_folder_lfs.find(folder);
    if (it == m_folder_lfs.end()) {
      std::string file =
          folder.empty() ? ".gitattributes" : std::string(folder) + "/.gitattributes";
      auto workdir = m_repo.workdir();
      bool lfs = mentions_lfs(m_tree->blob(file)) ||
                 (workdir && mentions_lfs(read_file_if_exists(*workdir / file)));
      it = m_folder_lfs.emplace(std::string(folder), lfs).first;
    }
    if (it->second)
      return true;
  }
  return false;
}

bool OdbBlobReader::lfs_tracked(std::string_view path) const {
  std::call_once(m_lfs_once, [this] {
    m_any_lfs = m_tree ? outside_lfs_attributes(m_repo) : any_lfs_attributes(m_repo);
  });
  if (!m_any_lfs && !m_tree)
    return false;
  std::lock_guard lock(m_attr_lock);
  if (!m_any_lfs) {
    // Only path's folders decide, and files of one folder come together.
    std::string_view dir = path.substr(0, std::min(path.rfind('/'), path.size()));
    if (!m_last_dir || dir != *m_last_dir) {
      m_last_dir = std::string(dir);
      m_last_dir_lfs = folders_mention_lfs(path);
    }
    if (!m_last_dir_lfs)
      return false;
  }
  // Attributes are read from the index git handed the hook; one libgit2
  // cannot read (a sparse index) gives no attributes, as git_attr_get would.
  git_index* index = nullptr;
  if (m_repo.index(&index) < 0)
    return false;
  git_index_free(index);
  const char* value = nullptr;
  std::string name(path);
  if (git_attr_get(&value, m_repo.get(), GIT_ATTR_CHECK_INDEX_THEN_FILE, name.c_str(), "filter") <
      0)
    return false;
  return git_attr_value(value) == GIT_ATTR_VALUE_STRING && std::strcmp(value, "lfs") == 0;
}

namespace {

std::optional<checks::ContentInput> staged_from_cache_tree(const Repository& repo,
                                                           const OdbBlobReader& blobs);

} // namespace

checks::ContentInput staged_content(const Repository& repo, const OdbBlobReader& blobs) {
  if (auto input = staged_from_cache_tree(repo, blobs))
    return std::move(*input);
  git_repository* r = repo.get();
  git_index* raw_index = nullptr;
  check(repo.index(&raw_index), "cannot read the index");
  Index index(raw_index);
  Tree head_tree;
  git_oid head_id;
  if (git_reference_name_to_id(&head_id, r, "HEAD") == 0)
    head_tree = tree_of(r, head_id); // else an unborn branch: everything is added
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  git_diff* diff = nullptr;
  check(git_diff_tree_to_index(&diff, r, head_tree.get(), index.get(), &options),
        "cannot compare the index with HEAD");
  Diff owned(diff);
  checks::ContentInput input;
  input.changes = changes_of(diff, "");
  std::size_t count = git_index_entrycount(index.get());
  input.tree_paths.reserve(count);
  // `git add -N` entries are not committed (git leaves them out of the tree):
  // neither checks nor commands see them, so nobody reads their unstaged bytes.
  std::set<std::string, std::less<>> intent_to_add;
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (git_index_entry_stage(entry) != 0)
      continue;
    if (entry->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD)
      intent_to_add.emplace(entry->path);
    else
      input.tree_paths.emplace_back(entry->path);
  }
  if (!intent_to_add.empty())
    std::erase_if(input.changes, [&](const checks::FileChange& change) {
      return change.added && intent_to_add.count(change.path);
    });
  // Index order is byte order already, except in an index libgit2 sorted
  // case-insensitively (core.ignorecase).
  if (!std::is_sorted(input.tree_paths.begin(), input.tree_paths.end()))
    std::sort(input.tree_paths.begin(), input.tree_paths.end());
  input.blobs = &blobs;
  return input;
}

checks::ContentInput index_content(const Repository& repo, const checks::BlobReader& blobs,
                                   const std::optional<std::vector<std::string>>& paths) {
  git_index* raw_index = nullptr;
  check(repo.index(&raw_index), "cannot read the index");
  Index index(raw_index);
  std::set<std::string, std::less<>> wanted;
  if (paths)
    wanted.insert(paths->begin(), paths->end());
  checks::ContentInput input;
  std::size_t count = git_index_entrycount(index.get());
  input.tree_paths.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (git_index_entry_stage(entry) != 0 ||
        (entry->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD))
      continue;
    input.tree_paths.emplace_back(entry->path);
    if (paths && !wanted.count(entry->path))
      continue;
    checks::FileChange file;
    file.path = entry->path;
    file.mode = entry->mode;
    file.id = hex(&entry->id);
    file.size = entry->file_size;
    input.changes.push_back(std::move(file));
  }
  if (!std::is_sorted(input.tree_paths.begin(), input.tree_paths.end()))
    std::sort(input.tree_paths.begin(), input.tree_paths.end());
  input.blobs = &blobs;
  return input;
}

std::vector<checks::PushedCommit> commits_to_push(const Repository& repo,
                                                  const std::string& local_id,
                                                  const std::string& remote_id,
                                                  const std::string& remote, bool every_ref) {
  git_repository* r = repo.get();
  git_revwalk* raw = nullptr;
  check(git_revwalk_new(&raw, r), "cannot walk history");
  Revwalk walk(raw);
  git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  // An annotated tag is walked from its commit.
  git_oid local = parse_id(local_id);
  git_object* object = nullptr;
  check(git_object_lookup(&object, r, &local, GIT_OBJECT_ANY), "cannot read object " + local_id);
  ObjectPtr owned_object(object);
  git_object* peeled = nullptr;
  check(git_object_peel(&peeled, object, GIT_OBJECT_COMMIT), local_id + " is not a commit");
  ObjectPtr owned_peeled(peeled);
  check(git_revwalk_push(raw, git_object_id(peeled)), "cannot walk from " + local_id);
  if (!remote_id.empty() && has_object(repo, remote_id)) {
    git_oid theirs = parse_id(remote_id);
    git_object* old = nullptr;
    // What the remote ref named (a commit, or a tag of one) and its history.
    if (git_object_lookup(&old, r, &theirs, GIT_OBJECT_ANY) == 0) {
      ObjectPtr owned_old(old);
      git_object* old_commit = nullptr;
      if (git_object_peel(&old_commit, old, GIT_OBJECT_COMMIT) == 0) {
        git_revwalk_hide(raw, git_object_id(old_commit));
        git_object_free(old_commit);
      }
    }
  }
  if (every_ref) {
    // What pushes publish, which the server's hooks checked. A forge writes
    // other refs without a push (GitLab's refs/merge-requests/* and
    // refs/keep-around/*, refs/pull/*): their commits were never checked.
    check(git_revwalk_hide_glob(raw, "refs/heads/*"), "cannot read the branches");
    check(git_revwalk_hide_glob(raw, "refs/tags/*"), "cannot read the tags");
  } else if (!remote.empty() && remote.find('/') == std::string::npos)
    hide_remote_branches(r, raw, remote);
  std::vector<checks::PushedCommit> commits;
  git_oid id;
  while (git_revwalk_next(&id, raw) == 0) {
    git_commit* commit = nullptr;
    check(git_commit_lookup(&commit, r, &id), "cannot read commit " + hex(&id));
    Commit_ owned(commit);
    const char* summary = git_commit_summary(commit);
    checks::PushedCommit c;
    c.id = hex(&id);
    c.label = c.id.substr(0, 12) + " (" + (summary ? summary : "") + ")";
    const char* raw_message = git_commit_message_raw(commit);
    c.message = raw_message ? raw_message : "";
    commits.push_back(std::move(c));
  }
  return commits;
}

std::optional<std::string> file_at(const Repository& repo, const std::string& id,
                                   const std::string& path) {
  git_oid oid = parse_id(id);
  git_object* named = nullptr;
  check(git_object_lookup(&named, repo.get(), &oid, GIT_OBJECT_ANY), "cannot read object " + id);
  ObjectPtr owned_named(named);
  git_object* tree = nullptr;
  if (git_object_peel(&tree, named, GIT_OBJECT_TREE) != 0)
    return std::nullopt;
  ObjectPtr owned_tree(tree);
  git_object* raw = nullptr;
  if (git_object_lookup_bypath(&raw, tree, path.c_str(), GIT_OBJECT_BLOB) != 0)
    return std::nullopt;
  ObjectPtr blob(raw);
  auto* b = reinterpret_cast<git_blob*>(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(b)),
                     static_cast<std::size_t>(git_blob_rawsize(b)));
}

namespace {

// git's tree order: names compared bytewise, a tree's name as if it ended in '/'.
int tree_order(const git_tree_entry* a, const git_tree_entry* b) {
  const char* x = git_tree_entry_name(a);
  const char* y = git_tree_entry_name(b);
  std::size_t i = 0;
  while (x[i] && x[i] == y[i])
    ++i;
  auto next = [i](const char* name, const git_tree_entry* entry) -> unsigned char {
    if (name[i])
      return static_cast<unsigned char>(name[i]);
    return git_tree_entry_type(entry) == GIT_OBJECT_TREE ? '/' : 0;
  };
  return int(next(x, a)) - int(next(y, b));
}

// The blobs new_tree adds or changes against old_tree (null: nothing): one merge
// walk over both sorted entry lists, descending only into subtrees whose ids
// differ. git_diff_tree_to_tree iterates every entry through its generic
// iterators, which made it 60% of checking a push. new_folders: new_tree's
// folders, read through it and kept there for the checks.
void diff_trees(git_repository* repo, const git_tree* old_tree, const git_tree* new_tree,
                const std::string& prefix, const std::string& label,
                std::vector<checks::FileChange>& out, const GitTree* new_folders = nullptr) {
  std::size_t count = git_tree_entrycount(new_tree);
  std::size_t old_count = old_tree ? git_tree_entrycount(old_tree) : 0;
  std::size_t j = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(new_tree, i);
    const git_tree_entry* old = nullptr;
    while (j < old_count) {
      const git_tree_entry* candidate = git_tree_entry_byindex(old_tree, j);
      int order = tree_order(candidate, entry);
      if (order > 0)
        break;
      ++j;
      if (order == 0) {
        old = candidate;
        break;
      }
    }
    if (old && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(entry)) &&
        git_tree_entry_filemode(old) == git_tree_entry_filemode(entry))
      continue;
    std::string path = prefix + git_tree_entry_name(entry);
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
      TreePtr owned;
      const git_tree* subtree = new_folders ? new_folders->folder_tree(path) : nullptr;
      if (!subtree) {
        git_tree* raw = nullptr;
        check(git_tree_lookup(&raw, repo, git_tree_entry_id(entry)), "cannot read " + path);
        owned.reset(raw);
        subtree = raw;
      }
      TreePtr old_subtree;
      if (old) { // the same name sorts equal only when both are trees
        git_tree* raw = nullptr;
        check(git_tree_lookup(&raw, repo, git_tree_entry_id(old)), "cannot read " + path);
        old_subtree.reset(raw);
      }
      diff_trees(repo, old_subtree.get(), subtree, path + "/", label, out, new_folders);
      continue;
    }
    checks::FileChange change;
    change.path = std::move(path);
    change.mode = static_cast<std::uint32_t>(git_tree_entry_filemode(entry));
    change.id = hex(git_tree_entry_id(entry));
    change.added = !old;
    change.origin = label;
    out.push_back(std::move(change));
  }
}

// The commit's changes and tree from the cache-tree of the index git handed
// the hook (see cache_tree.hpp): HEAD's tree against the tree git will commit,
// descending only into the folders whose ids differ. nullopt when the index has
// no valid cache-tree (`git commit <paths>`, `git add -N` entries) or its tree
// is missing: the caller then compares the whole index.
std::optional<checks::ContentInput> staged_from_cache_tree(const Repository& repo,
                                                           const OdbBlobReader& blobs) {
  std::optional<RawId> root = cached_root_tree(repo.index_file());
  if (!root)
    return std::nullopt;
  git_repository* r = repo.get();
  git_oid id;
  std::copy(root->begin(), root->end(), id.id);
  git_tree* raw = nullptr;
  if (git_tree_lookup(&raw, r, &id) < 0)
    return std::nullopt;
  auto tree = std::make_shared<GitTree>(r, raw);
  Tree head_tree;
  git_oid head_id;
  if (git_reference_name_to_id(&head_id, r, "HEAD") == 0)
    head_tree = tree_of(r, head_id); // else an unborn branch: everything is added
  checks::ContentInput input;
  diff_trees(r, head_tree.get(), raw, "", "", input.changes, tree.get());
  blobs.use_tree(tree);
  input.tree = std::move(tree);
  input.blobs = &blobs;
  return input;
}

} // namespace

struct TreeMemo::Slot {
  git_oid id;
  TreePtr tree;
};

TreeMemo::TreeMemo() = default;
TreeMemo::~TreeMemo() = default;

const git_tree* TreeMemo::get(git_repository* repo, const git_oid& tree_id) {
  for (auto& slot : m_slots)
    if (slot && git_oid_equal(&slot->id, &tree_id))
      return slot->tree.get();
  git_tree* tree = nullptr;
  check(git_tree_lookup(&tree, repo, &tree_id), "cannot read tree " + hex(&tree_id));
  auto& slot = m_slots[m_next];
  m_next = 1 - m_next;
  slot = std::make_unique<Slot>(Slot{tree_id, TreePtr(tree)});
  return slot->tree.get();
}

std::vector<checks::FileChange> commit_changes(const Repository& repo,
                                               const checks::PushedCommit& commit, TreeMemo& memo) {
  git_repository* r = repo.get();
  git_oid id = parse_id(commit.id);
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, r, &id), "cannot read commit " + commit.id);
  Commit_ owned(raw);
  const git_tree* parent_tree = nullptr;
  if (git_commit_parentcount(raw) > 0) {
    git_commit* parent = nullptr;
    check(git_commit_parent(&parent, raw, 0), "cannot read the parent of " + commit.id);
    Commit_ owned_parent(parent);
    parent_tree = memo.get(r, *git_commit_tree_id(parent));
  }
  const git_tree* tree = memo.get(r, *git_commit_tree_id(raw));
  std::vector<checks::FileChange> changes;
  diff_trees(r, parent_tree, tree, "", "commit " + commit.label, changes);
  return changes;
}

std::optional<std::vector<checks::FileChange>>
non_commit_files(const Repository& repo, const std::string& id, const std::string& ref) {
  git_repository* r = repo.get();
  git_oid oid = parse_id(id);
  git_object* raw = nullptr;
  check(git_object_lookup(&raw, r, &oid, GIT_OBJECT_ANY), "cannot read object " + id);
  ObjectPtr object(raw);
  // Annotated tags (of tags) down to what they name.
  while (git_object_type(object.get()) == GIT_OBJECT_TAG) {
    git_object* target = nullptr;
    check(git_tag_target(&target, reinterpret_cast<git_tag*>(object.get())),
          "cannot read the target of tag " + id);
    object.reset(target);
  }
  std::vector<checks::FileChange> files;
  switch (git_object_type(object.get())) {
  case GIT_OBJECT_COMMIT: return std::nullopt;
  case GIT_OBJECT_TREE:
    diff_trees(r, nullptr, reinterpret_cast<const git_tree*>(object.get()), "", ref, files);
    break;
  case GIT_OBJECT_BLOB: {
    checks::FileChange blob;
    blob.path = ref;
    blob.id = hex(git_object_id(object.get()));
    files.push_back(std::move(blob));
    break;
  }
  default: break;
  }
  return files;
}

std::vector<std::string> tree_paths(const Repository& repo, const std::string& id) {
  git_oid oid = parse_id(id);
  git_object* object = nullptr;
  check(git_object_lookup(&object, repo.get(), &oid, GIT_OBJECT_ANY), "cannot read object " + id);
  ObjectPtr owned(object);
  git_object* peeled = nullptr; // a commit, or an annotated tag of one
  check(git_object_peel(&peeled, object, GIT_OBJECT_TREE), "cannot read the tree of " + id);
  return GitTree(repo.get(), reinterpret_cast<git_tree*>(peeled)).all_paths();
}

bool has_object(const Repository& repo, const std::string& id) {
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo.get()) < 0)
    return false;
  git_oid oid;
  bool exists = git_oid_fromstr(&oid, id.c_str()) == 0 && git_odb_exists(odb, &oid) == 1;
  git_odb_free(odb);
  return exists;
}

std::string resolve_commit(const Repository& repo, const std::string& revision) {
  git_object* object = nullptr;
  int rc = git_revparse_single(&object, repo.get(), revision.c_str());
  if (rc < 0)
    throw Error("unknown revision \"" + revision + "\"", Exit::usage);
  git_object* peeled = nullptr;
  rc = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT);
  git_object_free(object);
  check(rc, "\"" + revision + "\" is not a commit");
  std::string id = hex(git_object_id(peeled));
  git_object_free(peeled);
  return id;
}

} // namespace preflight::git
