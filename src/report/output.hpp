// Printing findings for people (text, colour only when asked) and machines (JSON).
#pragma once

#include "report/finding.hpp"

#include <cstdio>
#include <string>
#include <string_view>

namespace preflight::report {

// text with the characters a terminal would act on made visible, so that text
// from the repository (file names, commit messages, rules, command output)
// cannot move the cursor, erase or hide lines, set the title or the clipboard
// (OSC 52): C0 controls but tab and newline, DEL and ESC as "\x1b", C1
// controls (U+0080 to U+009F) as "\u009b", and bytes that are not UTF-8 (which
// an 8-bit terminal would read as C1) as "\xff". Everything else is unchanged.
std::string escape_controls(std::string_view text);

// Writes text to out, escaped, then a newline. Every line preflight prints in
// text mode goes through here or through print_text / print_error / note.
void print_line(std::FILE* out, std::string_view text);

// "preflight: TEXT" on stderr, escaped, one line per line of text.
void note(std::string_view text);

// True when stream is a terminal and NO_COLOR is unset or empty.
bool use_color(std::FILE* stream);

// One finding per block:
//   error [check] path:line:col: message
//     detail lines
//     hint: what to do
void print_text(const Report& report, std::FILE* out, bool color);

// {"findings": [{"check", "severity", "path", "line", "column", "message",
//  "detail", "hint"}], "errors": N, "warnings": N}
std::string to_json(const Report& report);

// "error: message" in red on a terminal, to stderr, prefixed "preflight: ".
void print_error(std::string_view message, bool color);

} // namespace preflight::report
