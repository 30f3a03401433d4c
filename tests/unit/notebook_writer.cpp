// Python json.dumps compatibility of the notebook JSON reader and writer.
#include "notebook/json.hpp"
#include "notebook/utf8.hpp"
#include "notebook/writer.hpp"

#include <catch2/catch.hpp>

using namespace preflight::notebook;

namespace {

std::string number(std::string_view raw) {
  std::string out;
  write_number(raw, out);
  return out;
}

std::string roundtrip(std::string text, WriteStyle style = {}) {
  ParseError error;
  auto doc = parse(text, error);
  if (!doc)
    return "error " + std::to_string(error.line) + ":" + std::to_string(error.column) + ": " +
           error.message;
  std::string out;
  write_json(doc->root, style, out);
  return out;
}

} // namespace

TEST_CASE("numbers are printed as Python's repr", "[notebook]") {
  CHECK(number("1E5") == "100000.0");
  CHECK(number("1.50") == "1.5");
  CHECK(number("1e-7") == "1e-07");
  CHECK(number("1e300") == "1e+300");
  CHECK(number("3.0") == "3.0");
  CHECK(number("-0") == "0");
  CHECK(number("-0.0") == "-0.0");
  CHECK(number("0.0001") == "0.0001");
  CHECK(number("0.00001") == "1e-05");
  CHECK(number("1e16") == "1e+16");
  CHECK(number("1e15") == "1000000000000000.0");
  CHECK(number("0.1") == "0.1");
  CHECK(number("123456789012345678901234567890") == "123456789012345678901234567890");
  CHECK(number("1e400") == "Infinity");
  CHECK(number("-1e400") == "-Infinity");
  CHECK(number("1e-400") == "0.0");
  CHECK(number("NaN") == "NaN");
  CHECK(number("2.5e-3") == "0.0025");
  CHECK(python_str("NaN") == "nan");
  CHECK(python_str("12") == "12");
}

TEST_CASE("strings are escaped as json.dumps does", "[notebook]") {
  CHECK(roundtrip(R"(["a\"b\\c\/d\u0001\u001f\b\f\n\r\t\u007f"])") ==
        "[\n \"a\\\"b\\\\c/d\\u0001\\u001f\\b\\f\\n\\r\\t\x7f\"\n]");
  CHECK(roundtrip(R"(["é😀\u2028"])") == "[\n \"é😀\u2028\"\n]");
  CHECK(roundtrip(R"(["é😀\u007f"])", WriteStyle{1, true, true}) ==
        "[\n \"\\u00e9\\ud83d\\ude00\\u007f\"\n]");
  CHECK(roundtrip(R"(["\udc00"])", WriteStyle{1, true, true}) == "[\n \"\\udc00\"\n]");
  CHECK_THROWS_AS(roundtrip(R"(["\udc00"])"), EncodeError);
}

TEST_CASE("long strings are escaped the same at every position", "[notebook]") {
  struct Case {
    std::string_view in;    // JSON text of the character
    std::string_view plain; // written, ensure_ascii false
    std::string_view ascii; // written, ensure_ascii true
  };
  const Case cases[] = {{"\\\"", "\\\"", "\\\""},
                        {"\\\\", "\\\\", "\\\\"},
                        {"\\n", "\\n", "\\n"},
                        {"\\u0001", "\\u0001", "\\u0001"},
                        {"\\u007f", "\x7f", "\\u007f"},
                        {"\u00e9", "\u00e9", "\\u00e9"},
                        {"\U0001F600", "\U0001F600", "\\ud83d\\ude00"},
                        {"~", "~", "~"}};
  for (const Case& c : cases)
    for (std::size_t n = 0; n < 40; ++n)
      for (std::size_t at = 0; at <= n; ++at) {
        std::string before(at, 'a'), after(n - at, 'b');
        std::string json = "\"" + before + std::string(c.in) + after + "\"";
        INFO(json);
        CHECK(roundtrip(json) == "\"" + before + std::string(c.plain) + after + "\"");
        CHECK(roundtrip(json, WriteStyle{1, true, true}) ==
              "\"" + before + std::string(c.ascii) + after + "\"");
      }
}

TEST_CASE("containers use indent 1, sorted keys and empty forms", "[notebook]") {
  CHECK(roundtrip(R"({"b": [], "a": {}, "c": [1, {"z": null, "y": true}]})") ==
        "{\n \"a\": {},\n \"b\": [],\n \"c\": [\n  1,\n  {\n   \"y\": true,\n   \"z\": null\n"
        "  }\n ]\n}");
  CHECK(roundtrip(R"({"b": 1, "a": 2})", WriteStyle{4, false, true}) ==
        "{\n    \"b\": 1,\n    \"a\": 2\n}");
}

TEST_CASE("parsing follows json.loads", "[notebook]") {
  CHECK(roundtrip(R"({"a": 1, "b": 2, "a": 3})", WriteStyle{1, false, false}) ==
        "{\n \"a\": 3,\n \"b\": 2\n}");
  CHECK(roundtrip("[NaN, Infinity, -Infinity]") == "[\n NaN,\n Infinity,\n -Infinity\n]");
  CHECK(roundtrip("[Inf]").starts_with("error 1:2: invalid number 'Inf'"));
  CHECK(roundtrip("{\"a\": 1,\n  }") == "error 2:3: Missing a name for object member.");
  CHECK(roundtrip("\xEF\xBB\xBF{}").starts_with("error 1:1: "));
  CHECK(roundtrip("[\"\xC3\"]") == "error 1:3: invalid UTF-8 byte");
  CHECK(roundtrip("{} x") == "error 1:4: The document root must not be followed by other values.");
  std::string deep = roundtrip(std::string(2000, '['));
  CHECK(deep.starts_with("error 1:"));
  CHECK(deep.find("nesting too deep (more than 900 levels)") != std::string::npos);
}

TEST_CASE("splitlines matches Python's str.splitlines(True)", "[notebook]") {
  using V = std::vector<std::string_view>;
  CHECK(split_lines_keep_ends("") == V{});
  CHECK(split_lines_keep_ends("a\nb") == V{"a\n", "b"});
  CHECK(split_lines_keep_ends("a\r\nb\rc\x0b"
                              "d\x1c") == V{"a\r\n", "b\r", "c\x0b", "d\x1c"});
  CHECK(split_lines_keep_ends("x\xC2\x85y\xE2\x80\xA8z") == V{"x\xC2\x85", "y\xE2\x80\xA8", "z"});
  CHECK(split_lines_drop_ends("a\n\nb\n") == V{"a", "", "b"});
  CHECK(code_points("é😀a") == 3);
  CHECK(has_non_space(" \t\xE3\x80\x80") == false);
  CHECK(has_non_space(" x ") == true);
}
