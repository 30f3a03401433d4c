// JSON output byte-identical to Python's json.dumps, as nbformat and nbstripout
// call it.
#pragma once

#include "notebook/json.hpp"

#include <string>
#include <string_view>

namespace preflight::notebook {

// The json.dumps arguments that vary between nbformat versions.
struct WriteStyle {
  int indent = 1;            // spaces per level (always with separators "," and ": ")
  bool sort_keys = true;     // keys sorted by code point; else input order
  bool ensure_ascii = false; // non-ASCII and DEL as \uXXXX escapes
};

// Thrown (as preflight::Error by callers) when a string cannot be encoded:
// a lone surrogate with ensure_ascii=False, as Python's UnicodeEncodeError.
struct EncodeError {
  std::string message;
};

// Appends json.dumps(value, ...) to out. Throws EncodeError.
void write_json(const Value& value, const WriteStyle& style, std::string& out);

// Appends a JSON number as Python would print the value json.loads made of raw:
// ints unchanged (but -0 is 0), floats with repr() (shortest round trip:
// 100000.0, 1e-07, 1e+300), NaN/Infinity/-Infinity unchanged.
void write_number(std::string_view raw, std::string& out);

// Python str() of the number json.loads makes of raw (nan, inf for the
// specials), as used by nbstripout's output size.
std::string python_str(std::string_view raw);

} // namespace preflight::notebook
