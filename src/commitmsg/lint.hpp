// The commit message linter: bytes in, findings out. Plain data only (no git,
// no files), so the commit-msg hook, `preflight check-msg`, the tests and the
// fuzzer all call the same function.
//
// Pipeline: make the bytes valid UTF-8 -> pick the comment string -> default
// and configured ignores -> cleanup (comments, scissors, CRLF) -> parse ->
// every rule that is not off. Linear in the message size; never throws on any
// input.
#pragma once

#include "commitmsg/settings.hpp"
#include "report/finding.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::commitmsg {

struct LintInput {
  std::string_view bytes;                      // the message file, as git wrote it
  std::optional<std::string> git_comment_char; // core.commentChar, when set
  std::string path;                            // what findings name as their path
  // A message read from a commit (check-msg --range, pre-push) rather than the
  // file git hands the commit-msg hook: judged as `commitlint --from/--to`
  // judges it, as stored (no comment lines removed, no scissors cut, none of
  // git's cleanup: it already ran when the commit was made).
  bool stored = false;
};

struct LintResult {
  std::string ignored_by; // the ignore that matched ("merge", "pattern \"...\""), or empty
  bool empty = false;     // nothing left after cleanup
  std::vector<report::Finding> findings;
};

// Lints one message. Findings carry the rule name as check, the rule's level as
// severity (warnings become errors when settings.strict), the line and column
// in the message file, and the offending line with a caret under the problem in
// detail.
LintResult lint(const LintInput& input, const Settings& settings);

// The check id findings use for problems that are not rules.
inline constexpr std::string_view k_empty_message = "empty-message";
inline constexpr std::string_view k_invalid_utf8 = "invalid-utf8";
inline constexpr std::string_view k_control_chars = "control-characters";

// "<line>\n<spaces>^~~~": line shown (long lines cut to a window around the
// problem, control characters made visible) with a caret under bytes [begin, end).
std::string caret_detail(std::string_view line, std::size_t begin, std::size_t end);

} // namespace preflight::commitmsg
