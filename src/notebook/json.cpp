// JSON reading on top of RapidJSON's SAX reader (see docs/notebooks.md for why
// RapidJSON: it was the fastest of the Debian libraries we measured that can
// hand over raw number text and accept NaN/Infinity).
//
// Parsing is in situ: RapidJSON decodes escapes in place (decoded text is never
// longer than its JSON form) and the handler builds Values on a stack whose
// strings and numbers are views into the buffer. A base64 image ending in "\n"
// is thus rewritten only from its first escape on, so the pages before that
// are neither copied nor, when mapped from a file, duplicated.
#include "notebook/json.hpp"

#include "notebook/utf8.hpp"

#define RAPIDJSON_SSE2
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace preflight::notebook {

Value* Value::find(std::string_view key) {
  if (kind != Kind::object)
    return nullptr;
  for (Member& m : members)
    if (m.key == key)
      return &m.value;
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  return const_cast<Value*>(this)->find(key);
}

bool Value::erase(std::string_view key) {
  if (kind != Kind::object)
    return false;
  auto it =
      std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.key == key; });
  if (it == members.end())
    return false;
  members.erase(it);
  return true;
}

bool Value::truthy() const {
  switch (kind) {
  case Kind::null: return false;
  case Kind::boolean: return boolean;
  case Kind::number:
    // Any non-zero digit makes a number true; NaN and Infinity are true.
    return text.find_first_of("123456789NI") != std::string_view::npos &&
           text.find_first_of("123456789NI") < text.find_first_of("eE");
  case Kind::string: return !text.empty();
  case Kind::array: return !items.empty();
  case Kind::object: return !members.empty();
  }
  return false;
}

Value Value::make_string(std::string_view s) {
  Value v;
  v.kind = Kind::string;
  v.text = s;
  return v;
}

Value Value::make_array() {
  Value v;
  v.kind = Kind::array;
  return v;
}

Value Value::make_object() {
  Value v;
  v.kind = Kind::object;
  return v;
}

static double number_value(std::string_view raw) {
  if (raw == "NaN")
    return std::numeric_limits<double>::quiet_NaN();
  std::string s(raw);
  return std::strtod(s.c_str(), nullptr); // Infinity and big ints included
}

bool equal(const Value& a, const Value& b) {
  if (a.kind != b.kind)
    return false; // Python's True == 1 is not worth modelling here
  switch (a.kind) {
  case Kind::null: return true;
  case Kind::boolean: return a.boolean == b.boolean;
  case Kind::number: return a.text == b.text || number_value(a.text) == number_value(b.text);
  case Kind::string: return a.text == b.text;
  case Kind::array:
    return std::equal(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(), equal);
  case Kind::object:
    if (a.members.size() != b.members.size())
      return false;
    for (const Member& m : a.members) {
      const Value* other = b.find(m.key);
      if (!other || !equal(m.value, *other))
        return false;
    }
    return true;
  }
  return false;
}

std::string padded_copy(std::string_view text) {
  std::string copy;
  copy.reserve(text.size() + k_scan_padding);
  copy.assign(text);
  return copy;
}

std::string_view Document::own(std::string s) {
  m_strings.push_back(std::move(s));
  return m_strings.back();
}

void locate(std::string_view text, std::size_t offset, int& line, int& column) {
  offset = std::min(offset, text.size());
  line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  column = 1 + static_cast<int>(code_points(text.substr(line_start, offset - line_start)));
}

namespace {

constexpr std::size_t k_max_int_digits = 4300; // Python 3.11's int/str conversion limit
constexpr int k_max_depth = 900;               // below Python's recursion limit of 1000

class Handler {
public:
  Handler(std::string_view input, rapidjson::InsituStringStream& stream)
      : m_input(input), m_stream(stream) {}

  bool Null() { return push(Value{}); }
  bool Bool(bool b) {
    Value v;
    v.kind = Kind::boolean;
    v.boolean = b;
    return push(std::move(v));
  }
  // Never called with kParseNumbersAsStringsFlag, but the concept needs them.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(int64_t) { return false; }
  bool Uint64(uint64_t) { return false; }
  bool Double(double) { return false; }

  bool RawNumber(const char* str, rapidjson::SizeType n, bool) {
    std::string_view raw(str, n);
    if (!valid_number(raw))
      return fail(static_cast<std::size_t>(str - m_input.data()),
                  "invalid number '" + std::string(raw) + "'");
    Value v;
    v.kind = Kind::number;
    v.text = raw;
    return push(std::move(v));
  }

  bool String(const char* s, rapidjson::SizeType n, bool) {
    return push(Value::make_string(std::string_view(s, n)));
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    m_keys.emplace_back(s, n);
    return true;
  }

  // Python's json module gives up at its recursion limit; so do we, before
  // the tree gets deep enough to overflow the stack when it is freed.
  bool StartObject() { return enter(); }
  bool StartArray() { return enter(); }

  bool EndArray(rapidjson::SizeType count) {
    --m_depth;
    Value v = Value::make_array();
    auto first = m_values.end() - static_cast<std::ptrdiff_t>(count);
    v.items.assign(std::make_move_iterator(first), std::make_move_iterator(m_values.end()));
    m_values.erase(first, m_values.end());
    return push(std::move(v));
  }

  bool EndObject(rapidjson::SizeType count) {
    --m_depth;
    Value v = Value::make_object();
    v.members.reserve(count);
    auto first = m_values.end() - static_cast<std::ptrdiff_t>(count);
    auto key = m_keys.end() - static_cast<std::ptrdiff_t>(count);
    for (auto it = first; it != m_values.end(); ++it, ++key)
      v.members.push_back(Member{*key, std::move(*it)});
    m_values.erase(first, m_values.end());
    m_keys.erase(m_keys.end() - static_cast<std::ptrdiff_t>(count), m_keys.end());
    remove_duplicates(v.members);
    return push(std::move(v));
  }

  Value take_root() { return std::move(m_values.back()); }
  // Set when the handler (not RapidJSON) rejected a token.
  std::optional<std::pair<std::size_t, std::string>> m_failure;

private:
  bool enter() {
    if (++m_depth <= k_max_depth)
      return true;
    return fail(offset(), "nesting too deep (more than 900 levels)");
  }

  bool push(Value v) {
    m_values.push_back(std::move(v));
    return true;
  }

  static bool valid_number(std::string_view raw) {
    if (raw.empty())
      return false;
    if (raw.find_first_of("NI") != std::string_view::npos)
      return raw == "NaN" || raw == "Infinity" || raw == "-Infinity";
    if (raw.find_first_of(".eE") == std::string_view::npos)
      return raw.size() - (raw[0] == '-' ? 1 : 0) <= k_max_int_digits;
    return true;
  }

  bool fail(std::size_t offset, std::string message) {
    m_failure = {offset, std::move(message)};
    return false;
  }

  // Python dicts keep the first position of a key and its last value.
  static void remove_duplicates(std::vector<Member>& members) {
    if (members.size() < 2)
      return;
    std::unordered_map<std::string_view, std::size_t> first;
    if (members.size() <= 16) {
      bool dup = false;
      for (std::size_t i = 0; i < members.size() && !dup; ++i)
        for (std::size_t j = i + 1; j < members.size() && !dup; ++j)
          dup = members[i].key == members[j].key;
      if (!dup)
        return;
    }
    std::vector<Member> out;
    out.reserve(members.size());
    for (Member& m : members) {
      auto [it, inserted] = first.emplace(m.key, out.size());
      if (inserted)
        out.push_back(std::move(m));
      else
        out[it->second].value = std::move(m.value);
    }
    members = std::move(out);
  }

  // Where the parser is (approximately: RapidJSON may hold a private copy).
  std::size_t offset() { return m_stream.Tell(); }

  std::string_view m_input;
  rapidjson::InsituStringStream& m_stream;
  std::vector<Value> m_values;
  std::vector<std::string_view> m_keys;
  int m_depth = 0;
};

} // namespace

std::optional<Document> parse(std::string_view text, ParseError& error) {
  std::string copy = padded_copy(text);
  std::optional<Document> doc =
      parse_in_place(std::span<char>(copy.data(), copy.size()), error, &copy);
  if (!doc && error.line == 0)
    locate(text, error.offset, error.line, error.column);
  return doc;
}

std::optional<Document> parse_in_place(std::span<char> buffer, ParseError& error,
                                       std::string* keep_alive) {
  std::string_view text(buffer.data(), buffer.size());
  bool modified = false; // once parsing started, line numbers need the original
  auto fail = [&](std::size_t offset, std::string message) -> std::optional<Document> {
    error.offset = offset;
    error.message = std::move(message);
    error.line = error.column = 0;
    if (!modified)
      locate(text, offset, error.line, error.column);
    return std::nullopt;
  };
  // Python decodes the whole file first: invalid UTF-8 fails before parsing.
  if (std::size_t bad = find_invalid_utf8(text); bad != text.size())
    return fail(bad, "invalid UTF-8 byte");
  // RapidJSON stops at a NUL byte, which JSON never allows outside strings
  // (and never raw inside them).
  if (const void* nul = std::memchr(text.data(), 0, text.size()))
    return fail(static_cast<std::size_t>(static_cast<const char*>(nul) - text.data()),
                "invalid control character");

  Document doc;
  if (keep_alive)
    text = doc.own(std::move(*keep_alive));
  rapidjson::InsituStringStream stream(const_cast<char*>(text.data()));
  Handler handler(text, stream);
  rapidjson::Reader reader;
  modified = true;
  constexpr unsigned flags = rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag |
                             rapidjson::kParseNanAndInfFlag | rapidjson::kParseIterativeFlag;
  rapidjson::ParseResult ok = reader.Parse<flags>(stream, handler);
  if (handler.m_failure)
    return fail(handler.m_failure->first, handler.m_failure->second);
  if (!ok)
    return fail(ok.Offset(), rapidjson::GetParseError_En(ok.Code()));
  doc.root = handler.take_root();
  return doc;
}

} // namespace preflight::notebook
