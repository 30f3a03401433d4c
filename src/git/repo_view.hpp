// checks::RepoView over libgit2, opening the repository on first use so that a
// hook with nothing to ask of git never pays for opening it.
#pragma once

#include "checks/check.hpp"
#include "git/content.hpp"
#include "git/repository.hpp"

#include <functional>
#include <memory>
#include <optional>

namespace preflight::git {

class LazyRepoView : public checks::RepoView {
public:
  // opened: a repository already open (the CLI has one); else opened from the
  // hook's environment when first needed.
  explicit LazyRepoView(Repository* opened = nullptr) : m_borrowed(opened) {}
  // open: called when the repository is first needed; it owns what it returns
  // (a hook's RunOptions, which outlives the view and is never torn down).
  explicit LazyRepoView(std::function<Repository&()> open) : m_open(std::move(open)) {}

  std::optional<std::string> config_string(std::string_view key) const override;
  // Computed once per view and shared by the checks that ask.
  const checks::ContentInput& staged_content() const override;
  checks::ContentInput
  index_content(const std::optional<std::vector<std::string>>& paths) const override;
  std::string replace_staged(const checks::FileChange& file, std::string_view bytes) const override;
  std::optional<std::filesystem::path> common_dir() const override;
  std::optional<checks::FileChange> index_entry(std::string_view path) const override;
  bool is_ignored(std::string_view path) const override;
  std::vector<checks::PushedCommit> commits_to_push(const std::string& local_id,
                                                    const std::string& remote_id,
                                                    const std::string& remote) const override;
  std::vector<checks::PushedCommit> commits_new_here(const std::string& local_id) const override;
  std::optional<std::string> file_at(const std::string& id, const std::string& path) const override;
  std::vector<checks::FileChange> commit_changes(const checks::PushedCommit& commit) const override;
  std::optional<std::vector<checks::FileChange>>
  non_commit_files(const std::string& id, const std::string& ref) const override;
  std::vector<std::string> tree_paths(const std::string& id) const override;
  bool is_ancestor(const std::string& ancestor, const std::string& descendant) const override;
  bool has_object(const std::string& id) const override;
  std::string resolve_commit(const std::string& revision) const override;
  const checks::BlobReader& blobs() const override;

  Repository& repository() const;

private:
  mutable Repository* m_borrowed = nullptr;
  std::function<Repository&()> m_open;
  mutable std::optional<Repository> m_owned;
  mutable std::unique_ptr<OdbBlobReader> m_blobs;
  mutable TreeMemo m_trees;
  mutable std::optional<checks::ContentInput> m_staged;
};

} // namespace preflight::git
