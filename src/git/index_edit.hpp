// Changing what is staged from inside pre-commit, without touching the working
// tree (see the reference notes on GIT_INDEX_FILE in each commit form).
#pragma once

#include "git/repository.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace preflight::git {

// Stores bytes as a blob and makes it the stage-0 entry of path in the index
// repo works on (GIT_INDEX_FILE under a hook), keeping the entry's mode and
// flags. old_id (hex) is the blob the entry holds now. The entry's cached file
// size is cleared so that git compares the working file's content (through the
// clean filter, when one is configured) instead of trusting its stat data.
//
// `git commit <paths>` hands hooks a temporary index (next-index-<pid>.lock)
// and commits the real one, held as <git dir>/index.lock, afterwards: its entry
// for path is updated too when it still holds old_id, so that `git status`
// agrees with the commit. Returns the new blob id. Throws Error.
std::string replace_staged(const Repository& repo, const std::string& path,
                           const std::string& old_id, std::string_view bytes);

// The filter driver git runs on path when staging it ("lfs" for
// `filter=lfs` with filter.lfs.clean or filter.lfs.process configured), or
// nullopt when there is none.
std::optional<std::string> filter_driver(const Repository& repo, const std::string& path);

// path's working-tree bytes as `git add` stores them when no filter driver
// applies: through git's end-of-line and ident filters (core.autocrlf, the
// text/eol/ident attributes). Throws Error.
std::string clean_bytes(const Repository& repo, const std::string& path, std::string bytes);

} // namespace preflight::git
