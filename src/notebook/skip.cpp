// See skip.hpp. Everything here only has to be right when it says yes: any
// doubt returns "not plain" and the full parser takes over.
#include "notebook/skip.hpp"
#include "util/cpu.hpp"
#include "util/simd.hpp"

#include <cstdint>

namespace preflight::notebook {

namespace {

// The bytes that end a plain run inside a string: '"', '\\', bytes below 0x20
// and, when ascii, bytes from 0x80 (text the input scan must then check).
// s ^ 2 maps '"' to 0x20 and keeps 0..0x1F below it, so one compare finds
// both; as signed bytes, those from 0x80 are below it too.
template <bool ascii> inline __m128i stops(__m128i s) {
  __m128i y = _mm_xor_si128(s, _mm_set1_epi8(2));
  __m128i low = ascii ? _mm_cmplt_epi8(y, _mm_set1_epi8(0x21))
                      : _mm_cmpeq_epi8(_mm_min_epu8(y, _mm_set1_epi8(0x20)), y);
  return _mm_or_si128(low, _mm_cmpeq_epi8(s, _mm_set1_epi8('\\')));
}

// Bit i set: block[i] (16-byte aligned) is a stop (see stops).
inline unsigned stop_mask(const char* block, bool ascii) {
  __m128i s = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
  return static_cast<unsigned>(_mm_movemask_epi8(ascii ? stops<true>(s) : stops<false>(s)));
}

template <bool ascii> PREFLIGHT_TARGET_AVX2 inline __m256i stops256(__m256i s) {
  __m256i y = _mm256_xor_si256(s, _mm256_set1_epi8(2));
  __m256i low = ascii ? _mm256_cmpgt_epi8(_mm256_set1_epi8(0x21), y)
                      : _mm256_cmpeq_epi8(_mm256_min_epu8(y, _mm256_set1_epi8(0x20)), y);
  return _mm256_or_si256(low, _mm256_cmpeq_epi8(s, _mm256_set1_epi8('\\')));
}

// The first stop at or after chunk (64-byte aligned), 64 bytes at a time: the
// long strings (base64 images). Whole aligned 64-byte chunks never cross into
// another page, and the one holding the NUL ends within k_scan_padding of it.
template <bool ascii> PREFLIGHT_TARGET_AVX2 const char* find_stop_avx2(const char* chunk) {
  for (;; chunk += 64) {
    __m256i a = stops256<ascii>(_mm256_load_si256(reinterpret_cast<const __m256i*>(chunk)));
    __m256i b = stops256<ascii>(_mm256_load_si256(reinterpret_cast<const __m256i*>(chunk + 32)));
    __m256i any = _mm256_or_si256(a, b);
    if (!_mm256_testz_si256(any, any)) {
      auto low = static_cast<std::uint32_t>(_mm256_movemask_epi8(a));
      auto high = static_cast<std::uint32_t>(_mm256_movemask_epi8(b));
      return chunk + __builtin_ctzll(low | (std::uint64_t{high} << 32));
    }
  }
}

inline const char* align16(const char* p) {
  return p - (reinterpret_cast<std::uintptr_t>(p) & 15);
}

class Skipper {
public:
  Skipper(const char* p, int depth_left, bool avx2)
      : m_p(p), m_depth_left(depth_left), m_avx2(avx2 && cpu_has_avx2()) {}

  // One value; sets m_sized when it holds a scalar of non-zero size.
  bool value() {
    whitespace();
    switch (*m_p) {
    case '"': {
      const char* start = m_p + 1;
      if (!string())
        return false;
      m_sized |= m_p - 1 != start; // "" has size 0
      return true;
    }
    case '{': return object();
    case '[': return array(nullptr);
    case 't': return literal("true");
    case 'f': return literal("false");
    case 'n': return literal("null");
    default:
      if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9')) {
        m_sized = true;
        return number();
      }
      return false;
    }
  }

  // The array at m_p, leaving m_p after its ']'. With result (the outputs
  // list itself), counts its items and whether each has a sized scalar.
  bool array(SkipResult* result) {
    if (!result && --m_depth_left < 0)
      return false;
    ++m_p; // '['
    whitespace();
    if (*m_p != ']') {
      for (;;) {
        if (result)
          m_sized = false;
        if (!value())
          return false;
        if (result) {
          ++result->count;
          result->some_empty |= !m_sized;
        }
        whitespace();
        if (*m_p == ']')
          break;
        if (*m_p != ',')
          return false;
        ++m_p;
      }
    }
    ++m_p;
    if (!result)
      ++m_depth_left;
    return true;
  }

  const char* position() const { return m_p; }
  // Whether every string so far was ASCII (all else the skipper accepts is).
  bool ascii() const { return !m_non_ascii; }

  bool object() {
    if (--m_depth_left < 0)
      return false;
    ++m_p; // '{'
    whitespace();
    if (*m_p != '}') {
      for (;;) {
        if (*m_p != '"' || !string())
          return false;
        whitespace();
        if (*m_p != ':')
          return false;
        ++m_p;
        if (!value())
          return false;
        whitespace();
        if (*m_p == '}')
          break;
        if (*m_p != ',')
          return false;
        ++m_p;
        whitespace();
      }
    }
    ++m_p;
    ++m_depth_left;
    return true;
  }

private:
  bool literal(const char* word) {
    for (; *word; ++word, ++m_p)
      if (*m_p != *word)
        return false;
    m_sized = true;
    return true;
  }

  bool digits(int max) {
    int n = 0;
    while (*m_p >= '0' && *m_p <= '9') {
      if (++n > max)
        return false;
      ++m_p;
    }
    return n > 0;
  }

  bool number() {
    if (*m_p == '-')
      ++m_p;
    if (*m_p == '0')
      ++m_p;
    else if (!digits(15))
      return false;
    if (*m_p == '.') {
      ++m_p;
      if (!digits(15))
        return false;
    }
    if (*m_p == 'e' || *m_p == 'E') {
      ++m_p;
      if (*m_p == '+' || *m_p == '-')
        ++m_p;
      if (!digits(2))
        return false;
    }
    return !(*m_p >= '0' && *m_p <= '9') && *m_p != '.';
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
      return c - 'A' + 10;
    return -1;
  }

  // Whether e may follow a backslash, other than 'u'.
  static bool simple_escape(char e) {
    switch (e) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't': return true;
    default: return false;
    }
  }

  // The string at m_p ('"'); leaves m_p after its closing quote. One mask
  // of stops per aligned 16-byte block serves every escape in it (short
  // lines of text are mostly escapes); after two blocks without one, the
  // rest goes 64 bytes at a time with AVX2. Loads are aligned (as
  // RapidJSON's), so they never cross into another page; the bytes read
  // before m_p are those of the same 16-byte block. Non-ASCII bytes stop the
  // scan once per string (m_non_ascii is set), then are read as plain.
  bool string() {
    const char* p = m_p + 1;
    const char* block = align16(p);
    bool ascii = true; // bytes from 0x80 still stop the scan
    unsigned mask = stop_mask(block, true) & (0xFFFFu << (p - block));
    int plain_blocks = 0;
    for (;;) {
      while (mask == 0) {
        block += 16;
        if (++plain_blocks >= 2 && m_avx2 && (reinterpret_cast<std::uintptr_t>(block) & 63) == 0) {
          const char* q = ascii ? find_stop_avx2<true>(block) : find_stop_avx2<false>(block);
          block = align16(q);
          mask = stop_mask(block, ascii) & (0xFFFFu << (q - block));
          break;
        }
        mask = stop_mask(block, ascii);
      }
      const char* q = block + __builtin_ctz(mask);
      auto c = static_cast<unsigned char>(*q);
      if (c == '"') {
        m_p = q + 1;
        return true;
      }
      if (c == '\\') {
        if (simple_escape(q[1])) {
          p = q + 2;
        } else {
          if (q[1] != 'u')
            return false;
          int code = 0;
          for (int i = 2; i < 6; ++i) {
            int h = hex(q[i]);
            if (h < 0)
              return false;
            code = code * 16 + h;
          }
          if (code >= 0xD800 && code <= 0xDFFF)
            return false; // surrogates: the parser's rules
          p = q + 6;
        }
      } else if (c >= 0x80) {
        m_non_ascii = true;
        ascii = false;
        p = q + 1;
      } else {
        return false; // a control character (or the end)
      }
      auto offset = p - block;
      if (offset >= 16) {
        block = align16(p);
        mask = stop_mask(block, ascii) & (0xFFFFu << (p - block));
      } else {
        mask &= 0xFFFFu << offset;
      }
    }
  }

  // Pretty-printed JSON puts ": " between keys and values and a newline and
  // an indent before items: those runs are skipped 16 aligned bytes at a
  // time ('\r' and '\t' byte by byte).
  void whitespace() {
    if (static_cast<unsigned char>(*m_p) > ' ')
      return;
    if (*m_p == ' ' && static_cast<unsigned char>(m_p[1]) > ' ') {
      ++m_p;
      return;
    }
    const char* block = align16(m_p);
    unsigned mask = ~space_mask(block) & (0xFFFFu << (m_p - block)) & 0xFFFFu;
    while (mask == 0) {
      block += 16;
      mask = ~space_mask(block) & 0xFFFFu;
    }
    m_p = block + __builtin_ctz(mask);
    if (static_cast<unsigned char>(*m_p) <= ' ')
      while (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t')
        ++m_p;
  }

  // Bit i set: block[i] (16-byte aligned) is a space or a newline.
  static unsigned space_mask(const char* block) {
    __m128i s = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        _mm_cmpeq_epi8(s, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(s, _mm_set1_epi8('\n')))));
  }

  const char* m_p;
  int m_depth_left;
  bool m_avx2; // long strings are scanned by find_stop_avx2
  bool m_sized = false;
  bool m_non_ascii = false; // a string had a byte from 0x80
};

} // namespace

SkipResult skip_plain_array(std::string_view text, std::size_t at, int max_depth, bool avx2) {
  SkipResult result;
  if (at >= text.size() || text[at] != '[')
    return result;
  Skipper skipper(text.data() + at, max_depth, avx2);
  if (!skipper.array(&result))
    return SkipResult{};
  result.ok = true;
  result.end = static_cast<std::size_t>(skipper.position() - 1 - text.data());
  result.ascii = skipper.ascii();
  return result;
}

SkipResult skip_plain_container(std::string_view text, std::size_t at, int max_depth, bool avx2) {
  SkipResult result;
  if (at >= text.size() || (text[at] != '{' && text[at] != '['))
    return result;
  Skipper skipper(text.data() + at, max_depth, avx2);
  if (!(text[at] == '{' ? skipper.object() : skipper.array(nullptr)))
    return result;
  result.ok = true;
  result.end = static_cast<std::size_t>(skipper.position() - 1 - text.data());
  result.ascii = skipper.ascii();
  return result;
}

} // namespace preflight::notebook
