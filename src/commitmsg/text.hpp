// Text helpers for commit messages: UTF-8 decoding with WHATWG replacement,
// lengths in the units commitlint and people count, JavaScript's idea of
// whitespace and case, and commitlint's case checks (ensure-case).
//
// Everything here is linear in the input and works on valid UTF-8 (run
// sanitize_utf8 first). Nothing uses regular expressions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::commitmsg {

// How lengths are counted.
enum class LengthUnit {
  utf16,     // JavaScript String.length: code points above U+FFFF count 2 (commitlint)
  codepoint, // Unicode code points (gitlint, people)
  byte,      // UTF-8 bytes
};

// The result of making bytes valid UTF-8.
struct Utf8Result {
  std::string text;                       // valid UTF-8; bad sequences became U+FFFD
  std::optional<std::size_t> first_error; // byte offset of the first bad sequence, if any
};

// Decodes bytes as a WHATWG TextDecoder would (each maximal invalid subpart
// becomes one U+FFFD), so lengths match what commitlint measures.
Utf8Result sanitize_utf8(std::string_view bytes);

// Decodes the code point at text[i] (valid UTF-8) and advances i past it.
char32_t next_code_point(std::string_view text, std::size_t& i);

// Appends c as UTF-8.
void append_utf8(std::string& out, char32_t c);

// The length of text (valid UTF-8) in unit.
std::size_t text_length(std::string_view text, LengthUnit unit);

// The number of code points in text (valid UTF-8); used for columns.
std::size_t code_points(std::string_view text);

// JavaScript's \s (and String.prototype.trim's) whitespace.
bool is_js_space(char32_t c);

// The length in bytes of the JavaScript whitespace code point at text[i], or 0.
std::size_t js_space_at(std::string_view text, std::size_t i);

// a == b with ASCII letters compared case-insensitively (JavaScript's "i" flag
// without "u" never maps a non-ASCII character onto an ASCII one).
bool iequals_ascii(std::string_view a, std::string_view b);

// text without leading and trailing JavaScript whitespace.
std::string_view js_trim(std::string_view text);

// JavaScript toLowerCase / toUpperCase (simple per-code-point mappings).
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);

// Unicode letter classes used by commitlint's checks.
bool is_cased_letter(char32_t c); // \p{Ll}, \p{Lu} or \p{Lt}
bool is_letter(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);

// True for ASCII [A-Za-z0-9_] (JavaScript \w without the u flag).
inline bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// True for ASCII [A-Za-z0-9].
inline bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The case names commitlint accepts (lower-case, upper-case, camel-case,
// kebab-case, pascal-case, sentence-case, snake-case, start-case and the
// aliases lowercase, uppercase, sentencecase, lowerCase).
bool is_case_name(std::string_view name);
const std::vector<std::string_view>& case_names();

// commitlint's ensureCase(raw, target): drops `...`, "..." and '...' spans,
// trims, converts to the target case and compares. An empty result, or one that
// starts with a digit, counts as a match.
bool ensure_case(std::string_view raw, std::string_view target);

// The Levenshtein distance between a and b (for "did you mean").
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace preflight::commitmsg
