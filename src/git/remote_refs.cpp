#include "git/remote_refs.hpp"

#include "git/handles.hpp"

#include <string_view>

namespace preflight::git {

namespace {

using RemotePtr = Owned<git_remote, git_remote_free>;
using RefIteratorPtr = Owned<git_reference_iterator, git_reference_iterator_free>;

// Whether the fetch refspecs of remote that map to the tracking ref name all map
// from a branch or a tag. All of them: with +refs/heads/*:refs/remotes/origin/*
// beside +refs/pull/*/head:refs/remotes/origin/pr/*, origin/pr/1 could be a
// branch pr/1 or a pull request, and only a branch would have been checked.
bool tracks_published(const git_remote* remote, const char* name) {
  bool any = false;
  for (std::size_t i = 0, count = git_remote_refspec_count(remote); i < count; ++i) {
    const git_refspec* spec = git_remote_get_refspec(remote, i);
    if (git_refspec_direction(spec) != GIT_DIRECTION_FETCH || !git_refspec_dst_matches(spec, name))
      continue;
    git_buf source = GIT_BUF_INIT;
    bool published = false;
    if (git_refspec_rtransform(&source, spec, name) == 0) {
      std::string_view from(source.ptr, source.size);
      published = from.starts_with("refs/heads/") || from.starts_with("refs/tags/");
    }
    git_buf_dispose(&source);
    if (!published)
      return false;
    any = true;
  }
  return any;
}

} // namespace

void hide_remote_branches(git_repository* repo, git_revwalk* walk, const std::string& remote) {
  git_remote* raw_remote = nullptr;
  if (git_remote_lookup(&raw_remote, repo, remote.c_str()) < 0) {
    git_error_clear();
    return;
  }
  RemotePtr owned_remote(raw_remote);
  git_reference_iterator* raw_iterator = nullptr;
  std::string glob = "refs/remotes/" + remote + "/*";
  if (git_reference_iterator_glob_new(&raw_iterator, repo, glob.c_str()) < 0) {
    git_error_clear();
    return;
  }
  RefIteratorPtr iterator(raw_iterator);
  git_reference* raw_ref = nullptr;
  while (git_reference_next(&raw_ref, iterator.get()) == 0) {
    ReferencePtr ref(raw_ref);
    git_oid id;
    if (tracks_published(raw_remote, git_reference_name(raw_ref)) &&
        git_reference_name_to_id(&id, repo, git_reference_name(raw_ref)) == 0)
      git_revwalk_hide(walk, &id);
  }
  git_error_clear(); // the iterator's end, and a tip that is no commit
}

} // namespace preflight::git
