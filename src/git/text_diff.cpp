#include "git/text_diff.hpp"

#include "git/handles.hpp"

#include <git2.h>

namespace preflight::git {

namespace {

using PatchPtr = Owned<git_patch, git_patch_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;

std::string patch_text(git_patch* raw) {
  PatchPtr patch(raw);
  if (!patch)
    return "";
  git_buf buf = GIT_BUF_INIT;
  check(git_patch_to_buf(&buf, patch.get()), "cannot write a diff");
  std::string out(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  // The "diff --git" and "index" lines repeat what the ---/+++ lines say.
  for (std::string_view header : {"diff --git ", "index "})
    if (out.starts_with(header))
      out.erase(0, out.find('\n') + 1);
  return out;
}

BlobPtr lookup_blob(const Repository& repo, const std::string& id) {
  git_oid oid;
  git_blob* blob = nullptr;
  if (git_oid_fromstr(&oid, id.c_str()) != 0 || git_blob_lookup(&blob, repo.get(), &oid) != 0)
    return nullptr;
  return BlobPtr(blob);
}

} // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         const std::string& name) {
  if (old_text == new_text)
    return "";
  git_patch* patch = nullptr;
  check(git_patch_from_buffers(&patch, old_text.data(), old_text.size(), name.c_str(),
                               new_text.data(), new_text.size(), name.c_str(), nullptr),
        "cannot compare texts");
  return patch_text(patch);
}

std::optional<std::string> blob_diff(const Repository& repo, const std::string& old_id,
                                     const std::string& new_id, const std::string& path) {
  BlobPtr old_blob = lookup_blob(repo, old_id);
  BlobPtr new_blob = lookup_blob(repo, new_id);
  if (!old_blob || !new_blob)
    return std::nullopt;
  git_patch* patch = nullptr;
  check(git_patch_from_blobs(&patch, old_blob.get(), path.c_str(), new_blob.get(), path.c_str(),
                             nullptr),
        "cannot compare " + path);
  return patch_text(patch);
}

} // namespace preflight::git
