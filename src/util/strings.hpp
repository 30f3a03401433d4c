// Small string helpers that neither the standard library nor our dependencies offer.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight {

// Levenshtein distance between a and b (bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word when it is close enough to be a likely typo
// (distance at most a third of the word's length, at least 1), else nullopt.
std::optional<std::string_view> did_you_mean(std::string_view word,
                                             std::span<const std::string_view> candidates);

// " (did you mean \"x\"?)" for the closest candidate, or "".
std::string did_you_mean_hint(std::string_view word, std::span<const std::string_view> candidates);

// Splits text at every separator; empty pieces are kept.
std::vector<std::string> split(std::string_view text, char separator);

// Calls visit(line, number) for every line of text (1-based, without its "\n"
// or "\r\n"; a final newline starts no empty line); stops when visit returns
// false.
void for_each_line(std::string_view text, const std::function<bool(std::string_view, int)>& visit);

// The lines of text, as for_each_line sees them.
std::vector<std::string_view> lines_of(std::string_view text);

// text without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text);

// Quotes text for messages: "text" with control characters and quotes escaped
// as in C, so that odd file names are shown unambiguously.
std::string quoted(std::string_view text);

// text as one word of a POSIX shell command line: as is when it holds only
// safe characters, else in single quotes ('\'' for a quote). For commands
// that git runs through the shell (filters, textconv) and for hints.
std::string shell_word(std::string_view text);

} // namespace preflight
