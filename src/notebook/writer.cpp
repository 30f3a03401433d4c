// Python json.dumps, byte for byte. The details that matter (and that tests in
// tests/unit/notebook_writer.cpp pin): indent with "," and ": " separators,
// "[]"/"{}" for empty containers, ESCAPE / ESCAPE_ASCII sets, lowercase \u
// hex, and float repr.
#include "notebook/writer.hpp"

#include "notebook/utf8.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <emmintrin.h>
#include <span>
#include <stdexcept>
#include <system_error>

namespace preflight::notebook {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

void append_u_escape(unsigned code, std::string& out) {
  char buf[6] = {'\\',
                 'u',
                 k_hex[(code >> 12) & 15],
                 k_hex[(code >> 8) & 15],
                 k_hex[(code >> 4) & 15],
                 k_hex[code & 15]};
  out.append(buf, 6);
}

// Escapes one ASCII byte as Python does, or returns false if it needs none.
bool escape_ascii_byte(unsigned char c, bool ensure_ascii, std::string& out) {
  switch (c) {
  case '"': out += "\\\""; return true;
  case '\\': out += "\\\\"; return true;
  case '\n': out += "\\n"; return true;
  case '\r': out += "\\r"; return true;
  case '\t': out += "\\t"; return true;
  case '\b': out += "\\b"; return true;
  case '\f': out += "\\f"; return true;
  default:
    if (c < 0x20 || (ensure_ascii && c == 0x7F)) {
      append_u_escape(c, out);
      return true;
    }
    return false;
  }
}

// The bytes write_string copies as they are: printable ASCII but '"' and '\\'.
constexpr auto k_plain = [] {
  std::array<bool, 256> table{};
  for (unsigned c = 0x20; c < 0x7F; ++c)
    table[c] = c != '"' && c != '\\';
  return table;
}();

// Where the first byte at or after i that k_plain does not list is, 16
// bytes at a time (only whole blocks inside s: strings may end anywhere), or
// the start of the last 15 bytes or fewer.
std::size_t plain_run(const unsigned char* p, std::size_t i, std::size_t n) {
  // s ^ 2 maps '"' to 0x20 and keeps 0..0x1F below it; as signed bytes,
  // those from 0x80 are below it too: one compare for all but '\' and DEL.
  const __m128i flip = _mm_set1_epi8(2), limit = _mm_set1_epi8(0x21);
  const __m128i backslash = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7F);
  for (; i + 16 <= n; i += 16) {
    __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i stop = _mm_or_si128(_mm_cmplt_epi8(_mm_xor_si128(s, flip), limit),
                                _mm_or_si128(_mm_cmpeq_epi8(s, backslash), _mm_cmpeq_epi8(s, del)));
    if (auto mask = static_cast<unsigned>(_mm_movemask_epi8(stop)))
      return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
  return i;
}

void write_string(std::string_view s, bool ensure_ascii, std::string& out) {
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t run = 0; // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size();) {
    i = plain_run(p, i, s.size());
    while (i < s.size() && k_plain[p[i]])
      ++i;
    if (i == s.size())
      break;
    unsigned char c = p[i];
    if (c < 0x80) {
      out.append(s.data() + run, i - run);
      if (!escape_ascii_byte(c, ensure_ascii, out))
        out += static_cast<char>(c);
      run = ++i;
      continue;
    }
    // Non-ASCII: a lone surrogate (ED A0..BF) cannot be encoded as UTF-8.
    bool surrogate = c == 0xED && i + 1 < s.size() && p[i + 1] >= 0xA0;
    if (!ensure_ascii) {
      if (surrogate) {
        std::size_t j = i;
        char32_t cp = next_code_point(s, j);
        char hex[5] = {k_hex[(cp >> 12) & 15], k_hex[(cp >> 8) & 15], k_hex[(cp >> 4) & 15],
                       k_hex[cp & 15], 0};
        throw EncodeError{std::string("UnicodeEncodeError: 'utf-8' codec can't encode character "
                                      "'\\u") +
                          hex + "': surrogates not allowed"};
      }
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    char32_t cp = next_code_point(s, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      append_u_escape(0xD800 | static_cast<unsigned>(cp >> 10), out);
      append_u_escape(0xDC00 | static_cast<unsigned>(cp & 0x3FF), out);
    } else {
      append_u_escape(static_cast<unsigned>(cp), out);
    }
    run = i;
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

// A newline and the indent of a line, in one append while it fits.
constexpr std::size_t k_max_indent = 255;
constexpr auto k_newline_indent = [] {
  std::array<char, 1 + k_max_indent> line{};
  line[0] = '\n';
  for (std::size_t i = 1; i < line.size(); ++i)
    line[i] = ' ';
  return line;
}();

void newline(int indent, int level, std::string& out) {
  auto n = static_cast<std::size_t>(indent * level);
  if (n <= k_max_indent) {
    out.append(k_newline_indent.data(), 1 + n);
    return;
  }
  out += '\n';
  out.append(n, ' ');
}

void write_value(const Value& v, const WriteStyle& style, int level, std::string& out) {
  switch (v.kind) {
  case Kind::null: out += "null"; return;
  case Kind::boolean: out += v.boolean ? "true" : "false"; return;
  case Kind::number: write_number(v.text, out); return;
  case Kind::string: write_string(v.text, style.ensure_ascii, out); return;
  case Kind::array:
    if (v.lazy != Lazy::no)
      throw std::logic_error("writing a lazy array that was not loaded");
    if (v.items.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    for (std::size_t i = 0; i < v.items.size(); ++i) {
      if (i)
        out += ',';
      newline(style.indent, level + 1, out);
      write_value(v.items[i], style, level + 1, out);
    }
    newline(style.indent, level, out);
    out += ']';
    return;
  case Kind::object: {
    if (v.lazy != Lazy::no)
      throw std::logic_error("writing a lazy object that was not loaded");
    if (v.members.empty()) {
      out += "{}";
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
    out += '{';
    bool first = true;
    for (const Member* m : std::span<const Member*>(order, n)) {
      if (!first)
        out += ',';
      first = false;
      newline(style.indent, level + 1, out);
      write_string(m->key, style.ensure_ascii, out);
      out.append(": ", 2);
      write_value(m->value, style, level + 1, out);
    }
    newline(style.indent, level, out);
    out += '}';
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
  write_value(value, style, 0, out);
}

} // namespace preflight::notebook
