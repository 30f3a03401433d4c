// A small JSON document model for notebooks, read with Python's json.loads rules.
//
// Notebooks are mostly a few big strings (base64 images) in a modest tree, so
// the model never copies a string: string values are views into the input
// buffer (decoded in place, see parse_in_place), and numbers keep
// their raw text (Python ints have no size limit, and floats are re-printed with
// Python's repr by the writer). Strings that had to be decoded, or that strip
// creates, live in the Document's own storage.
//
// Parsing follows Python's json.loads: NaN, Infinity and -Infinity are
// accepted, duplicate keys keep the first key's position and the last value,
// the input must be valid UTF-8 without a BOM, and integers are limited to 4300
// digits as in Python 3.11.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::notebook {

enum class Kind : unsigned char { null, boolean, number, string, array, object };

struct Member;

// One JSON value. Members of an object keep their input order.
struct Value {
  Kind kind = Kind::null;
  bool boolean = false;  // for Kind::boolean
  std::string_view text; // decoded UTF-8 for strings; raw JSON text for numbers
  std::vector<Value> items;
  std::vector<Member> members;

  bool is_null() const { return kind == Kind::null; }
  bool is_string() const { return kind == Kind::string; }
  bool is_array() const { return kind == Kind::array; }
  bool is_object() const { return kind == Kind::object; }

  // Object look-ups; nullptr when this is not an object or the key is absent.
  Value* find(std::string_view key);
  const Value* find(std::string_view key) const;
  // Removes key from an object; returns whether it was there.
  bool erase(std::string_view key);
  // Python truthiness: null, false, 0, 0.0, "", [] and {} are false.
  bool truthy() const;

  static Value make_string(std::string_view s);
  static Value make_array();
  static Value make_object();
};

struct Member {
  std::string_view key;
  Value value;
};

// Python's ==, as nbstripout uses it to decide whether anything changed.
bool equal(const Value& a, const Value& b);

// A parsed document. The input buffer it was parsed from must outlive it.
class Document {
public:
  Value root;

  // Keeps s alive as long as the document and returns a view of it.
  std::string_view own(std::string s);

private:
  std::deque<std::string> m_strings;
};

// Where and why parsing failed. line and column are 1-based (column in code points).
struct ParseError {
  std::size_t offset = 0;
  int line = 0;
  int column = 0;
  std::string message;
};

// Parses a copy of text, which the document keeps. On failure returns nullopt
// and fills error (with line and column).
std::optional<Document> parse(std::string_view text, ParseError& error);

// Parses buffer in place: strings with escapes are decoded where they stand,
// so the buffer no longer holds the original JSON afterwards, and the document
// refers into it (keep it alive). buffer.data()[buffer.size()] must be a
// readable '\0'. If keep_alive is given, the document takes it over (it must
// be the string that owns buffer). Syntax errors come with an offset but line
// and column 0: decoding in place has changed the text before the error, so
// callers locate the offset in the original bytes (see locate()).
std::optional<Document> parse_in_place(std::span<char> buffer, ParseError& error,
                                       std::string* keep_alive = nullptr);

// RapidJSON's SSE2 string scan reads aligned 16-byte blocks, which may extend
// past the end of the text (never past a page). Buffers parsed in place keep
// this much allocated space after their end so that AddressSanitizer agrees.
inline constexpr std::size_t k_scan_padding = 64;

// A copy of text with k_scan_padding bytes of capacity after it.
std::string padded_copy(std::string_view text);

// Line and column (1-based, column counted in code points) of offset in text.
void locate(std::string_view text, std::size_t offset, int& line, int& column);

} // namespace preflight::notebook
