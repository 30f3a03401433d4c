// A fast path past cells' outputs lists: scans a JSON array without RapidJSON
// (which decodes every string onto its stack, base64 images included) when it
// is plainly valid, and counts what stripping needs to know.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace preflight::notebook {

struct SkipResult {
  bool ok = false;         // false: not in the plain subset (the caller parses it)
  std::size_t end = 0;     // offset of the closing ']'
  std::uint32_t count = 0; // items
  bool some_empty = false; // an item whose nbstripout size is 0 (no scalar but "")
  bool ascii = false;      // with ok: text[at, end] is all ASCII without a NUL (no UTF-8
                           // or NUL check needed there)
};

// Scans the array at text[at] ('['). Accepts only a subset of what the
// parser accepts: whitespace, literals, strings with simple escapes (no
// surrogate \u escapes), numbers of at most 15 integer and 15 fraction digits
// and a two-digit exponent, and at most max_depth nested containers inside the
// array; anything else (including every error) gives ok = false, so that the
// parser reports it exactly as before. text must be followed by a NUL; whole
// aligned 16-byte blocks are read around the strings (as parse_buffer says).
// avx2 false keeps to the SSE2 scan (tests run both).
SkipResult skip_plain_array(std::string_view text, std::size_t at, int max_depth, bool avx2 = true);

// The same for the object or array at text[at] ('{' or '['), which counts as
// one of the max_depth containers; only ok and end are set.
//
// Strings are scanned 64 bytes at a time on CPUs with AVX2, else 16: whole
// aligned blocks, from p's 16-byte block to the 64-byte block holding the
// NUL (so buffers need 64 readable bytes past their end: k_scan_padding).
SkipResult skip_plain_container(std::string_view text, std::size_t at, int max_depth,
                                bool avx2 = true);

} // namespace preflight::notebook
