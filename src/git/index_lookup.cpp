#include "git/index_lookup.hpp"

#include "git/handles.hpp"

#include <git2.h>

#include <filesystem>

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

namespace {

constexpr int k_max_links = 40; // as the kernel's MAXSYMLINKS

// The text of a tracked symbolic link (its blob); nullopt when unreadable.
std::optional<std::string> link_target(git_repository* repo, const git_index_entry& entry) {
  git_object* raw = nullptr;
  if (git_object_lookup(&raw, repo, &entry.id, GIT_OBJECT_BLOB) < 0)
    return std::nullopt;
  ObjectPtr blob(raw);
  auto* b = reinterpret_cast<git_blob*>(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(b)),
                     static_cast<std::size_t>(git_blob_rawsize(b)));
}

// Adds path's entry to out and, when path or a folder on it is a tracked
// symbolic link, every entry the links lead to inside the repository: what runs
// is the target, so a change to it must change the trust record too.
void add_following_links(git_repository* repo, git_index* index, std::string path,
                         std::map<std::string, std::string>& out) {
  for (int hops = 0; hops <= k_max_links && !path.empty(); ++hops) {
    // The first prefix of path (a folder on it, or path itself) in the index.
    const git_index_entry* entry = nullptr;
    std::size_t end = 0;
    do {
      end = path.find('/', end + 1);
      entry = git_index_get_bypath(index, path.substr(0, end).c_str(), 0);
    } while (!entry && end != std::string::npos);
    if (!entry)
      return;
    std::string prefix = path.substr(0, end);
    out.emplace(prefix, hex(&entry->id));
    if (entry->mode != GIT_FILEMODE_LINK)
      return; // the file itself, or a file where a folder should be
    auto target = link_target(repo, *entry);
    if (!target || target->empty() || target->starts_with('/'))
      return; // outside the repository: not tracked
    std::filesystem::path next = std::filesystem::path(prefix).parent_path() / *target;
    if (end != std::string::npos)
      next /= path.substr(end + 1);
    path = next.lexically_normal().generic_string();
    while (path.ends_with('/'))
      path.pop_back();
    if (path == "." || path == ".." || path.starts_with("../"))
      return;
  }
}

} // namespace

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
      if (git_index_entry_stage(entry) == 0 && match(entry->path))
        out.emplace(entry->path, hex(&entry->id));
    }
  }
  for (const std::string& path : paths)
    add_following_links(repo.get(), index.get(), path, out);
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
