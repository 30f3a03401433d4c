// Stripping leaves a cell's source list unjoined when writing would split it
// back into the same list (read_notebook's keep_source_lines): the output must
// be the bytes of joining on read and splitting on write, for any list.
#include "notebook/json.hpp"
#include "notebook/nbformat.hpp"
#include "notebook/utf8.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace preflight::notebook;

namespace {

// A JSON string literal for piece (its bytes are UTF-8 but for "\udc00" and
// "\ud800", which stand for lone surrogate escapes: the writer cannot encode
// the first one, and the reader refuses the second one).
std::string json_string(std::string_view piece) {
  std::string out = "\"";
  if (piece == "\\udc00" || piece == "\\ud800")
    return out + std::string(piece) + "\"";
  for (char ch : piece) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// Writes the notebook read with or without keep_source_lines, or the error.
std::string rewrite(const std::string& json, bool keep_source_lines) {
  Arena arena;
  std::span<char> buffer = padded_copy(arena, json);
  try {
    Notebook nb = read_notebook(buffer, nullptr, keep_source_lines);
    std::string out;
    write_notebook(nb, out);
    return out;
  } catch (const NotebookError& e) {
    return std::string("error: ") + e.what();
  }
}

// Whether reading with keep_source_lines left the source a list of strings.
bool kept_as_list(const std::string& json) {
  Arena arena;
  std::span<char> buffer = padded_copy(arena, json);
  try {
    Notebook nb = read_notebook(buffer, nullptr, true);
    const Value* source = nb.root().find("cells")->items[0].find("source");
    return source->is_array() && !source->items.empty() &&
           std::all_of(source->items.begin(), source->items.end(),
                       [](const Value& v) { return v.is_string(); });
  } catch (const NotebookError&) {
    return false;
  }
}

std::string notebook_with_source(const std::string& source) {
  return R"({"cells": [{"cell_type": "code", "execution_count": null, "id": "a", )"
         R"("metadata": {}, "outputs": [], "source": )" +
         source + R"(}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})";
}

} // namespace

TEST_CASE("is_kept_line takes the lines splitlines(keepends=True) gives", "[notebook]") {
  CHECK(is_kept_line("a\n", false));
  CHECK(is_kept_line("a\r\n", false));
  CHECK(is_kept_line("a\r", false));
  CHECK(is_kept_line("\xE2\x80\xA8", false));
  CHECK(is_kept_line("x\xC2\x85", false));
  CHECK(is_kept_line("abc", true));
  CHECK(is_kept_line("abc\x1e", true));
  CHECK_FALSE(is_kept_line("abc", false)); // would join the next line
  CHECK_FALSE(is_kept_line("", true));
  CHECK_FALSE(is_kept_line("", false));
  CHECK_FALSE(is_kept_line("a\nb", true));
  CHECK_FALSE(is_kept_line("a\n\n", false));
  CHECK_FALSE(is_kept_line("\x0b"
                           "a",
                           true));
  CHECK(is_kept_line("\xC3\x85\xC2\xA0\n", false)); // a 0x85 continuation byte is no break
}

TEST_CASE("kept source lists write as joined and split ones do", "[notebook]") {
  // Pieces of lines: every line break splitlines knows, near misses, and a
  // lone surrogate escape.
  const std::vector<std::string> tokens = {"a",
                                           " ",
                                           "\n",
                                           "\r",
                                           "\r\n",
                                           "\x0b",
                                           "\x0c",
                                           "\x1c",
                                           "\x1d",
                                           "\x1e",
                                           "\xC2\x85",
                                           "\xE2\x80\xA8",
                                           "\xE2\x80\xA9",
                                           "\xC3\xA9",
                                           "\xE2\x82\xAC",
                                           "\xC2\xA0",
                                           "\t",
                                           "\"",
                                           "\\"};
  std::mt19937 rng(20240601);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  int kept = 0;
  int joined_lists = 0;
  for (int round = 0; round < 20000; ++round) {
    std::vector<std::string> items;
    std::size_t count = pick(6);
    for (std::size_t i = 0; i < count; ++i) {
      std::size_t kind = pick(40);
      if (kind == 0) {
        items.push_back("1");
      } else if (kind == 1) {
        items.push_back(json_string("\\udc00"));
      } else if (kind == 2 && pick(4) == 0) {
        items.push_back(json_string("\\ud800"));
      } else {
        std::string piece;
        for (std::size_t k = pick(4); k > 0; --k)
          piece += tokens[pick(tokens.size())];
        items.push_back(json_string(piece));
      }
    }
    std::string list = "[";
    for (std::size_t i = 0; i < items.size(); ++i)
      list += (i ? ", " : "") + items[i];
    list += "]";
    std::string json = notebook_with_source(list);
    std::string joined = rewrite(json, false);
    std::string written = rewrite(json, true);
    INFO(list);
    REQUIRE(written == joined);
    bool as_list = kept_as_list(json);
    kept += as_list;
    joined_lists += !as_list && !items.empty() && list.find("\"") != std::string::npos;
  }
  CHECK(kept > 1000); // both paths were taken many times
  CHECK(joined_lists > 1000);
  // A string source is split on writing in both cases.
  CHECK(rewrite(notebook_with_source("\"a\\nb\""), true) ==
        rewrite(notebook_with_source("[\"a\\n\", \"b\"]"), false));
}
