// Printing findings for people (text, colour only when asked) and machines (JSON).
#pragma once

#include "report/finding.hpp"

#include <cstdio>
#include <optional>
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

// Whether output is coloured: `--color` (set_color_mode), else PREFLIGHT_COLOR
// (auto|always|never: how hooks get the choice), else NO_COLOR (set and not
// empty: never), else FORCE_COLOR (set and not empty: always, but "0" and
// "false" mean never), else CLICOLOR_FORCE (set and not "0": always), else
// colour exactly when stream is a terminal. See docs/cli.md.
bool use_color(std::FILE* stream);

// A yes/no word as git reads booleans: 1, true, yes, on / 0, false, no, off
// (any case), or nullopt.
std::optional<bool> parse_flag_word(std::string_view word);
// A yes/no variable of preflight's own (PREFLIGHT_QUIET, PREFLIGHT_TRACE ...):
// false when unset or empty; a value parse_flag_word cannot read gets one
// warning line naming the variable and the words it takes, and counts as unset.
bool env_flag(const char* name);

enum class ColorMode { automatic, always, never };
// The mode --color chose, which wins over every variable above.
void set_color_mode(ColorMode mode);
// "auto", "always", "never" (as --color and PREFLIGHT_COLOR spell them), or nullopt.
std::optional<ColorMode> parse_color_mode(std::string_view word);

// How much is printed: quiet prints problems only (no progress, no "passed"
// lines), verbose adds what ran, how long each step took and what was skipped
// and why. From -q / -v (set_verbosity), else PREFLIGHT_QUIET=1 or
// PREFLIGHT_VERBOSE=1 (how hooks get it), else normal.
enum class Verbosity { quiet, normal, verbose };
void set_verbosity(Verbosity level);
Verbosity verbosity();

// note(text) unless quiet: lines that report progress or success.
void info(std::string_view text);
// note(text) when verbose only: timings, what ran and what was skipped.
void detail(std::string_view text);

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
