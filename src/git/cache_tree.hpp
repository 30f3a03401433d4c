// The tree an index would commit, read from git's cache-tree (the index
// file's TREE extension) without parsing the index's entries: a commit of one
// file in a 300,000-file repository then costs the folders on that file's
// path rather than a 30 MB index. `git commit` refreshes the cache-tree of the
// index it hands pre-commit (cache_tree_update before the hooks run), and git
// invalidates it up to the root for anything a tree cannot say (`git add -N`
// entries, conflicts), so a valid root is exactly the tree git will commit.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace preflight::git {

using RawId = std::array<unsigned char, 20>;

// The root tree id the cache-tree of index_file records, or nullopt when the
// file has no valid root (no TREE extension, one invalidated at the root, a
// version or layout this reader does not know, or an unreadable file): the
// caller then reads the index through libgit2.
std::optional<RawId> cached_root_tree(const std::filesystem::path& index_file);

// The same, from the index file's bytes: tail holds its last bytes (at least
// 20), entry_count is the header's. Exposed for the unit tests.
std::optional<RawId> root_from_tail(std::string_view tail, std::uint32_t entry_count);

} // namespace preflight::git
