#include "config/literal.hpp"

#include <array>

namespace preflight::config {

namespace {

// YAML's indicators, which end or rule out a plain scalar here.
constexpr std::array<bool, 256> k_indicator = [] {
  std::array<bool, 256> table{};
  for (unsigned char c : std::string_view("{}[],#:&!|>'\"%@`\\?"))
    table[c] = true;
  return table;
}();

// A unit test compares the result with yaml-cpp's on every literal of the
// project and on the corner cases.
class LiteralParser {
public:
  explicit LiteralParser(std::string_view text) : m_text(text) {}

  std::optional<Literal> parse() {
    Literal out;
    if (!value(true, out))
      return std::nullopt;
    skip_spaces();
    if (m_pos != m_text.size())
      return std::nullopt;
    return out;
  }

private:
  std::string_view m_text;
  std::size_t m_pos = 0;

  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

  void skip_spaces() {
    while (m_pos < m_text.size() && m_text[m_pos] == ' ')
      ++m_pos;
  }

  bool value(bool top, Literal& out) {
    skip_spaces();
    if (peek() == '[')
      return list(out);
    if (peek() == '\'' || peek() == '"')
      return quoted(out.text);
    return plain(top, out.text);
  }

  bool list(Literal& out) {
    ++m_pos; // '['
    out.list = true;
    skip_spaces();
    if (peek() == ']') {
      ++m_pos;
      return true;
    }
    while (true) {
      if (!value(false, out.items.emplace_back()))
        return false;
      skip_spaces();
      if (peek() == ',') {
        ++m_pos;
      } else if (peek() == ']') {
        ++m_pos;
        return true;
      } else {
        return false;
      }
    }
  }

  bool quoted(std::string& out) {
    const char quote = m_text[m_pos++];
    while (m_pos < m_text.size()) {
      char c = m_text[m_pos++];
      if (c == quote) {
        if (quote == '\'' && peek() == '\'') { // '' is a quote inside '...'
          out += '\'';
          ++m_pos;
          continue;
        }
        return true;
      }
      if (quote == '"' && c == '\\') {
        char next = peek();
        if (next != '\\' && next != '"')
          return false;
        c = next;
        ++m_pos;
      }
      out += c;
    }
    return false;
  }

  // A plain scalar: letters, digits and a few safe marks; none of YAML's
  // indicators, and not a word YAML reads as null.
  bool plain(bool top, std::string& out) {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (!top && (c == ',' || c == ']'))
        break;
      if (k_indicator[static_cast<unsigned char>(c)])
        return false;
      ++m_pos;
    }
    std::string_view text = m_text.substr(start, m_pos - start);
    while (!text.empty() && text.back() == ' ')
      text.remove_suffix(1);
    if (text.empty() || text.front() == '-' || text.front() == '*' || text == "~" ||
        text == "null" || text == "Null" || text == "NULL")
      return false;
    out.assign(text);
    return true;
  }
};

} // namespace

std::optional<Literal> parse_literal(std::string_view text) {
  // Printable ASCII only: yaml-cpp refuses NUL and reads other control bytes,
  // line breaks and non-ASCII text by rules this reader does not copy
  // (tests/fuzz/fuzz_literal.cpp compares the two).
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return std::nullopt;
  return LiteralParser(text).parse();
}

} // namespace preflight::config
