// Reading a loose blob straight from objects/xx/yyyy: open, read, inflate only
// as far as needed, close. libgit2 spends five system calls and a lock of the
// object database on each read; in a commit of a thousand files those calls
// were most of a hook's time, and the lock kept the checks' threads in line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::git {

struct LooseBlob {
  std::uint64_t size = 0; // the whole blob's size, from the object header
  std::string bytes;      // its first max bytes
};

// The blob with hex id from the loose objects under objects_dir, or nullopt
// when there is no such loose object or it is not a well-formed blob (the
// caller then asks libgit2, which also knows packs, alternates and errors).
std::optional<LooseBlob> read_loose_blob(const std::filesystem::path& objects_dir,
                                         std::string_view hex_id, std::size_t max);

// The same for an object of any type ("blob", "commit", "tree", "tag").
std::optional<LooseBlob> read_loose_object(const std::filesystem::path& objects_dir,
                                           std::string_view hex_id, std::string_view type,
                                           std::size_t max);

// Whether the loose commit child_id names parent_id as one of its parents
// (parent_id is then an ancestor of child_id). false when it cannot tell: no
// such loose object, a packed one, or not a commit.
bool loose_commit_has_parent(const std::filesystem::path& objects_dir, std::string_view child_id,
                             std::string_view parent_id);

} // namespace preflight::git
