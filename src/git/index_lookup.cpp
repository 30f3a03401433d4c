#include "git/index_lookup.hpp"

#include "git/handles.hpp"

#include <git2.h>

namespace preflight::git {

std::optional<checks::FileChange> index_entry(const Repository& repo, std::string_view path) {
  git_index* raw = nullptr;
  check(git_repository_index(&raw, repo.get()), "cannot read the index");
  IndexPtr index(raw);
  const git_index_entry* entry = git_index_get_bypath(index.get(), std::string(path).c_str(), 0);
  if (!entry)
    return std::nullopt;
  checks::FileChange file;
  file.path = entry->path;
  file.mode = entry->mode;
  file.id = hex(&entry->id);
  file.size = entry->file_size;
  file.added = false;
  return file;
}

bool is_ignored(const Repository& repo, std::string_view path) {
  int ignored = 0;
  check(git_ignore_path_is_ignored(&ignored, repo.get(), std::string(path).c_str()),
        "cannot read the ignore rules for " + std::string(path));
  return ignored != 0;
}

} // namespace preflight::git
