// Printing findings for people (text, colour only when asked) and machines (JSON).
#pragma once

#include "report/finding.hpp"

#include <cstdio>
#include <string>
#include <string_view>

namespace preflight::report {

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
