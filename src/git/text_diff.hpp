// Unified diffs of texts and blobs, for showing what changed since the user
// last trusted the repository's commands (`preflight trust`).
#pragma once

#include "git/repository.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace preflight::git {

// The unified diff (3 lines of context) of old_text and new_text, with the
// "--- a/NAME" / "+++ b/NAME" header; "" when they are equal.
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         const std::string& name);

// The unified diff of two blobs (ids in hex) of repo, shown as path; nullopt
// when either blob is no longer in the repository. A binary blob shows as
// "Binary files ... differ".
std::optional<std::string> blob_diff(const Repository& repo, const std::string& old_id,
                                     const std::string& new_id, const std::string& path);

} // namespace preflight::git
