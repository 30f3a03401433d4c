// UTF-8, JavaScript-compatible whitespace and case, and commitlint's case checks.
// Case mapping uses glibc's C.UTF-8 tables (simple one-to-one mappings, as
// JavaScript does for all but a handful of letters such as U+00DF).
#include "commitmsg/text.hpp"

#include <algorithm>
#include <clocale>
#include <cwctype>
#include <locale.h>

namespace preflight::commitmsg {
namespace {

locale_t utf8_locale() {
  static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
  return loc;
}

char32_t map_case(char32_t c, bool upper) {
  if (c < 0x80) {
    if (upper && c >= 'a' && c <= 'z')
      return c - 32;
    if (!upper && c >= 'A' && c <= 'Z')
      return c + 32;
    return c;
  }
  const locale_t loc = utf8_locale();
  if (loc == locale_t{})
    return c;
  const auto w = static_cast<wint_t>(c);
  return static_cast<char32_t>(upper ? towupper_l(w, loc) : towlower_l(w, loc));
}

std::string map_text(std::string_view text, bool upper) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();)
    append_utf8(out, map_case(next_code_point(text, i), upper));
  return out;
}

// es-toolkit's words(): /\p{Lu}?\p{Ll}+|[0-9]+|\p{Lu}+(?!\p{Ll})|\p{L}+/gu,
// matched left to right without backtracking beyond one code point.
std::vector<std::u32string> split_words(std::string_view text) {
  std::u32string cps;
  for (std::size_t i = 0; i < text.size();)
    cps.push_back(next_code_point(text, i));
  std::vector<std::u32string> words;
  const std::size_t n = cps.size();
  std::size_t i = 0;
  while (i < n) {
    const char32_t c = cps[i];
    std::size_t end = i;
    if (is_upper(c) && i + 1 < n && is_lower(cps[i + 1])) {
      end = i + 1;
      while (end < n && is_lower(cps[end]))
        ++end;
    } else if (is_lower(c)) {
      while (end < n && is_lower(cps[end]))
        ++end;
    } else if (c >= '0' && c <= '9') {
      while (end < n && cps[end] >= '0' && cps[end] <= '9')
        ++end;
    } else if (is_upper(c)) {
      while (end < n && is_upper(cps[end]))
        ++end;
      if (end < n && is_lower(cps[end]) && end - i > 1)
        --end;
      else if (end < n && is_lower(cps[end]))
        end = i; // "\p{Lu}+(?!\p{Ll})" fails; fall through to \p{L}+
    }
    if (end == i && is_letter(c)) {
      while (end < n && is_letter(cps[end]))
        ++end;
    }
    if (end == i) {
      ++i;
      continue;
    }
    words.emplace_back(cps.substr(i, end - i));
    i = end;
  }
  return words;
}

std::string encode(const std::u32string& s) {
  std::string out;
  for (const char32_t c : s)
    append_utf8(out, c);
  return out;
}

std::string capitalize(const std::u32string& word) {
  std::string out;
  for (std::size_t k = 0; k < word.size(); ++k)
    append_utf8(out, map_case(word[k], k == 0));
  return out;
}

std::string join_words(std::string_view text, std::string_view sep, bool cap_first, bool cap_rest,
                       bool lower_all) {
  std::string out;
  const auto words = split_words(text);
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (k > 0)
      out += sep;
    const bool cap = k == 0 ? cap_first : cap_rest;
    if (cap)
      out += capitalize(words[k]);
    else if (lower_all)
      out += to_lower(encode(words[k]));
    else
      out += encode(words[k]);
  }
  return out;
}

std::string upper_first(std::string_view text) {
  if (text.empty())
    return {};
  std::size_t i = 0;
  const char32_t first = next_code_point(text, i);
  std::string out;
  append_utf8(out, map_case(first, true));
  out.append(text.substr(i));
  return out;
}

// Drops `...`, "..." and '...' spans (lazy, left to right), as commitlint does
// before comparing cases, so quoted names do not count.
std::string drop_quoted(std::string_view raw) {
  std::string out;
  std::size_t i = 0;
  while (i < raw.size()) {
    const char c = raw[i];
    if (c == '`' || c == '"' || c == '\'') {
      const std::size_t close = raw.find(c, i + 1);
      // JavaScript '.' stops at line terminators; message lines contain none
      // but a lone CR, which we treat the same way.
      const std::size_t cr = raw.find('\r', i + 1);
      if (close != std::string_view::npos && (cr == std::string_view::npos || cr > close)) {
        i = close + 1;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  return out;
}

std::string to_case(std::string_view input, std::string_view target) {
  if (target == "camel-case")
    return join_words(input, "", false, true, true);
  if (target == "kebab-case")
    return join_words(input, "-", false, false, true);
  if (target == "snake-case")
    return join_words(input, "_", false, false, true);
  if (target == "pascal-case")
    return upper_first(join_words(input, "", false, true, true));
  if (target == "start-case")
    return join_words(js_trim(input), " ", true, true, true);
  if (target == "upper-case" || target == "uppercase")
    return to_upper(input);
  if (target == "sentence-case" || target == "sentencecase")
    return upper_first(input);
  return to_lower(input);
}

} // namespace

Utf8Result sanitize_utf8(std::string_view bytes) {
  Utf8Result result;
  result.text.reserve(bytes.size());
  std::size_t needed = 0, seen = 0, start = 0;
  char32_t cp = 0;
  unsigned lower = 0x80, upper = 0xBF;
  auto bad = [&](std::size_t at) {
    if (!result.first_error)
      result.first_error = at;
    append_utf8(result.text, 0xFFFD);
  };
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (needed == 0) {
      start = i;
      if (b < 0x80) {
        result.text.push_back(static_cast<char>(b));
      } else if (b >= 0xC2 && b <= 0xDF) {
        needed = 1;
        cp = b & 0x1Fu;
      } else if (b >= 0xE0 && b <= 0xEF) {
        lower = b == 0xE0 ? 0xA0 : 0x80;
        upper = b == 0xED ? 0x9F : 0xBF;
        needed = 2;
        cp = b & 0x0Fu;
      } else if (b >= 0xF0 && b <= 0xF4) {
        lower = b == 0xF0 ? 0x90 : 0x80;
        upper = b == 0xF4 ? 0x8F : 0xBF;
        needed = 3;
        cp = b & 0x07u;
      } else {
        bad(i);
      }
      continue;
    }
    if (b < lower || b > upper) {
      needed = seen = 0;
      lower = 0x80;
      upper = 0xBF;
      bad(start);
      --i; // reprocess this byte as the start of a new sequence
      continue;
    }
    lower = 0x80;
    upper = 0xBF;
    cp = (cp << 6) | (b & 0x3Fu);
    if (++seen == needed) {
      append_utf8(result.text, cp);
      needed = seen = 0;
    }
  }
  if (needed != 0)
    bad(start);
  return result;
}

char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto b = static_cast<unsigned char>(text[i]);
  std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (i + len > text.size())
    len = text.size() - i; // not valid UTF-8: degrade without reading past the end
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (std::size_t k = 1; k < len; ++k)
    c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  i += len;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::size_t text_length(std::string_view text, LengthUnit unit) {
  if (unit == LengthUnit::byte)
    return text.size();
  std::size_t n = 0;
  for (const char ch : text) {
    const auto b = static_cast<unsigned char>(ch);
    if ((b & 0xC0) != 0x80)
      ++n;
    if (unit == LengthUnit::utf16 && b >= 0xF0)
      ++n; // a 4-byte sequence is a surrogate pair in UTF-16
  }
  return n;
}

std::size_t code_points(std::string_view text) {
  return text_length(text, LengthUnit::codepoint);
}

bool is_js_space(char32_t c) {
  switch (c) {
  case 0x09:
  case 0x0A:
  case 0x0B:
  case 0x0C:
  case 0x0D:
  case 0x20:
  case 0xA0:
  case 0x1680:
  case 0x2028:
  case 0x2029:
  case 0x202F:
  case 0x205F:
  case 0x3000:
  case 0xFEFF: return true;
  default: return c >= 0x2000 && c <= 0x200A;
  }
}

std::size_t js_space_at(std::string_view text, std::size_t i) {
  std::size_t next = i;
  return is_js_space(next_code_point(text, next)) ? next - i : 0;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z')
      x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z')
      y = static_cast<char>(y + 32);
    if (x != y)
      return false;
  }
  return true;
}

std::string_view js_trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!is_js_space(next_code_point(text, next)))
      break;
    begin = next;
  }
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
      --start;
    std::size_t probe = start;
    if (!is_js_space(next_code_point(text, probe)))
      break;
    end = start;
  }
  return text.substr(begin, end - begin);
}

std::string to_lower(std::string_view text) {
  return map_text(text, false);
}
std::string to_upper(std::string_view text) {
  return map_text(text, true);
}

bool is_upper(char32_t c) {
  if (c < 0x80)
    return c >= 'A' && c <= 'Z';
  const locale_t loc = utf8_locale();
  return loc != locale_t{} && iswupper_l(static_cast<wint_t>(c), loc) != 0;
}

bool is_lower(char32_t c) {
  if (c < 0x80)
    return c >= 'a' && c <= 'z';
  const locale_t loc = utf8_locale();
  return loc != locale_t{} && iswlower_l(static_cast<wint_t>(c), loc) != 0;
}

bool is_cased_letter(char32_t c) {
  return is_upper(c) || is_lower(c);
}

bool is_letter(char32_t c) {
  if (c < 0x80)
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  const locale_t loc = utf8_locale();
  return loc != locale_t{} && iswalpha_l(static_cast<wint_t>(c), loc) != 0;
}

const std::vector<std::string_view>& case_names() {
  static const std::vector<std::string_view> names = {
      "lower-case", "upper-case", "camel-case", "kebab-case", "pascal-case",  "sentence-case",
      "snake-case", "start-case", "lowercase",  "uppercase",  "sentencecase", "lowerCase"};
  return names;
}

bool is_case_name(std::string_view name) {
  const auto& names = case_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool ensure_case(std::string_view raw, std::string_view target) {
  const std::string dropped = drop_quoted(raw);
  const std::string_view input = js_trim(dropped);
  const std::string transformed = to_case(input, target);
  if (transformed.empty() || (transformed[0] >= '0' && transformed[0] <= '9'))
    return true;
  return transformed == input;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

} // namespace preflight::commitmsg
