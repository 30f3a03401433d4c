#include "git/content.hpp"

#include "git/backup_refs.hpp"
#include "git/handles.hpp"
#include "util/error.hpp"

#include <git2.h>

#include <algorithm>
#include <cstring>

namespace preflight::git {

namespace {

using Tree = TreePtr;
using Diff = DiffPtr;
using Index = IndexPtr;
using Commit_ = CommitPtr;
using Revwalk = RevwalkPtr;
using OdbObject = Owned<git_odb_object, git_odb_object_free>;

constexpr std::size_t k_max_packed_read = 64 << 20;

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
    change.commit = label;
    changes.push_back(std::move(change));
  }
  return changes;
}

} // namespace

OdbBlobReader::OdbBlobReader(const Repository& repo) : m_repo(repo) {
  check(git_repository_odb(&m_odb, repo.get()), "cannot open the object database");
}

OdbBlobReader::~OdbBlobReader() { git_odb_free(m_odb); }

checks::BlobReader::Head OdbBlobReader::read_head(const checks::FileChange& file,
                                                  std::size_t max) const {
  git_oid id = parse_id(file.id);
  Head head;
  git_odb_stream* stream = nullptr;
  std::size_t length = 0;
  git_object_t type = GIT_OBJECT_INVALID;
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
  // Packed objects cannot be streamed: their size from the header, their bytes
  // only when that is affordable.
  check(git_odb_read_header(&length, &type, m_odb, &id), "cannot read object " + file.id);
  head.size = length;
  if (length > k_max_packed_read)
    return head;
  git_odb_object* object = nullptr;
  check(git_odb_read(&object, m_odb, &id), "cannot read object " + file.id);
  OdbObject owned(object);
  std::size_t size = git_odb_object_size(object);
  head.bytes.assign(static_cast<const char*>(git_odb_object_data(object)), std::min(size, max));
  return head;
}

bool OdbBlobReader::lfs_tracked(std::string_view path) const {
  std::lock_guard lock(m_attr_lock);
  const char* value = nullptr;
  std::string name(path);
  if (git_attr_get(&value, m_repo.get(), GIT_ATTR_CHECK_INDEX_THEN_FILE, name.c_str(), "filter") < 0)
    return false;
  return git_attr_value(value) == GIT_ATTR_VALUE_STRING && std::strcmp(value, "lfs") == 0;
}

checks::ContentInput staged_content(const Repository& repo, const checks::BlobReader& blobs) {
  git_repository* r = repo.get();
  git_index* raw_index = nullptr;
  check(git_repository_index(&raw_index, r), "cannot read the index");
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
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (git_index_entry_stage(entry) == 0)
      input.tree_paths.emplace_back(entry->path);
  }
  std::sort(input.tree_paths.begin(), input.tree_paths.end());
  input.blobs = &blobs;
  return input;
}

std::vector<checks::PushedCommit> commits_to_push(const Repository& repo, const std::string& local_id,
                                    const std::string& remote_id, const std::string& remote) {
  git_repository* r = repo.get();
  git_revwalk* raw = nullptr;
  check(git_revwalk_new(&raw, r), "cannot walk history");
  Revwalk walk(raw);
  git_revwalk_sorting(raw, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
  git_oid local = parse_id(local_id);
  check(git_revwalk_push(raw, &local), "cannot walk from " + local_id);
  if (!remote_id.empty() && has_object(repo, remote_id)) {
    git_oid theirs = parse_id(remote_id);
    git_revwalk_hide(raw, &theirs);
  }
  if (!remote.empty() && remote.find('/') == std::string::npos)
    git_revwalk_hide_glob(raw, ("refs/remotes/" + remote + "/*").c_str());
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

std::vector<checks::FileChange> commit_changes(const Repository& repo, const checks::PushedCommit& commit) {
  git_repository* r = repo.get();
  git_oid id = parse_id(commit.id);
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, r, &id), "cannot read commit " + commit.id);
  Commit_ owned(raw);
  Tree tree = tree_of(r, id);
  Tree parent_tree;
  if (git_commit_parentcount(raw) > 0)
    parent_tree = tree_of(r, *git_commit_parent_id(raw, 0));
  git_diff* diff = nullptr;
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  check(git_diff_tree_to_tree(&diff, r, parent_tree.get(), tree.get(), &options),
        "cannot compare commit " + commit.id + " with its parent");
  Diff owned_diff(diff);
  return changes_of(diff, commit.label);
}

std::vector<std::string> tree_paths(const Repository& repo, const std::string& id) {
  Tree tree = tree_of(repo.get(), parse_id(id));
  std::vector<std::string> paths;
  auto visit = [](const char* root, const git_tree_entry* entry, void* payload) -> int {
    if (git_tree_entry_type(entry) != GIT_OBJECT_TREE)
      static_cast<std::vector<std::string>*>(payload)->push_back(std::string(root) +
                                                                git_tree_entry_name(entry));
    return 0;
  };
  check(git_tree_walk(tree.get(), GIT_TREEWALK_PRE, visit, &paths), "cannot list " + id);
  std::sort(paths.begin(), paths.end());
  return paths;
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
