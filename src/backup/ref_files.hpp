// Reading the files ref store without libgit2, for the reference-transaction
// hook's first filter: loading libgit2 costs milliseconds per hook call, and a
// fetch of new tags calls the hook twice per tag. Only "surely absent" is ever
// trusted from here; anything unclear makes the caller ask libgit2.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::backup {

// The common git dir of git_dir without libgit2: GIT_COMMON_DIR, else the git
// dir's "commondir" file, else git_dir itself. Refs other than HEAD and git's
// per-worktree ones live there.
std::filesystem::path common_dir_of(const std::filesystem::path& git_dir);

// The value of ref in a packed-refs file's text: its hex id, or nullopt when
// the file has no such ref. A file whose header says "sorted" (what git
// writes) is searched by bisection, so a packed-refs of 100,000 refs costs a
// few dozen comparisons; any other is read line by line.
std::optional<std::string> packed_ref_value(std::string_view packed, std::string_view ref);

// What the files ref store under common holds for ref: nullopt when the ref
// surely does not exist (no loose file, no packed-refs line), else its hex id,
// or "" when that cannot be told here (a symbolic ref, a file that cannot be
// read, a reftable store).
std::optional<std::string> ref_file_value(const std::filesystem::path& common,
                                          const std::string& ref);

} // namespace preflight::backup
