// Python json.dumps, byte for byte. The details that matter (and that tests in
// tests/unit/notebook_writer.cpp pin): indent with "," and ": " separators,
// "[]"/"{}" for empty containers, ESCAPE / ESCAPE_ASCII sets, lowercase \u
// hex, and float repr.
#include "notebook/writer.hpp"

#include "notebook/utf8.hpp"
#include "util/simd.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <span>
#include <stdexcept>
#include <system_error>

namespace preflight::notebook {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

// Appends to a std::string through a pointer: the string is grown (and
// zero-filled) a few KB ahead of what is written, and cut back to it at the
// end, so that each write is a store, not a std::string call.
class Out {
public:
  explicit Out(std::string& s) : m_s(s), m_used(s.size()) { claim(0); }
  ~Out() { m_s.resize(static_cast<std::size_t>(m_p - m_s.data())); }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;

  // Room for n more bytes; write them from the pointer returned, then commit.
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(m_end - m_p) < n)
      claim(n);
    return m_p;
  }
  void commit(char* p) { m_p = p; }

  void put(char c) {
    *room(1) = c;
    ++m_p;
  }
  void put(std::string_view s) {
    char* p = room(s.size());
    std::memcpy(p, s.data(), s.size());
    m_p = p + s.size();
  }

private:
  void claim(std::size_t n) {
    std::size_t used = m_p ? static_cast<std::size_t>(m_p - m_s.data()) : m_used;
    m_s.resize(used + std::max<std::size_t>(n, 4096));
    m_p = m_s.data() + used;
    m_end = m_s.data() + m_s.size();
  }

  std::string& m_s;
  std::size_t m_used; // the string's size before
  char* m_p = nullptr;
  char* m_end = nullptr;
};

char* u_escape(unsigned code, char* o) {
  o[0] = '\\';
  o[1] = 'u';
  o[2] = k_hex[(code >> 12) & 15];
  o[3] = k_hex[(code >> 8) & 15];
  o[4] = k_hex[(code >> 4) & 15];
  o[5] = k_hex[code & 15];
  return o + 6;
}

// Escapes one ASCII byte that k_plain does not list as Python does (at most
// 6 bytes), or copies it.
char* escape_ascii_byte(unsigned char c, bool ensure_ascii, char* o) {
  char e;
  switch (c) {
  case '"': e = '"'; break;
  case '\\': e = '\\'; break;
  case '\n': e = 'n'; break;
  case '\r': e = 'r'; break;
  case '\t': e = 't'; break;
  case '\b': e = 'b'; break;
  case '\f': e = 'f'; break;
  default:
    if (c < 0x20 || (ensure_ascii && c == 0x7F))
      return u_escape(c, o);
    *o = static_cast<char>(c);
    return o + 1;
  }
  o[0] = '\\';
  o[1] = e;
  return o + 2;
}

// The bytes write_string copies as they are: printable ASCII but '"' and '\\'.
constexpr auto k_plain = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0x20; c < 0x7F; ++c)
    table[c] = c != '"' && c != '\\';
  return table;
}();

// Bit i set: byte i of s is not one k_plain lists. s ^ 2 maps '"' to 0x20 and
// keeps 0..0x1F below it; as signed bytes, those from 0x80 are below it too:
// one compare for all but '\\' and DEL.
inline unsigned stop_mask(__m128i s) {
  __m128i stop = _mm_or_si128(
      _mm_cmplt_epi8(_mm_xor_si128(s, _mm_set1_epi8(2)), _mm_set1_epi8(0x21)),
      _mm_or_si128(_mm_cmpeq_epi8(s, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(s, _mm_set1_epi8(0x7F))));
  return static_cast<unsigned>(_mm_movemask_epi8(stop));
}

// Input bytes written per room() call: the room asked for is 6 times that
// (a \u00XX escape per byte at worst), whatever the string's size.
constexpr std::size_t k_string_chunk = 4096;
constexpr std::size_t k_string_slack = 16; // a code point past the chunk's end

void write_string(std::string_view s, bool ensure_ascii, Out& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  char* o = out.room(1);
  *o++ = '"';
  while (i < n) {
    // Room for a chunk of input, escaped; plain runs are copied 16 bytes at
    // a time (the stores may run ahead of what is kept, never past the room).
    std::size_t end = std::min(n, i + k_string_chunk);
    out.commit(o);
    o = out.room(6 * (end - i) + k_string_slack);
    while (i < end) {
      while (i + 16 <= end) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(o), v);
        if (unsigned mask = stop_mask(v)) {
          auto k = static_cast<std::size_t>(__builtin_ctz(mask));
          i += k;
          o += k;
          break;
        }
        i += 16;
        o += 16;
      }
      while (i < end && k_plain[p[i]])
        *o++ = static_cast<char>(p[i++]);
      if (i == end)
        break;
      unsigned char c = p[i];
      if (c < 0x80) {
        o = escape_ascii_byte(c, ensure_ascii, o);
        ++i;
        continue;
      }
      // Non-ASCII: a lone surrogate (ED A0..BF) cannot be encoded as UTF-8.
      bool surrogate = c == 0xED && i + 1 < n && p[i + 1] >= 0xA0;
      if (!ensure_ascii) {
        if (surrogate) {
          std::size_t j = i;
          char32_t cp = next_code_point(s, j);
          char hex[5] = {k_hex[(cp >> 12) & 15], k_hex[(cp >> 8) & 15], k_hex[(cp >> 4) & 15],
                         k_hex[cp & 15], 0};
          out.commit(o);
          throw EncodeError{std::string("UnicodeEncodeError: 'utf-8' codec can't encode "
                                        "character '\\u") +
                            hex + "': surrogates not allowed"};
        }
        *o++ = static_cast<char>(c);
        ++i;
        continue;
      }
      // (a code point may end past the chunk: 6 bytes more than counted at
      // most, for a 4-byte one that starts in its last byte)
      char32_t cp = next_code_point(s, i);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        o = u_escape(0xD800 | static_cast<unsigned>(cp >> 10), o);
        o = u_escape(0xDC00 | static_cast<unsigned>(cp & 0x3FF), o);
      } else {
        o = u_escape(static_cast<unsigned>(cp), o);
      }
    }
  }
  out.commit(o);
  out.put('"');
}

// A newline and the indent of a line, in one copy while it fits.
constexpr std::size_t k_max_indent = 255;
constexpr auto k_newline_indent = [] {
  std::array<char, 1 + k_max_indent> line{};
  line[0] = '\n';
  for (std::size_t i = 1; i < line.size(); ++i)
    line[i] = ' ';
  return line;
}();

void newline(int indent, int level, Out& out) {
  auto n = static_cast<std::size_t>(indent * level);
  if (n < 32) { // two 16-byte stores (the room covers them), kept up to 1 + n
    char* o = out.room(32);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(o),
                     _mm_loadu_si128(reinterpret_cast<const __m128i*>(k_newline_indent.data())));
    _mm_storeu_si128(
        reinterpret_cast<__m128i*>(o + 16),
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(k_newline_indent.data() + 16)));
    out.commit(o + 1 + n);
    return;
  }
  if (n <= k_max_indent) {
    out.put(std::string_view(k_newline_indent.data(), 1 + n));
    return;
  }
  out.put('\n');
  out.put(std::string(n, ' '));
}

void write_value(const Value& v, const WriteStyle& style, int level, Out& out) {
  switch (v.kind) {
  case Kind::null: out.put("null"); return;
  case Kind::boolean: out.put(v.boolean ? "true" : "false"); return;
  case Kind::number: {
    std::string text;
    write_number(v.text, text);
    out.put(text);
    return;
  }
  case Kind::string: write_string(v.text, style.ensure_ascii, out); return;
  case Kind::array:
    if (v.lazy != Lazy::no)
      throw std::logic_error("writing a lazy array that was not loaded");
    if (v.items.empty()) {
      out.put("[]");
      return;
    }
    out.put('[');
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      if (i)
        out.put(',');
      newline(style.indent, level + 1, out);
      write_value(v.items[i], style, level + 1, out);
    }
    newline(style.indent, level, out);
    out.put(']');
    return;
  case Kind::object: {
    if (v.lazy != Lazy::no)
      throw std::logic_error("writing a lazy object that was not loaded");
    if (v.members.empty()) {
      out.put("{}");
      return;
    }
    // The members in writing order: on the stack for the usual small objects.
    constexpr std::size_t k_small = 16;
    const Member* small[k_small];
    std::vector<const Member*> large;
    const Member** order = small;
    if (v.members.size() > k_small) {
      large.resize(v.members.size());
      order = large.data();
    }
    std::size_t n = 0;
    for (const Member& m : v.members)
      order[n++] = &m;
    if (style.sort_keys) // (by first byte when it differs: no memcmp call)
      std::sort(order, order + n, [](const Member* a, const Member* b) {
        if (!a->key.empty() && !b->key.empty() && a->key[0] != b->key[0])
          return static_cast<unsigned char>(a->key[0]) < static_cast<unsigned char>(b->key[0]);
        return a->key < b->key;
      });
    out.put('{');
    bool first = true;
    for (const Member* m : std::span<const Member*>(order, n)) {
      if (!first)
        out.put(',');
      first = false;
      newline(style.indent, level + 1, out);
      write_string(m->key, style.ensure_ascii, out);
      out.put(": ");
      write_value(m->value, style, level + 1, out);
    }
    newline(style.indent, level, out);
    out.put('}');
    return;
  }
  }
}

bool is_float(std::string_view raw) {
  return raw.find_first_of(".eE") != std::string_view::npos;
}

// strtod for the values from_chars refuses: overflow gives inf, underflow 0.
double parse_double(std::string_view raw) {
  double d = 0;
  auto [ptr, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), d);
  if (ec == std::errc())
    return d;
  std::string copy(raw);
  return std::strtod(copy.c_str(), nullptr);
}

// Python's float repr: shortest round-trip digits; exponent form when the
// decimal exponent is below -4 or at least 16; ".0" for integral values.
void write_float(double d, std::string& out) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d < 0 ? "-Infinity" : "Infinity";
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  bool negative = sci[0] == '-';
  if (negative)
    sci.remove_prefix(1);
  std::size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos))
    if (c != '.')
      digits += c;
  int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  if (negative)
    out += '-';
  if (exponent < -4 || exponent >= 16) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out.append(digits, 1);
    }
    char exp_buf[16];
    int abs_exp = std::abs(exponent);
    std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+', abs_exp);
    out += exp_buf;
  } else if (exponent < 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-exponent - 1), '0');
    out += digits;
  } else {
    auto int_digits = static_cast<std::size_t>(exponent + 1);
    if (digits.size() <= int_digits) {
      out += digits;
      out.append(int_digits - digits.size(), '0');
      out += ".0";
    } else {
      out.append(digits, 0, int_digits);
      out += '.';
      out.append(digits, int_digits);
    }
  }
}

} // namespace

void write_number(std::string_view raw, std::string& out) {
  if (raw == "NaN" || raw == "Infinity" || raw == "-Infinity") {
    out += raw;
  } else if (!is_float(raw)) {
    out += raw == "-0" ? std::string_view("0") : raw;
  } else {
    write_float(parse_double(raw), out);
  }
}

std::string python_str(std::string_view raw) {
  if (raw == "NaN")
    return "nan";
  if (raw == "Infinity")
    return "inf";
  if (raw == "-Infinity")
    return "-inf";
  std::string out;
  if (!is_float(raw)) {
    write_number(raw, out);
    return out;
  }
  double d = parse_double(raw);
  if (std::isinf(d))
    return d < 0 ? "-inf" : "inf";
  write_float(d, out);
  return out;
}

void write_json(const Value& value, const WriteStyle& style, std::string& out) {
  Out o(out);
  write_value(value, style, 0, o);
}

} // namespace preflight::notebook
