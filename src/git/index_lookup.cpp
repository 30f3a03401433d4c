#include "git/index_lookup.hpp"

#include "git/handles.hpp"

#include <git2.h>

namespace preflight::git {

std::optional<checks::FileChange> index_entry(const Repository& repo, std::string_view path) {
  git_index* raw = nullptr;
  check(repo.index(&raw), "cannot read the index");
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

std::map<std::string, std::string> index_ids(const Repository& repo,
                                             const std::set<std::string, std::less<>>& paths,
                                             const std::function<bool(std::string_view)>& match) {
  git_index* raw = nullptr;
  check(repo.index(&raw), "cannot read the index");
  IndexPtr index(raw);
  check(git_index_read(index.get(), 0), "cannot read the index");
  std::map<std::string, std::string> out;
  if (match) {
    std::size_t count = git_index_entrycount(index.get());
    for (std::size_t i = 0; i < count; ++i) {
      const git_index_entry* entry = git_index_get_byindex(index.get(), i);
      if (git_index_entry_stage(entry) == 0 && (paths.count(entry->path) || match(entry->path)))
        out.emplace(entry->path, hex(&entry->id));
    }
    return out;
  }
  for (const std::string& path : paths)
    if (const git_index_entry* entry = git_index_get_bypath(index.get(), path.c_str(), 0))
      out.emplace(path, hex(&entry->id));
  return out;
}

std::vector<std::string> nested_rules_dirs(const Repository& repo) {
  constexpr std::string_view suffix = "/.preflight.yaml";
  git_index* raw = nullptr;
  check(git_repository_index(&raw, repo.get()), "cannot read the index");
  IndexPtr index(raw);
  check(git_index_read(index.get(), 0), "cannot read the index");
  std::vector<std::string> out;
  std::size_t count = git_index_entrycount(index.get());
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    std::string_view path = entry->path;
    if (path.ends_with(suffix) && git_index_entry_stage(entry) == 0 &&
        (entry->mode == GIT_FILEMODE_BLOB || entry->mode == GIT_FILEMODE_BLOB_EXECUTABLE))
      out.emplace_back(path.substr(0, path.size() - suffix.size()));
  }
  return out;
}

bool is_ignored(const Repository& repo, std::string_view path) {
  int ignored = 0;
  check(git_ignore_path_is_ignored(&ignored, repo.get(), std::string(path).c_str()),
        "cannot read the ignore rules for " + std::string(path));
  return ignored != 0;
}

} // namespace preflight::git
