#include "git/repo_view.hpp"

#include "git/index_edit.hpp"
#include "git/index_lookup.hpp"
#include "git/refs.hpp"

namespace preflight::git {

Repository& LazyRepoView::repository() const {
  if (m_borrowed)
    return *m_borrowed;
  if (m_open)
    return *(m_borrowed = &m_open());
  if (!m_owned)
    m_owned = Repository::open_for_hook();
  return *m_owned;
}

std::optional<std::string> LazyRepoView::config_string(std::string_view key) const {
  return repository().config_string(key);
}

} // namespace preflight::git

namespace preflight::git {

const checks::BlobReader& LazyRepoView::blobs() const {
  if (!m_blobs)
    m_blobs = std::make_unique<OdbBlobReader>(repository());
  return *m_blobs;
}

const checks::ContentInput& LazyRepoView::staged_content() const {
  if (!m_staged) {
    blobs();
    m_staged = git::staged_content(repository(), *m_blobs);
  }
  return *m_staged;
}

checks::ContentInput
LazyRepoView::index_content(const std::optional<std::vector<std::string>>& paths) const {
  return git::index_content(repository(), blobs(), paths);
}

std::string LazyRepoView::replace_staged(const checks::FileChange& file,
                                         std::string_view bytes) const {
  std::string id = git::replace_staged(repository(), file.path, file.id, bytes);
  if (!m_staged)
    return id;
  for (checks::FileChange& change : m_staged->changes)
    if (change.path == file.path) {
      change.id = id;
      change.size = bytes.size();
    }
  return id;
}

std::optional<std::filesystem::path> LazyRepoView::common_dir() const {
  return repository().common_dir();
}

std::optional<checks::FileChange> LazyRepoView::index_entry(std::string_view path) const {
  return git::index_entry(repository(), path);
}

bool LazyRepoView::is_ignored(std::string_view path) const {
  return git::is_ignored(repository(), path);
}

std::vector<checks::PushedCommit> LazyRepoView::commits_to_push(const std::string& local_id,
                                                                const std::string& remote_id,
                                                                const std::string& remote) const {
  return git::commits_to_push(repository(), local_id, remote_id, remote);
}

std::vector<checks::PushedCommit>
LazyRepoView::commits_new_here(const std::string& local_id) const {
  return git::commits_to_push(repository(), local_id, "", "", true);
}

std::optional<std::string> LazyRepoView::file_at(const std::string& id,
                                                 const std::string& path) const {
  return git::file_at(repository(), id, path);
}

std::vector<checks::FileChange>
LazyRepoView::commit_changes(const checks::PushedCommit& commit) const {
  return git::commit_changes(repository(), commit, m_trees);
}

std::optional<std::vector<checks::FileChange>>
LazyRepoView::non_commit_files(const std::string& id, const std::string& ref) const {
  return git::non_commit_files(repository(), id, ref);
}

std::vector<std::string> LazyRepoView::tree_paths(const std::string& id) const {
  return git::tree_paths(repository(), id);
}

bool LazyRepoView::is_ancestor(const std::string& ancestor, const std::string& descendant) const {
  return git::is_ancestor(repository(), ancestor, descendant);
}

bool LazyRepoView::has_object(const std::string& id) const {
  return git::has_object(repository(), id);
}

std::string LazyRepoView::resolve_commit(const std::string& revision) const {
  return git::resolve_commit(repository(), revision);
}

} // namespace preflight::git
