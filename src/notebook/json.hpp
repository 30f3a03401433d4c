// A small JSON document model for notebooks, read with Python's json.loads rules.
//
// Notebooks are mostly a few big strings (base64 images) in a modest tree, so
// the model never copies a string it does not have to: strings without escapes
// and numbers are views into the input buffer (see parse_buffer for the one
// exception to its being left as it is), and numbers keep their raw text
// (Python ints have no size limit, and floats are re-printed with Python's repr
// by the writer). Strings that had to be decoded, or that strip creates, live
// in the Document's own arena, and so do the lists of arrays and objects: the
// tree is built in a few contiguous blocks, and nothing in it is freed one by one
// (fresh heap pages cost more than parsing on the VMs we measured).
//
// Parsing follows Python's json.loads: NaN, Infinity and -Infinity are
// accepted, duplicate keys keep the first key's position and the last value,
// the input must be valid UTF-8 without a BOM, and integers are limited to 4300
// digits as in Python 3.11.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace preflight::notebook {

enum class Kind : unsigned char { null, boolean, number, string, array, object };

struct Member;

// a == b for keys, without a memcmp call for the usual short ones: keys of 4
// to 16 bytes are compared as two overlapping words (never read past either).
template <class Word> Word key_word(const char* p) {
  Word w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
template <class Word> bool same_words(std::string_view a, std::string_view b) {
  std::size_t tail = a.size() - sizeof(Word);
  return ((key_word<Word>(a.data()) ^ key_word<Word>(b.data())) |
          (key_word<Word>(a.data() + tail) ^ key_word<Word>(b.data() + tail))) == 0;
}
inline bool same_key(std::string_view a, std::string_view b) {
  std::size_t n = a.size();
  if (n != b.size())
    return false;
  if (n >= 8 && n <= 16)
    return same_words<std::uint64_t>(a, b);
  if (n >= 4 && n < 8)
    return same_words<std::uint32_t>(a, b);
  return a == b;
}

// Bump allocation for a document's strings and lists: freed all at once with it.
// Blocks never move, so views into them stay valid when the arena is moved.
class Arena {
public:
  // n uninitialised bytes, followed by pad more that may be read, at a
  // multiple of align (at most alignof(std::max_align_t)).
  char* allocate(std::size_t n, std::size_t pad = 0, std::size_t align = 1);
  std::string_view copy(std::string_view s);
  // Uninitialised room for n objects of type T (trivially copyable ones).
  template <class T> T* allocate_array(std::size_t n) {
    return reinterpret_cast<T*>(allocate(n * sizeof(T), 0, alignof(T)));
  }

private:
  std::vector<std::unique_ptr<char[]>> m_blocks;
  char* m_next = nullptr;
  std::size_t m_left = 0;
};

// The children of a JSON array or object: a vector whose storage lives in a
// Document's arena (so it needs the arena to grow), freed with the document.
// Half the size of a std::vector pair, and nothing to destroy.
template <class T> class List {
public:
  T* begin() { return m_data; }
  T* end() { return m_data + m_size; }
  const T* begin() const { return m_data; }
  const T* end() const { return m_data + m_size; }
  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  T& operator[](std::size_t i) { return m_data[i]; }
  const T& operator[](std::size_t i) const { return m_data[i]; }
  T& back() { return m_data[m_size - 1]; }

  T* erase(T* first, T* last) {
    T* out = std::move(last, end(), first);
    m_size = static_cast<std::uint32_t>(out - m_data);
    return first;
  }
  T* erase(T* pos) { return erase(pos, pos + 1); }
  void clear() { m_size = 0; }
  void reserve(std::size_t n, Arena& arena) {
    if (n <= m_capacity)
      return;
    T* fresh = arena.allocate_array<T>(n);
    std::copy(begin(), end(), fresh);
    m_data = fresh;
    m_capacity = static_cast<std::uint32_t>(n);
  }
  void push_back(const T& v, Arena& arena) {
    if (m_size == m_capacity)
      reserve(m_capacity ? 2 * std::size_t{m_capacity} : 4, arena);
    m_data[m_size++] = v;
  }
  // Replaces the contents with n values copied from first, in exactly n slots.
  void assign(const T* first, std::size_t n, Arena& arena) {
    m_data = n ? arena.allocate_array<T>(n) : nullptr;
    if (n)
      std::copy(first, first + n, m_data);
    m_size = m_capacity = static_cast<std::uint32_t>(n);
  }

private:
  T* m_data = nullptr;
  std::uint32_t m_size = 0;
  std::uint32_t m_capacity = 0;
};

// What a lazy array (see ParseOptions::lazy_outputs) knows about its items
// without having built them.
enum class Lazy : unsigned char {
  no,         // an ordinary value
  all_sized,  // lazy; every item has a scalar with a non-zero size (nbstripout's get_size)
  some_empty, // lazy; some item has size 0 (only empty strings and containers)
  raw         // an object or array not built yet (text is its JSON), see DropKeys
};

// One JSON value. Members of an object keep their input order. Values are
// trivially copyable: a copy shares its children with the original.
struct Value {
  Kind kind = Kind::null;
  bool boolean = false;    // for Kind::boolean
  Lazy lazy = Lazy::no;    // for containers: children not built yet (text is the JSON)
  std::uint32_t count = 0; // for lazy arrays: the number of items
  std::string_view text;   // decoded UTF-8 for strings; raw JSON text for numbers
  List<Value> items;       // for Kind::array (grows in the document's arena)
  List<Member> members;    // for Kind::object

  bool is_null() const { return kind == Kind::null; }
  bool is_string() const { return kind == Kind::string; }
  bool is_array() const { return kind == Kind::array; }
  bool is_object() const { return kind == Kind::object; }

  // Object look-ups; nullptr when this is not an object or the key is absent.
  Value* find(std::string_view key);
  const Value* find(std::string_view key) const;
  // Removes key from an object; returns whether it was there.
  bool erase(std::string_view key);
  // Python truthiness: null, false, 0, 0.0, "", [] and {} are false (also
  // for lazy arrays).
  bool truthy() const;

  static Value make_string(std::string_view s);
  static Value make_array();
  static Value make_object();
};

struct Member {
  std::string_view key;
  Value value;
};

static_assert(std::is_trivially_copyable_v<Value> && std::is_trivially_copyable_v<Member>);

// Python's ==, as nbstripout uses it to decide whether anything changed.
// Lazy arrays must have been loaded.
bool equal(const Value& a, const Value& b);

// A parsed document. The input buffer it was parsed from must outlive it.
class Document {
public:
  Value root;

  // Keeps a copy of s as long as the document and returns a view of it.
  std::string_view own(std::string_view s) { return m_arena.copy(s); }
  Arena& arena() { return m_arena; }

  // Builds the children of a lazy array or object (from the buffer it was
  // parsed from); does nothing for other values.
  void load(Value& value);

  std::span<char> buffer; // what the document was parsed from

  // Numbers RapidJSON refuses as too big (integers past a double's range,
  // exponents past 308), which Python reads: their offset in buffer and their
  // text. Parsing put a same-length stand-in over each in buffer (see
  // parse_into), and numbers found at these offsets get this text back.
  struct BigNumber {
    std::size_t offset;
    std::string_view text;
  };
  std::vector<BigNumber> big_numbers;

private:
  Arena m_arena;
};

// Where and why parsing failed. line and column are 1-based (column in code points).
struct ParseError {
  std::size_t offset = 0;
  int line = 0;
  int column = 0;
  std::string message;
};

// RapidJSON's SSE2 string scan reads aligned 16-byte blocks, which may extend
// past the end of the text (never past a page). Buffers given to parse_buffer
// have a NUL after their end and keep this much readable space after it, so
// that AddressSanitizer agrees too. (A mapped file's last page is enough.)
inline constexpr std::size_t k_scan_padding = 64;

// Parses a copy of text, which the document keeps. On failure returns nullopt
// and fills error (with line and column).
std::optional<Document> parse(std::string_view text, ParseError& error);

// Parses buffer without copying it: the document refers into it (keep it
// alive). buffer.data()[buffer.size()] must be a readable '\0', followed by
// readable bytes up to the next 16-byte boundary (k_scan_padding for heap
// buffers), and its 16-byte block holding the first byte must be readable
// (start heap buffers on a 16-byte boundary). Once parsing has succeeded, the decoded tails of long
// strings with late escapes are written over their JSON text, so the buffer no longer holds the
// original JSON; on failure it is unchanged. Errors come with line and column.
std::optional<Document> parse_buffer(std::span<char> buffer, ParseError& error);

// parse_buffer for notebooks: the outputs lists of cells (cells[*].outputs and
// worksheets[*].cells[*].outputs) are checked but not built; they become lazy
// arrays (Value::lazy) that Document::load builds when needed. Stripping
// drops them whole most of the time, and they are most of a notebook.
//
// With drop, container values in the notebook's metadata and in cells'
// metadata under the keys it names are checked but not built either: they
// become Lazy::raw values (the right kind, no children) that only
// Document::load builds. Meant for keys that stripping removes without
// looking at their values; any left in place must be loaded before use (the
// notebook writer loads every lazy value it meets).
struct DropKeys {
  std::vector<std::string_view> notebook_metadata; // keys of the notebook's metadata
  std::vector<std::string_view> cell_metadata;     // keys of each cell's metadata
};
std::optional<Document> parse_notebook_buffer(std::span<char> buffer, ParseError& error,
                                              const DropKeys* drop = nullptr);

// A writable copy of text, 16-byte aligned, with a NUL and k_scan_padding
// readable bytes after it, allocated in arena.
std::span<char> padded_copy(Arena& arena, std::string_view text);

// Line and column (1-based, column counted in code points) of offset in text.
void locate(std::string_view text, std::size_t offset, int& line, int& column);

} // namespace preflight::notebook
