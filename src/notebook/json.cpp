// JSON reading on top of RapidJSON's SAX reader (see docs/notebooks.md for why
// RapidJSON: it was the fastest of the Debian libraries we measured that can
// hand over raw number text and accept NaN/Infinity).
//
// Parsing is not in situ: that would write a NUL after every string, and on
// a private file mapping each written page is copied into fresh memory, which
// costs more than parsing it. RapidJSON decodes each string onto its own
// reusable stack; the handler views the input instead whenever the string had
// no escapes, and copies the (mostly short) escaped ones into the document's
// arena (see Handler::string_view for long ones).
#include "notebook/json.hpp"

#include "notebook/skip.hpp"
#include "notebook/utf8.hpp"

// Debian's RapidJSON 1.1 has SSE2 scans and no NEON ones: elsewhere its plain
// C++ loops, which accept and return the same bytes.
#if defined(__x86_64__)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace preflight::notebook {

Value* Value::find(std::string_view key) {
  if (kind != Kind::object)
    return nullptr;
  for (Member& m : members)
    if (same_key(m.key, key))
      return &m.value;
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  return const_cast<Value*>(this)->find(key);
}

bool Value::erase(std::string_view key) {
  if (kind != Kind::object)
    return false;
  auto it = std::find_if(members.begin(), members.end(),
                         [&](const Member& m) { return same_key(m.key, key); });
  if (it == members.end())
    return false;
  members.erase(it);
  return true;
}

// Whether the JSON text of a container has anything between its brackets.
static bool raw_has_children(std::string_view json) {
  return json.size() > 2 &&
         json.substr(1, json.size() - 2).find_first_not_of(" \t\r\n") != std::string_view::npos;
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
  case Kind::array:
    if (lazy == Lazy::raw)
      return raw_has_children(text);
    return lazy == Lazy::no ? !items.empty() : count > 0;
  case Kind::object: return lazy == Lazy::raw ? raw_has_children(text) : !members.empty();
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

char* Arena::allocate(std::size_t n, std::size_t pad, std::size_t align) {
  constexpr std::size_t k_block = 32 * 1024;
  std::size_t skip = (align - reinterpret_cast<std::uintptr_t>(m_next) % align) % align;
  if (skip <= m_left) {
    m_next += skip;
    m_left -= skip;
  } else {
    m_left = 0;
  }
  std::size_t need = n + pad;
  if (need > m_left) {
    if (need > k_block / 4) { // big: a block of its own, the current one stays in use
      m_blocks.push_back(std::make_unique_for_overwrite<char[]>(need));
      return m_blocks.back().get();
    }
    m_blocks.push_back(std::make_unique_for_overwrite<char[]>(k_block));
    m_next = m_blocks.back().get();
    m_left = k_block;
  }
  char* p = m_next;
  m_next += n;
  m_left -= n;
  return p;
}

std::string_view Arena::copy(std::string_view s) {
  if (s.empty())
    return {};
  char* p = allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

std::span<char> padded_copy(Arena& arena, std::string_view text) {
  // 16-byte aligned: SIMD scans load whole aligned blocks (skip.cpp).
  char* p = arena.allocate(text.size() + 1 + 15, k_scan_padding);
  p += (16 - reinterpret_cast<std::uintptr_t>(p) % 16) % 16;
  if (!text.empty())
    std::memcpy(p, text.data(), text.size());
  std::memset(p + text.size(), 0, k_scan_padding + 1);
  return {p, text.size()};
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
constexpr std::size_t k_fixup_min_size = 8192; // shorter strings with escapes are copied
constexpr std::size_t k_min_checked = 256;     // shorter checked stretches are scanned again

// Numbers keep their text; NaN and Infinity are read as Python does. The
// recursive parser (not kParseIterativeFlag): its depth is bounded by the
// handler's k_max_depth check, which stops it at the 901st level.
constexpr unsigned k_parse_flags =
    rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseNanAndInfFlag;

class Handler {
public:
  Handler(std::span<char> input, rapidjson::StringStream& stream, Arena& arena, bool lazy_outputs,
          const std::vector<Document::BigNumber>& big_numbers, const DropKeys* drop = nullptr)
      : m_input(input.data(), input.size()), m_buffer(input.data()), m_stream(stream),
        m_arena(arena), m_lazy_outputs(lazy_outputs), m_drop(lazy_outputs ? drop : nullptr),
        m_big_numbers(big_numbers) {}

  bool Null() { return m_skip ? skipped_scalar(true) : push(Value{}); }
  bool Bool(bool b) {
    if (m_skip)
      return skipped_scalar(true);
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
    // The stream still stands at the number (RapidJSON works on a local copy
    // of it until the handler returns), so its text can be viewed in the input.
    std::size_t at = m_stream.Tell();
    std::string_view raw = m_skip ? std::string_view(str, n) : source(at, str, n);
    if (!m_big_numbers.empty())
      raw = big_number(at).value_or(raw);
    if (!valid_number(raw))
      return fail(at, raw.size() > k_max_int_digits
                          ? "integer of " + std::to_string(raw.size() - (raw[0] == '-')) +
                                " digits (Python reads at most 4300)"
                          : "invalid number '" + std::string(raw) + "'");
    if (m_skip)
      return skipped_scalar(true);
    Value v;
    v.kind = Kind::number;
    v.text = raw;
    return push(std::move(v));
  }

  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (m_skip)
      return skipped_scalar(n > 0);
    return push(Value::make_string(string_view(s, n)));
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (m_skip)
      return true;
    m_keys.push_back(string_view(s, n));
    if (m_lazy_outputs)
      m_frames.back().key = m_keys.back();
    return true;
  }

  // Python's json module gives up at its recursion limit; so do we, before
  // the tree gets deep enough to overflow the stack when it is freed.
  bool StartObject() {
    if (m_skip)
      return skipped_start();
    if (m_drop && at_dropped_key())
      return start_raw();
    if (m_lazy_outputs)
      m_frames.push_back({true, {}});
    return enter();
  }
  bool StartArray() {
    if (m_skip)
      return skipped_start();
    if (m_lazy_outputs) {
      if (at_outputs()) {
        m_skip = 1;
        m_skip_start = opening();
        m_skip_some_empty = false;
        m_skip_count.reset();
        if (!enter())
          return false;
        // Plainly valid (nearly always): jump to its ']' (RapidJSON then
        // sees an empty array); else RapidJSON goes through it, events below
        // count its items.
        SkipResult plain = skip_plain_array(m_input, m_skip_start, k_max_depth - m_depth);
        if (plain.ok) {
          m_skip_count = plain.count;
          m_skip_some_empty = plain.some_empty;
          resume_at(plain.end);
          if (plain.ascii)
            checked(m_skip_start, plain.end + 1);
        }
        return true;
      }
      if (m_drop && at_dropped_key())
        return start_raw();
      m_frames.push_back({false, {}});
    }
    return enter();
  }

  bool EndArray(rapidjson::SizeType count) {
    if (m_skip > 1)
      return skipped_end();
    if (m_raw)
      return end_raw(Kind::array);
    --m_depth;
    if (m_skip == 1) { // the end of a skipped outputs list: a lazy array
      m_skip = 0;
      Value v = Value::make_array();
      v.lazy = m_skip_some_empty ? Lazy::some_empty : Lazy::all_sized;
      v.count = m_skip_count.value_or(count);
      v.text = m_input.substr(m_skip_start, closing() + 1 - m_skip_start);
      return push(std::move(v));
    }
    if (m_lazy_outputs)
      m_frames.pop_back();
    Value v = Value::make_array();
    auto first = m_values.end() - static_cast<std::ptrdiff_t>(count);
    // (an empty array has no first item to point at: no address taken then)
    v.items.assign(count ? &*first : nullptr, count, m_arena);
    m_values.erase(first, m_values.end());
    return push(v);
  }

  bool EndObject(rapidjson::SizeType count) {
    if (m_skip)
      return skipped_end();
    if (m_raw)
      return end_raw(Kind::object);
    --m_depth;
    if (m_lazy_outputs)
      m_frames.pop_back();
    Value v = Value::make_object();
    v.members.reserve(count, m_arena);
    auto first = m_values.end() - static_cast<std::ptrdiff_t>(count);
    auto key = m_keys.end() - static_cast<std::ptrdiff_t>(count);
    for (auto it = first; it != m_values.end(); ++it, ++key)
      v.members.push_back(Member{*key, *it}, m_arena);
    m_values.erase(first, m_values.end());
    m_keys.erase(m_keys.end() - static_cast<std::ptrdiff_t>(count), m_keys.end());
    remove_duplicates(v.members);
    return push(v);
  }

  Value take_root() { return m_values.back(); }
  // Writes the decoded tails of long strings over their JSON text.
  void apply_fixups() {
    for (const Fixup& f : m_fixups)
      std::memcpy(f.at, f.tail.data(), f.tail.size());
  }
  // Set when the handler (not RapidJSON) rejected a token.
  std::optional<std::pair<std::size_t, std::string>> m_failure;
  // Stretches of the input the skipper found all ASCII without a NUL, in order.
  std::vector<std::pair<std::size_t, std::size_t>> m_checked;

private:
  // Lazy outputs lists: where the parser is, by container.
  struct Frame {
    bool object;
    std::string_view key; // objects: the key of the member being read
  };

  // Whether an array starting now is cells[*].outputs or
  // worksheets[*].cells[*].outputs in the top-level object.
  bool at_outputs() const {
    std::size_t n = m_frames.size();
    auto is = [&](std::size_t i, bool object, std::string_view key) {
      return m_frames[i].object == object && (!object || same_key(m_frames[i].key, key));
    };
    if (n == 3)
      return is(0, true, "cells") && is(1, false, {}) && is(2, true, "outputs");
    if (n == 5)
      return is(0, true, "worksheets") && is(1, false, {}) && is(2, true, "cells") &&
             is(3, false, {}) && is(4, true, "outputs");
    return false;
  }

  // Whether a container starting now is the value of a key in m_drop, in
  // the notebook's metadata or in a cell's metadata.
  bool at_dropped_key() const {
    std::size_t n = m_frames.size();
    auto is = [&](std::size_t i, bool object, std::string_view key) {
      return m_frames[i].object == object && (!object || same_key(m_frames[i].key, key));
    };
    auto listed = [&](const std::vector<std::string_view>& keys) {
      return m_frames[n - 1].object &&
             std::find(keys.begin(), keys.end(), m_frames[n - 1].key) != keys.end();
    };
    if (n == 2)
      return is(0, true, "metadata") && listed(m_drop->notebook_metadata);
    if (n == 4)
      return is(0, true, "cells") && is(1, false, {}) && is(2, true, "metadata") &&
             listed(m_drop->cell_metadata);
    if (n == 6)
      return is(0, true, "worksheets") && is(1, false, {}) && is(2, true, "cells") &&
             is(3, false, {}) && is(4, true, "metadata") && listed(m_drop->cell_metadata);
    return false;
  }

  // A container under a dropped key: when it is plainly valid, RapidJSON is
  // moved to its closing bracket (it then sees an empty container) and
  // end_raw keeps its JSON text; else it is built as usual (no frame is
  // needed below these keys).
  bool start_raw() {
    std::size_t at = opening();
    SkipResult plain = skip_plain_container(m_input, at, k_max_depth - m_depth);
    if (!enter())
      return false;
    if (!plain.ok) {
      m_frames.push_back({m_input[at] == '{', {}});
      return true;
    }
    m_raw = true;
    m_skip_start = at;
    resume_at(plain.end);
    if (plain.ascii)
      checked(at, plain.end + 1);
    return true;
  }

  // Notes that input[begin, end) is ASCII without a NUL (checked by the
  // skipper), when it is long enough to be worth leaving out of the scan.
  void checked(std::size_t begin, std::size_t end) {
    if (end - begin >= k_min_checked)
      m_checked.push_back({begin, end});
  }
  bool end_raw(Kind kind) {
    --m_depth;
    m_raw = false;
    Value v;
    v.kind = kind;
    v.lazy = Lazy::raw;
    v.text = m_input.substr(m_skip_start, closing() + 1 - m_skip_start);
    return push(v);
  }

  // Inside a skipped outputs list (m_skip is its depth + 1 below it): each
  // item's size (nbstripout's get_size) is zero when it has no scalar but
  // empty strings.
  bool skipped_start() {
    if (m_skip == 1)
      m_item_sized = false;
    ++m_skip;
    return enter();
  }
  bool skipped_end() {
    --m_depth;
    if (--m_skip == 1 && !m_item_sized)
      m_skip_some_empty = true;
    return true;
  }
  bool skipped_scalar(bool sized) {
    if (m_skip == 1 && !sized)
      m_skip_some_empty = true;
    m_item_sized |= sized;
    return true;
  }

  // RapidJSON hands over a decoded copy of each string (on its own stack).
  // The stream still stands at the opening quote, so the string's JSON text
  // can be found in the input: when it has no escapes, the string is viewed
  // there. A long string with escapes only towards its end (a base64 image
  // ending in "\n") is viewed there too, and its decoded tail is written over
  // the JSON text once parsing has succeeded (apply_fixups): that copies only
  // the pages it touches of a private file mapping, instead of the whole
  // string. Other strings with escapes are copied into the arena.
  std::string_view string_view(const char* s, rapidjson::SizeType n) {
    std::size_t at = m_stream.Tell() + 1;
    char* p = m_buffer + at;
    if (at + n <= m_input.size() && p[-1] == '"') {
      const void* backslash = std::memchr(p, '\\', n);
      if (!backslash && p[n] == '"')
        return {p, n};
      if (backslash) {
        auto k = static_cast<std::size_t>(static_cast<const char*>(backslash) - p);
        // p[0..k) has no escape, so it holds the string's first k bytes.
        if (n >= k_fixup_min_size && n - k <= n / 2) {
          m_fixups.push_back({p + k, m_arena.copy(std::string_view(s + k, n - k))});
          return {p, n};
        }
      }
    }
    return m_arena.copy(std::string_view(s, n));
  }

  // The text of a too-big number replaced at offset at, if any (offsets ascend).
  std::optional<std::string_view> big_number(std::size_t at) const {
    auto it = std::lower_bound(
        m_big_numbers.begin(), m_big_numbers.end(), at,
        [](const Document::BigNumber& b, std::size_t offset) { return b.offset < offset; });
    if (it != m_big_numbers.end() && it->offset == at)
      return it->text;
    return std::nullopt;
  }

  // The n bytes of a number at input offset at (the same as copy's).
  std::string_view source(std::size_t at, const char* copy, std::size_t n) {
    const char* p = m_input.data() + at;
    if (at + n <= m_input.size() && std::memcmp(p, copy, n) == 0)
      return {p, n};
    return m_arena.copy(std::string_view(copy, n));
  }

  bool enter() {
    if (++m_depth <= k_max_depth)
      return true;
    return fail(opening(), "nesting too deep (more than 900 levels)");
  }

  bool push(const Value& v) {
    m_values.push_back(v);
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
  static void remove_duplicates(List<Member>& members) {
    if (members.size() < 2)
      return;
    std::unordered_map<std::string_view, std::size_t> first;
    if (members.size() <= 16) {
      bool dup = false;
      for (std::size_t i = 0; i < members.size() && !dup; ++i)
        for (std::size_t j = i + 1; j < members.size() && !dup; ++j)
          dup = same_key(members[i].key, members[j].key);
      if (!dup)
        return;
    }
    std::size_t out = 0; // in place: members[0, out) are the kept ones
    for (const Member& m : members) {
      auto [it, inserted] = first.emplace(m.key, out);
      if (inserted)
        members[out++] = m;
      else
        members[it->second].value = m.value;
    }
    members.erase(members.begin() + out, members.end());
  }

  // RapidJSON's recursive parser (k_parse_flags) has taken the bracket when
  // it calls StartObject/StartArray and EndObject/EndArray.
  // The offset of the '{' or '[' of the container starting.
  std::size_t opening() const { return m_stream.Tell() - 1; }
  // The offset of the '}' or ']' of the container ending.
  std::size_t closing() const { return m_stream.Tell() - 1; }
  // Moves RapidJSON, just inside a container, to its closing bracket at end.
  void resume_at(std::size_t end) { m_stream.src_ = m_input.data() + end; }

  struct Fixup {
    char* at;
    std::string_view tail;
  };

  std::string_view m_input;
  char* m_buffer; // m_input, writable
  rapidjson::StringStream& m_stream;
  Arena& m_arena;
  std::vector<Fixup> m_fixups;
  bool m_lazy_outputs;
  const DropKeys* m_drop; // set only with m_lazy_outputs
  bool m_raw = false;     // between start_raw and end_raw
  std::vector<Frame> m_frames;
  int m_skip = 0; // > 0: inside a skipped outputs list
  std::size_t m_skip_start = 0;
  bool m_skip_some_empty = false;
  std::optional<std::uint32_t> m_skip_count; // set when skip_plain_array went past it
  bool m_item_sized = false;
  std::vector<Value> m_values;
  std::vector<std::string_view> m_keys;
  int m_depth = 0;
  const std::vector<Document::BigNumber>& m_big_numbers;
};

// The length of the JSON number at text[at], or 0 if there is none.
std::size_t number_length(std::string_view text, std::size_t at) {
  std::size_t i = at;
  auto digits = [&] {
    std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
      ++i;
    return i > start;
  };
  if (i < text.size() && text[i] == '-')
    ++i;
  if (i < text.size() && text[i] == '0')
    ++i;
  else if (!digits())
    return 0;
  if (i < text.size() && text[i] == '.' && (++i, !digits()))
    return 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
      ++i;
    if (!digits())
      return 0;
  }
  return i - at;
}

// Python reads integers of any length (up to 4300 digits) and floats past
// DBL_MAX (as inf), where RapidJSON stops with "Number too big". Such a number
// is kept in doc.big_numbers and replaced in buffer by a stand-in of the same
// length that RapidJSON reads ("0.000"), so that the parse can be run again;
// the handler gives the number its own text back. False when there is no
// number to replace at offset.
bool replace_big_number(Document& doc, std::span<char> buffer, std::size_t offset) {
  std::string_view text(buffer.data(), buffer.size());
  std::size_t n = number_length(text, offset);
  if (n < 3)
    return false;
  std::string_view original = doc.own(text.substr(offset, n));
  auto it =
      std::lower_bound(doc.big_numbers.begin(), doc.big_numbers.end(), offset,
                       [](const Document::BigNumber& b, std::size_t at) { return b.offset < at; });
  doc.big_numbers.insert(it, {offset, original});
  buffer[offset] = '0';
  buffer[offset + 1] = '.';
  std::memset(buffer.data() + offset + 2, '0', n - 2);
  return true;
}

// Puts the original text of replaced numbers back into buffer.
void restore_big_numbers(Document& doc, std::span<char> buffer) {
  for (const Document::BigNumber& b : doc.big_numbers)
    std::memcpy(buffer.data() + b.offset, b.text.data(), b.text.size());
  doc.big_numbers.clear();
}

// The error RapidJSON's iterative parser gave (earlier versions of this
// reader used it, and error messages are kept as they were): the recursive
// one says "Invalid value" for a document that starts with ']', '}', ',' or
// ':', where the iterative one says "The document is empty". Every other
// error is the same in both, at the same offset.
rapidjson::ParseErrorCode error_code(std::string_view text, const rapidjson::ParseResult& result) {
  if (result.Code() == rapidjson::kParseErrorValueInvalid &&
      result.Offset() == text.find_first_not_of(" \n\r\t") &&
      std::string_view("]},:").find(text[result.Offset()]) != std::string_view::npos)
    return rapidjson::kParseErrorDocumentEmpty;
  return result.Code();
}

std::optional<Document> parse_into(Document doc, std::span<char> buffer, ParseError& error,
                                   bool lazy_outputs, const DropKeys* drop = nullptr) {
  std::string_view text(buffer.data(), buffer.size());
  auto fail = [&](std::size_t offset, std::string message) -> std::optional<Document> {
    error.offset = offset;
    error.message = std::move(message);
    locate(text, offset, error.line, error.column);
    return std::nullopt;
  };
  // Python decodes the whole file first: invalid UTF-8 fails before parsing.
  // RapidJSON stops at a NUL byte, which JSON never allows outside strings
  // (and never raw inside them). The input is checked after parsing, which
  // does not depend on it, so that the stretches the skipper checked on its
  // way (outputs lists, nearly all of a notebook) are not read twice; any
  // error found comes before the parser's own.
  using Stretches = std::vector<std::pair<std::size_t, std::size_t>>;
  auto bad_input = [&](const Stretches& checked) -> std::optional<std::pair<std::size_t, bool>> {
    std::size_t nul = text.size();
    std::size_t from = 0;
    for (std::size_t i = 0; i <= checked.size(); ++i) {
      std::size_t to = i < checked.size() ? checked[i].first : text.size();
      InputScan scan = scan_input(text.substr(from, to - from));
      if (scan.invalid_utf8 != to - from)
        return std::pair{from + scan.invalid_utf8, true};
      if (nul == text.size() && scan.nul != to - from)
        nul = from + scan.nul;
      if (i < checked.size())
        from = checked[i].second;
    }
    if (nul != text.size())
      return std::pair{nul, false};
    return std::nullopt;
  };
  auto input_failure = [&](std::pair<std::size_t, bool> bad) {
    return fail(bad.first, bad.second ? "invalid UTF-8 byte" : "invalid control character");
  };

  for (;;) {
    rapidjson::StringStream stream(text.data());
    Handler handler(buffer, stream, doc.arena(), lazy_outputs, doc.big_numbers, drop);
    rapidjson::Reader reader;
    rapidjson::ParseResult ok = reader.Parse<k_parse_flags>(stream, handler);
    if (!handler.m_failure && ok.Code() == rapidjson::kParseErrorNumberTooBig &&
        replace_big_number(doc, buffer, ok.Offset()))
      continue; // again, from the start (such numbers are rare)
    if (handler.m_failure || !ok) {
      restore_big_numbers(doc, buffer); // the buffer is left unchanged on failure
      if (auto bad = bad_input({}))
        return input_failure(*bad);
    }
    if (handler.m_failure)
      return fail(handler.m_failure->first, handler.m_failure->second);
    if (!ok)
      return fail(ok.Offset(), rapidjson::GetParseError_En(error_code(text, ok)));
    if (auto bad = bad_input(handler.m_checked)) {
      restore_big_numbers(doc, buffer);
      return input_failure(*bad);
    }
    handler.apply_fixups(); // only now: error positions are found in the original text
    doc.root = handler.take_root();
    doc.buffer = buffer;
    return doc;
  }
}

} // namespace

std::optional<Document> parse(std::string_view text, ParseError& error) {
  Document doc;
  std::span<char> copy = padded_copy(doc.arena(), text);
  return parse_into(std::move(doc), copy, error, false);
}

std::optional<Document> parse_buffer(std::span<char> buffer, ParseError& error) {
  return parse_into(Document{}, buffer, error, false);
}

std::optional<Document> parse_notebook_buffer(std::span<char> buffer, ParseError& error,
                                              const DropKeys* drop) {
  return parse_into(Document{}, buffer, error, true, drop);
}

void Document::load(Value& value) {
  if (value.lazy == Lazy::no)
    return;
  // The JSON was checked when the document was parsed; parse it again on
  // its own, from the same buffer (which still holds it: fixups were not
  // made inside it).
  auto start = static_cast<std::size_t>(value.text.data() - buffer.data());
  rapidjson::StringStream stream(buffer.data());
  stream.src_ += start;
  Handler handler(buffer, stream, m_arena, false, big_numbers);
  rapidjson::Reader reader;
  rapidjson::ParseResult ok =
      reader.Parse<k_parse_flags | rapidjson::kParseStopWhenDoneFlag>(stream, handler);
  if (!ok || handler.m_failure)
    throw std::logic_error("a lazy array no longer parses");
  handler.apply_fixups();
  value = handler.take_root();
}

} // namespace preflight::notebook
