// Messages that are not linted at all: the merge, revert, fixup and release
// commits that commitlint's @commitlint/is-ignored skips by default, and a
// team's own header patterns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace preflight::commitmsg {

// Where the merge patterns may match. commitlint's merge regexes carry the "m"
// flag, so a body line "Merge branch 'main'" makes any message ignored.
enum class IgnoreScope { header, any_line };

// Which default ignore matched text (commitlint's raw message: the whole text),
// or an empty view. Names: "merge", "merge-tag", "revert", "reapply",
// "fixup", "semver", "merged", "remote-tracking-merge", "automatic-merge",
// "auto-merged".
std::string_view default_ignore(std::string_view text, IgnoreScope scope);

// True when version is a valid semantic version as node-semver's valid() reads
// it (an optional leading "v").
bool is_semver(std::string_view version);

// Glob match: "*" is any run of characters, "?" one byte, everything else
// literal. Linear in practice (the classic two-pointer algorithm).
bool glob_match(std::string_view pattern, std::string_view text);

} // namespace preflight::commitmsg
