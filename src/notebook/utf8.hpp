// UTF-8 helpers that reproduce Python str semantics on UTF-8 bytes.
//
// Strings in a notebook Document are UTF-8, except that a "\udc00"-style lone
// low surrogate escape decodes to its 3-byte form (ED B0 80), as Python keeps
// lone surrogates in str. The writer rejects those where Python would fail to
// encode them.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace preflight::notebook {

// Offset of the first byte that is not valid UTF-8 (overlong forms, surrogates
// and code points above U+10FFFF are invalid, as in Python's decoder), or
// text.size() when all of text is valid.
std::size_t find_invalid_utf8(std::string_view text);

// find_invalid_utf8 and the offset of the first NUL byte in one pass (SSE2,
// or AVX2 when the CPU has it, over ASCII runs). Each is text.size() when there is none; the NUL is
// only looked for up to the first invalid byte.
struct InputScan {
  std::size_t invalid_utf8;
  std::size_t nul;
};
InputScan scan_input(std::string_view text);

// Python len(): the number of code points.
std::size_t code_points(std::string_view text);

// Decodes the code point starting at text[i] and advances i past it. Assumes
// valid UTF-8 (surrogate forms allowed).
char32_t next_code_point(std::string_view text, std::size_t& i);

// Python str.isspace() for one code point.
bool is_space(char32_t c);

// Python str.strip() != "": does text contain a non-whitespace code point?
bool has_non_space(std::string_view text);

// Python str.splitlines(keepends=True): splits after \n, \r\n, \r, \v, \f,
// \x1c, \x1d, \x1e, \x85, U+2028 and U+2029, keeping the terminators. The
// pieces are views into text; "" gives no pieces.
std::vector<std::string_view> split_lines_keep_ends(std::string_view text);

// Python str.splitlines() without the terminators (nbformat 2's writer).
std::vector<std::string_view> split_lines_drop_ends(std::string_view text);

// Either of the two above into lines (cleared first), to reuse its storage.
void split_lines(std::string_view text, bool keep_ends, std::vector<std::string_view>& lines);

// Whether piece could be one of the lines split_lines_keep_ends gives: not
// empty, and with no line break but one that ends it. A piece without a line
// break can only be the last line (last). Whether a piece ending in "\r" and
// a next one starting with "\n" would have been one line is left to the caller.
bool is_kept_line(std::string_view piece, bool last);

} // namespace preflight::notebook
