// Which remote-tracking refs stand for what a remote has published.
#pragma once

#include <git2.h>

#include <string>

namespace preflight::git {

// Hides from walk the tips of refs/remotes/<remote>/* that every fetch refspec
// of the remote mapping to them maps from its branches or tags (refs/heads/*,
// refs/tags/*). Others,
// such as a pull request fetched with +refs/pull/*/head:refs/remotes/origin/pr/*,
// name commits the remote holds but has not published on a branch, which no
// hook checked: their commits stay in the walk. Nothing is hidden when remote
// is no configured remote.
void hide_remote_branches(git_repository* repo, git_revwalk* walk, const std::string& remote);

} // namespace preflight::git
