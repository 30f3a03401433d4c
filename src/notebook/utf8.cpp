// Python's str semantics on UTF-8 bytes. Python decodes a notebook to str
// before anything else; we keep bytes and count or split code points instead.
#include "notebook/utf8.hpp"
#include "util/cpu.hpp"
#include "util/simd.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace preflight::notebook {

namespace {

// The ASCII run at s[i] in whole 128-byte blocks, for CPUs with AVX2 (base64
// images): returns where it stops (before a block with a non-ASCII byte or
// less than 128 bytes from n), and sets nul at the first NUL byte if it is
// still n.
PREFLIGHT_TARGET_AVX2 std::size_t ascii_run_avx2(const unsigned char* s, std::size_t i,
                                                 std::size_t n, std::size_t& nul) {
  const __m256i high = _mm256_set1_epi8(static_cast<char>(0x80));
  const __m256i zero = _mm256_setzero_si256();
  while (i + 128 <= n) {
    __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 32));
    __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 64));
    __m256i d = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i + 96));
    if (!_mm256_testz_si256(_mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, d)), high))
      break;
    __m256i low = _mm256_min_epu8(_mm256_min_epu8(a, b), _mm256_min_epu8(c, d));
    __m256i is_nul = _mm256_cmpeq_epi8(low, zero);
    if (nul == n && !_mm256_testz_si256(is_nul, is_nul))
      nul = i + static_cast<std::size_t>(
                    static_cast<const unsigned char*>(std::memchr(s + i, 0, 128)) - (s + i));
    i += 128;
  }
  return i;
}

} // namespace

InputScan scan_input(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t nul = n;
  std::size_t i = 0;
  const __m128i zero = _mm_setzero_si128();
  const bool avx2 = cpu_has_avx2();
  while (i < n) {
    if (avx2)
      i = ascii_run_avx2(s, i, n, nul);
    // Fast path: 64 ASCII bytes at a time (base64 images are all ASCII), or
    // 128 with AVX2 just above.
    while (i + 64 <= n) {
      __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 16));
      __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 32));
      __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i + 48));
      if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) != 0)
        break; // non-ASCII somewhere: byte by byte below
      __m128i low = _mm_min_epu8(_mm_min_epu8(a, b), _mm_min_epu8(c, d));
      if (nul == n && _mm_movemask_epi8(_mm_cmpeq_epi8(low, zero)) != 0)
        nul = i + static_cast<std::size_t>(
                      static_cast<const unsigned char*>(std::memchr(s + i, 0, 64)) - (s + i));
      i += 64;
    }
    // Then 16 at a time, and single code points when that fails.
    if (i + 16 <= n) {
      __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      if (_mm_movemask_epi8(a) == 0) {
        if (nul == n && _mm_movemask_epi8(_mm_cmpeq_epi8(a, zero)) != 0)
          nul = i + static_cast<std::size_t>(
                        static_cast<const unsigned char*>(std::memchr(s + i, 0, 16)) - (s + i));
        i += 16;
        continue;
      }
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0 && nul == n)
        nul = i;
      ++i;
      continue;
    }
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0;
      if (c == 0xED)
        hi = 0x9F; // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0)
        lo = 0x90;
      if (c == 0xF4)
        hi = 0x8F;
    } else
      return {i, nul};
    if (i + len > n)
      return {i, nul};
    if (s[i + 1] < lo || s[i + 1] > hi)
      return {i, nul};
    for (std::size_t k = 2; k < len; ++k)
      if ((s[i + k] & 0xC0) != 0x80)
        return {i, nul};
    i += len;
  }
  return {n, nul};
}

std::size_t find_invalid_utf8(std::string_view text) {
  return scan_input(text).invalid_utf8;
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (char ch : text)
    count += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return count;
}

char32_t next_code_point(std::string_view text, std::size_t& i) {
  auto byte = [&](std::size_t k) {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0x80u;
  };
  unsigned c = byte(i);
  if (c < 0x80) {
    i += 1;
    return c;
  }
  if (c < 0xE0) {
    char32_t cp = ((c & 0x1Fu) << 6) | (byte(i + 1) & 0x3Fu);
    i += 2;
    return cp;
  }
  if (c < 0xF0) {
    char32_t cp = ((c & 0x0Fu) << 12) | ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
    i += 3;
    return cp;
  }
  char32_t cp = ((c & 0x07u) << 18) | ((byte(i + 1) & 0x3Fu) << 12) | ((byte(i + 2) & 0x3Fu) << 6) |
                (byte(i + 3) & 0x3Fu);
  i += 4;
  return cp;
}

bool is_space(char32_t c) {
  if (c < 0x80)
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool has_non_space(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size())
    if (!is_space(next_code_point(text, i)))
      return true;
  return false;
}

// The bytes a line break can start with (line_break_at's cases).
static constexpr auto k_break_start = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : {'\n', '\v', '\f', '\r', '\x1c', '\x1d', '\x1e', '\xc2', '\xe2'})
    table[c] = true;
  return table;
}();

// The offset of the first byte at or after i that may start a line break.
static std::size_t next_break_start(std::string_view text, std::size_t i) {
  while (i < text.size() && !k_break_start[static_cast<unsigned char>(text[i])])
    ++i;
  return i;
}

// Length of the line break starting at text[i], or 0 if there is none.
static std::size_t line_break_at(std::string_view text, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  switch (c) {
  case '\n':
  case '\v':
  case '\f':
  case 0x1C:
  case 0x1D:
  case 0x1E: return 1;
  case '\r': return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
  case 0xC2: return i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85 ? 2 : 0;
  case 0xE2:
    return i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                    static_cast<unsigned char>(text[i + 2]) == 0xA9)
               ? 3
               : 0;
  default: return 0;
  }
}

void split_lines(std::string_view text, bool keep_ends, std::vector<std::string_view>& lines) {
  lines.clear();
  std::size_t start = 0;
  for (std::size_t i = next_break_start(text, 0); i < text.size(); i = next_break_start(text, i)) {
    std::size_t brk = line_break_at(text, i);
    if (brk == 0) {
      ++i;
      continue;
    }
    lines.push_back(text.substr(start, i - start + (keep_ends ? brk : 0)));
    i += brk;
    start = i;
  }
  if (start < text.size())
    lines.push_back(text.substr(start));
}

bool is_kept_line(std::string_view piece, bool last) {
  for (std::size_t i = next_break_start(piece, 0); i < piece.size();
       i = next_break_start(piece, i + 1))
    if (std::size_t brk = line_break_at(piece, i))
      return i + brk == piece.size();
  return last && !piece.empty();
}

std::vector<std::string_view> split_lines_keep_ends(std::string_view text) {
  std::vector<std::string_view> lines;
  split_lines(text, true, lines);
  return lines;
}

std::vector<std::string_view> split_lines_drop_ends(std::string_view text) {
  std::vector<std::string_view> lines;
  split_lines(text, false, lines);
  return lines;
}

} // namespace preflight::notebook
