// What git hands a commit-msg hook, turned into lines to parse: comment lines,
// the scissors line of `git commit -v`, CRLF and git's cleanup modes.
//
// The input is valid UTF-8 (see sanitize_utf8). Lines are split on "\n" only,
// with one trailing "\r" removed (CRLF); a lone CR stays inside its line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::commitmsg {

// Which lines are removed before parsing. git's own modes are documented in
// `git help commit` (--cleanup); `comments` is what `commitlint --edit` does.
enum class Cleanup {
  comments,   // drop comment lines and everything from the scissors line on
  strip,      // git strip: comments, scissors, trailing whitespace, blank runs
  scissors,   // git scissors: strip without dropping comment lines
  whitespace, // git whitespace: trailing whitespace and blank runs only
  verbatim,   // nothing
};

std::optional<Cleanup> cleanup_from_name(std::string_view name);

// One line left after cleanup.
struct Line {
  std::string text; // without "\n" and without the "\r" of a CRLF
  int number = 0;   // 1-based line number in the original message
};

struct Message {
  std::vector<Line> lines;            // content lines, in order
  std::vector<std::string> raw_lines; // the text raw-based rules see, split on \r?\n
  bool cut_at_scissors = false;       // a scissors line was found and cut
};

// The scissors line git writes for `git commit -v`, for comment string c.
std::string scissors_line(std::string_view comment);

// The comment string to use. setting is "auto", "none" (returns ""), or the
// string itself. git_value is core.commentChar when set. "auto" means git's
// value, or "#" when unset; when git's value is itself "auto", the comment
// string is detected from the template lines git wrote into text.
std::string resolve_comment_char(std::string_view setting,
                                 const std::optional<std::string>& git_value,
                                 std::string_view text);

// Splits text (valid UTF-8) and applies mode. comment may be empty (no
// comments). For `comments` and `verbatim` the raw lines are text's own lines
// plus one empty line (commitlint reads the file and appends "\n"); for git's
// modes they are the cleaned lines.
Message clean_message(std::string_view text, Cleanup mode, std::string_view comment);

} // namespace preflight::commitmsg
