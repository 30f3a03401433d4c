// Path patterns with gitignore semantics, matched one path segment at a time
// with fnmatch(3):
//   "*.pt"          no slash: matches the last segment at any depth
//   "/build/x.bin"  a slash (leading or inside): anchored at the repository root
//   "checkpoints/"  trailing slash: a folder, so every path below it
//   "**/x", "a/**", "a/**/b"  any number of folders
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace preflight::checks {

bool glob_match(std::string_view pattern, std::string_view path);

// The first pattern matching path, or nullptr.
const std::string* first_match(std::span<const std::string> patterns, std::string_view path);

} // namespace preflight::checks
