// Where the content checks' input comes from: the index a hook is given, or the
// commits a push would send. libgit2 stays in here.
#pragma once

#include "checks/check.hpp"
#include "git/repository.hpp"
#include "git/tree_lookup.hpp"

#include <map>
#include <mutex>

struct git_odb;
struct git_oid;
struct git_repository;
struct git_tree;

namespace preflight::git {

// Reads blobs through the object database: loose objects are streamed, so a
// 2 GB blob costs its header and max bytes; packed ones are read whole up to
// 64 MiB, beyond that only their size is known.
class OdbBlobReader : public checks::BlobReader {
public:
  explicit OdbBlobReader(const Repository& repo);
  ~OdbBlobReader() override;
  Head read_head(const checks::FileChange& file, std::size_t max) const override;
  bool lfs_tracked(std::string_view path) const override;
  // The tree the commit records, when known without the index (see
  // staged_content): lfs_tracked then reads only the .gitattributes files of a
  // path's folders instead of looking for them through the whole index.
  void use_tree(std::shared_ptr<const GitTree> tree) const;

private:
  bool folders_mention_lfs(std::string_view path) const; // under m_attr_lock

  const Repository& m_repo;
  git_odb* m_odb = nullptr;
  std::filesystem::path m_loose_dir; // where loose objects live
  mutable std::mutex m_attr_lock;    // libgit2's attribute cache is not ours to share
  mutable std::once_flag m_lfs_once;
  mutable bool m_any_lfs = true; // some attributes source mentions lfs
  mutable std::shared_ptr<const GitTree> m_tree;
  mutable std::map<std::string, bool, std::less<>> m_folder_lfs; // folder: its attributes do
  mutable std::optional<std::string> m_last_dir; // the folder lfs_tracked last asked about
  mutable bool m_last_dir_lfs = false;           // whether its folders mention lfs
};

// The files the commit being made adds or changes: HEAD's tree against the index
// git handed the hook (GIT_INDEX_FILE). tree_paths: every path in that index.
checks::ContentInput staged_content(const Repository& repo, const OdbBlobReader& blobs);

// Every file of the index (paths: only these), as a commit of it would hold
// them; tree_paths: every path of the index. `git add -N` entries are left out.
checks::ContentInput index_content(const Repository& repo, const checks::BlobReader& blobs,
                                   const std::optional<std::vector<std::string>>& paths);

// The commits reachable from local_id that the remote does not have: hiding
// remote_id (when known here) and the refs/remotes/<remote>/* tips that track
// its branches and tags (remote_refs.hpp). Oldest
// first. every_ref: hide every branch and tag of this repository instead (a
// server's pre-receive: what the push brings; refs a forge writes without a
// push, such as merge requests, are not hidden).
std::vector<checks::PushedCommit>
commits_to_push(const Repository& repo, const std::string& local_id, const std::string& remote_id,
                const std::string& remote, bool every_ref = false);

// The bytes of the blob at path in the tree of commit id, or nullopt.
std::optional<std::string> file_at(const Repository& repo, const std::string& id,
                                   const std::string& path);

// Keeps the last root tree read, so that walking a history oldest first reads
// each tree once: a commit's tree is the next commit's parent tree.
class TreeMemo {
public:
  TreeMemo();
  ~TreeMemo();
  // The root tree of commit id (its object id is tree_id).
  const git_tree* get(git_repository* repo, const git_oid& tree_id);

private:
  struct Slot;
  std::unique_ptr<Slot> m_slots[2];
  int m_next = 0;
};

// The files commit adds or changes against its first parent (all of them for a
// root commit), each labelled with the commit.
std::vector<checks::FileChange> commit_changes(const Repository& repo,
                                               const checks::PushedCommit& commit, TreeMemo& memo);

// What a pushed ref names when that is not a commit once annotated tags are
// peeled: every file of a tree (labelled with ref), or the blob itself (its path
// is ref). nullopt for a commit.
std::optional<std::vector<checks::FileChange>>
non_commit_files(const Repository& repo, const std::string& id, const std::string& ref);

// Every path in the tree of commit id (or of an annotated tag of one), sorted.
std::vector<std::string> tree_paths(const Repository& repo, const std::string& id);

// Whether the object exists in this repository.
bool has_object(const Repository& repo, const std::string& id);

// Resolves a revision ("main", "HEAD~2", an id) to a commit id; throws Error.
std::string resolve_commit(const Repository& repo, const std::string& revision);

} // namespace preflight::git
