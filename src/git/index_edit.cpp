#include "git/index_edit.hpp"

#include "git/handles.hpp"
#include "util/error.hpp"

#include <git2.h>

#include <filesystem>
#include <optional>

namespace preflight::git {

namespace {

namespace fs = std::filesystem;

// Points path's entry at id. Returns false when there is no such entry, or
// (when only_if is given) it holds another blob.
bool repoint(git_index* index, const std::string& path, const git_oid& id, const git_oid* only_if,
             const std::string& where) {
  const git_index_entry* entry = git_index_get_bypath(index, path.c_str(), 0);
  if (!entry || (only_if && !git_oid_equal(&entry->id, only_if)))
    return false;
  git_index_entry copy = *entry;
  copy.id = id;
  // git trusts an entry whose size and times match the file's stat data, and
  // re-reads the file (through the clean filter) when the cached size is 0.
  copy.file_size = 0;
  check(git_index_add(index, &copy), "cannot update " + path + " in " + where);
  check(git_index_write(index), "cannot write " + where);
  return true;
}

// The real index `git commit <paths>` commits after the hooks, when the index
// it handed us is its temporary one.
std::optional<fs::path> real_index_lock(const Repository& repo, const std::string& index_path) {
  std::string name = fs::path(index_path).filename().string();
  if (!name.starts_with("next-index-") || !name.ends_with(".lock"))
    return std::nullopt;
  fs::path lock = repo.git_dir() / "index.lock";
  std::error_code ec;
  if (!fs::exists(lock, ec))
    return std::nullopt;
  return lock;
}

} // namespace

std::string replace_staged(const Repository& repo, const std::string& path,
                           const std::string& old_id, std::string_view bytes) {
  git_repository* r = repo.get();
  git_oid id;
  check(git_blob_create_from_buffer(&id, r, bytes.data(), bytes.size()),
        "cannot store the new content of " + path);
  git_oid old;
  check(git_oid_fromstr(&old, old_id.c_str()), "invalid object id \"" + old_id + "\"");

  git_index* raw = nullptr;
  check(repo.index(&raw), "cannot read the index");
  IndexPtr index(raw);
  std::string index_path = git_index_path(raw) ? git_index_path(raw) : "";
  if (!repoint(raw, path, id, nullptr, "the index " + index_path))
    throw Error("cannot update " + path + ": it is not in the index " + index_path);

  if (auto lock = real_index_lock(repo, index_path)) {
    git_index* real = nullptr;
    check(git_index_open(&real, lock->c_str()), "cannot read " + lock->string());
    IndexPtr owned(real);
    repoint(real, path, id, &old, lock->string());
  }
  return hex(&id);
}

std::optional<std::string> filter_driver(const Repository& repo, const std::string& path) {
  const char* value = nullptr;
  if (git_attr_get(&value, repo.get(), GIT_ATTR_CHECK_INDEX_THEN_FILE, path.c_str(), "filter") <
          0 ||
      git_attr_value(value) != GIT_ATTR_VALUE_STRING)
    return std::nullopt;
  std::string driver = value;
  if (repo.config_string("filter." + driver + ".clean") ||
      repo.config_string("filter." + driver + ".process"))
    return driver;
  return std::nullopt;
}

std::string clean_bytes(const Repository& repo, const std::string& path, std::string bytes) {
  git_filter_list* filters = nullptr;
  check(git_filter_list_load(&filters, repo.get(), nullptr, path.c_str(), GIT_FILTER_TO_ODB,
                             GIT_FILTER_DEFAULT),
        "cannot load the filters for " + path);
  if (!filters)
    return bytes;
  git_buf out = GIT_BUF_INIT;
  int rc = git_filter_list_apply_to_buffer(&out, filters, bytes.data(), bytes.size());
  git_filter_list_free(filters);
  if (rc < 0) {
    git_buf_dispose(&out);
    check(rc, "cannot filter " + path);
  }
  std::string cleaned(out.ptr, out.size);
  git_buf_dispose(&out);
  return cleaned;
}

} // namespace preflight::git
