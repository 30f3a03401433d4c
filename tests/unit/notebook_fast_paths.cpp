// The speed-ups of the notebook reader must not change a byte: the SIMD input
// scan, strings viewed in (or fixed up in) the input, lazy outputs lists, and
// inputs mapped from files, memfds and pipes. Error positions below are those
// the reader gave before these (checked against that build).
#include "notebook/io.hpp"
#include "notebook/json.hpp"
#include "notebook/skip.hpp"
#include "notebook/strip.hpp"
#include "notebook/utf8.hpp"
#include "notebook/writer.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace preflight::notebook;

namespace {

// Byte by byte, as find_invalid_utf8 was before the SIMD scan.
InputScan reference_scan(std::string_view text) {
  std::size_t nul = text.size();
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == 0 && nul == text.size())
        nul = i;
      ++i;
      continue;
    }
    std::size_t j = i;
    std::size_t bad = find_invalid_utf8(text.substr(i, 4));
    if (bad == 0)
      return {i, nul};
    next_code_point(text, j);
    i = j;
  }
  return {text.size(), nul};
}

std::string written(std::string_view json, WriteStyle style = {}) {
  ParseError error;
  std::optional<Document> doc = parse(json, error);
  if (!doc)
    return "error " + std::to_string(error.line) + ":" + std::to_string(error.column) + ": " +
           error.message;
  std::string out;
  write_json(doc->root, style, out);
  return out;
}

std::string stripped(std::string_view notebook, StripOptions options = {}) {
  StripResult r = strip_notebook(notebook, options);
  if (r.failure)
    return "error " + std::to_string(r.failure->line) + ":" + std::to_string(r.failure->column) +
           ": " + r.failure->message;
  return r.output;
}

std::string v4(std::string_view outputs, std::string_view cell_type = "code") {
  return std::string(R"({"cells": [{"cell_type": ")") + std::string(cell_type) +
         R"(", "execution_count": 3, "id": "a", "metadata": {}, "outputs": )" +
         std::string(outputs) +
         R"(, "source": ["1"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})";
}

std::string v4_out(std::string_view outputs, std::string_view count = "null") {
  return std::string("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n"
                     "   \"execution_count\": ") +
         std::string(count) +
         ",\n   \"id\": \"0\",\n   \"metadata\": {},\n   \"outputs\": " + std::string(outputs) +
         ",\n   \"source\": [\n    \"1\"\n   ]\n  }\n ],\n \"metadata\": {},\n"
         " \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
}

} // namespace

TEST_CASE("the SIMD input scan finds the first invalid byte and NUL", "[notebook]") {
  for (std::size_t length : {0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 130, 200, 300}) {
    std::string base(length, 'a');
    CHECK(scan_input(base).invalid_utf8 == length);
    CHECK(scan_input(base).nul == length);
    for (std::size_t at = 0; at < length; ++at) {
      for (std::string_view insert :
           {std::string_view("\0", 1), std::string_view("\xC3\xA9"), std::string_view("\xC3"),
            std::string_view("\xED\xA0\x80"), std::string_view("\xF0\x9F\x98\x80"),
            std::string_view("\xFF"), std::string_view("\xE2\x80")}) {
        std::string text = base;
        text.replace(at, insert.size() > length - at ? length - at : insert.size(), insert);
        InputScan got = scan_input(text);
        InputScan want = reference_scan(text);
        INFO("length " << length << " at " << at << " insert size " << insert.size());
        CHECK(got.invalid_utf8 == want.invalid_utf8);
        if (want.invalid_utf8 == text.size())
          CHECK(got.nul == want.nul);
      }
    }
  }
  // A NUL after the first invalid byte is not looked for; one before it is.
  std::string both(100, 'a');
  both[70] = '\0';
  both[80] = '\xFF';
  CHECK(scan_input(both).invalid_utf8 == 80);
  CHECK(scan_input(both).nul == 70);
}

TEST_CASE("strings are viewed, fixed up or copied with the same result", "[notebook]") {
  std::string long_late = std::string(9000, 'A') + "\\n";      // viewed, tail fixed up
  std::string long_early = "\\u00e9" + std::string(9000, 'b'); // copied
  std::string short_escaped = "a\\tb\\u00e9\\ud83d\\ude00";    // copied
  std::string json = "[\"" + long_late + "\", \"" + long_early + "\", \"" + short_escaped +
                     "\", \"plain\", \"\", \"\\\"q\\\"\"]";
  ParseError error;
  std::optional<Document> doc = parse(json, error);
  REQUIRE(doc);
  REQUIRE(doc->root.items.size() == 6);
  CHECK(doc->root.items[0].text == std::string(9000, 'A') + "\n");
  CHECK(doc->root.items[1].text == "\xC3\xA9" + std::string(9000, 'b'));
  CHECK(doc->root.items[2].text == "a\tb\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(doc->root.items[3].text == "plain");
  CHECK(doc->root.items[4].text.empty());
  CHECK(doc->root.items[5].text == "\"q\"");
  // Numbers keep their text (big ints, NaN, -0 as json.loads reads them).
  CHECK(written("[1E5, -0, NaN, -Infinity, " + std::string(300, '7') + "]") ==
        "[\n 100000.0,\n 0,\n NaN,\n -Infinity,\n " + std::string(300, '7') + "\n]");
}

TEST_CASE("errors after fixed-up strings are located in the original text", "[notebook]") {
  std::string tail = "\\n\\n\\n";
  std::string json = "[\"" + std::string(9000, 'x') + tail + "\",\n \"\\u00e9\\n\", bad]";
  CHECK(written(json) == "error 2:14: Invalid value.");
  // Truncated, with invalid UTF-8, with a NUL: positions in code points.
  CHECK(written("{\"a\": [\"\xC3\xA9\xC3\xA9\",\n  tru") == "error 2:6: Invalid value.");
  CHECK(written("{\"\xC3\xA9\": \"\xC3\xA9\xC3\"}") == "error 1:9: invalid UTF-8 byte");
  CHECK(written(std::string("[\"\xC3\xA9\", \"a\0b\"]", 13)) ==
        "error 1:9: invalid control character");
  CHECK(written("[\"" + std::string(9000, 'y') + "\\n\"") ==
        "error 1:9006: Missing a comma or ']' after an array element.");
}

TEST_CASE("lazy outputs lists strip as built ones do", "[notebook]") {
  // Items of size 0 are kept by default (nbstripout's get_size); the list
  // is then built and stripped item by item.
  CHECK(stripped(v4(R"([{}, {"output_type": "stream", "name": "stdout", "text": ["x\n", "y"]},
                       {"data": {"text/plain": ""}}, [], ""])")) ==
        v4_out("[\n    {},\n    {\n     \"data\": {\n      \"text/plain\": \"\"\n     }\n    },\n"
               "    [],\n    \"\"\n   ]"));
  CHECK(stripped(v4(R"([{"output_type": "stream", "name": "stdout", "text": ["x\n", "y"]}])")) ==
        v4_out("[]"));
  CHECK(stripped(v4("[]")) == v4_out("[]"));
  // Kept outputs are built and rejoined (then split again) on writing.
  StripOptions keep;
  keep.keep_output = true;
  keep.keep_count = true;
  CHECK(stripped(v4(R"([{"output_type": "stream", "name": "stdout", "text": ["x\n", "y"]}])"),
                 keep) == v4_out("[\n    {\n     \"name\": \"stdout\",\n     \"output_type\": "
                                 "\"stream\",\n     \"text\": [\n      \"x\\n\",\n      \"y\"\n"
                                 "     ]\n    }\n   ]",
                                 "3"));
  StripOptions sized;
  sized.max_size = 1000;
  CHECK(stripped(v4(R"([{"output_type": "stream", "name": "stdout", "text": "x"}])"), sized) ==
        v4_out("[\n    {\n     \"name\": \"stdout\",\n     \"output_type\": \"stream\",\n"
               "     \"text\": [\n      \"x\"\n     ]\n    }\n   ]"));
  // A markdown cell's outputs go too; and the change is seen.
  StripResult r = strip_notebook(v4(R"([{"text": ["a\n", "b"]}])", "markdown"), {});
  CHECK(r.changed);
  CHECK(r.output.find("\"outputs\": []") != std::string::npos);
  // nbformat 3: worksheets' cells' outputs, rejoined with that version's rules.
  std::string v3 =
      R"({"metadata": {"name": "x"}, "nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": [{"cell_type": "code", "input": "a", "language": "python", "metadata": {}, "outputs": [{"metadata": {}, "output_type": "pyout", "prompt_number": 1, "text": ["1\n", "2"]}], "prompt_number": 1}], "metadata": {}}]})";
  CHECK(stripped(v3).find("\"outputs\": [],") != std::string::npos);
  CHECK(stripped(v3, keep).find("\"text\": [\n        \"1\\n\",\n        \"2\"\n       ]") !=
        std::string::npos);
}

TEST_CASE("errors inside lazy outputs lists are found and located", "[notebook]") {
  CHECK(stripped(v4("[{\"a\": 1" + std::string(4300, '0') + "}]"))
            .starts_with("error 1:101: integer of 4301 digits (Python reads at most 4300)"));
  CHECK(stripped(v4(R"([{"b": "x\q"}])")) == "error 1:103: Invalid escape character in string.");
  CHECK(stripped(v4(std::string(950, '[') + std::string(950, ']')))
            .ends_with("nesting too deep (more than 900 levels)"));
  CHECK(
      stripped(
          "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {},\n \"outputs\": [{\"b\": tru") ==
      "error 2:23: Invalid value.");
}

TEST_CASE("inputs are read from files, offsets and pipes", "[notebook]") {
  auto dir =
      std::filesystem::temp_directory_path() / ("preflight-input-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / "page.ipynb";
  std::string page(static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)), 'p');
  std::ofstream(path, std::ios::binary) << page;
  {
    InputBuffer b = InputBuffer::from_file(path);
    CHECK(b.view() == page);
    CHECK(b.view().data()[b.view().size()] == '\0'); // the NUL after a whole page
  }
  { // stdin redirected from a file, partly read already
    int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    REQUIRE(::lseek(fd, 100, SEEK_SET) == 100);
    InputBuffer b = InputBuffer::from_fd(fd);
    CHECK(b.view() == page.substr(100));
    CHECK(::lseek(fd, 0, SEEK_CUR) == static_cast<off_t>(page.size()));
    ::close(fd);
  }
  { // read into memory instead of mapped: the same bytes, a NUL and padding after them
    InputBuffer b = InputBuffer::from_file(path, Load::read);
    CHECK(b.view() == page);
    CHECK(std::string_view(b.view().data() + b.view().size(), k_scan_padding + 1) ==
          std::string(k_scan_padding + 1, '\0'));
    int fd = ::open(path.c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    REQUIRE(::lseek(fd, 100, SEEK_SET) == 100);
    CHECK(InputBuffer::from_fd(fd, Load::read).view() == page.substr(100));
    CHECK(::lseek(fd, 0, SEEK_CUR) == static_cast<off_t>(page.size()));
    ::close(fd);
  }
  { // an empty file
    std::ofstream(dir / "empty.ipynb", std::ios::binary).flush();
    CHECK(InputBuffer::from_file(dir / "empty.ipynb").view().empty());
    CHECK(InputBuffer::from_file(dir / "empty.ipynb", Load::read).view().empty());
  }
  { // a pipe, bigger than its buffer: through a memfd
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::string big(300000, 'z');
    big[123456] = 'y';
    std::thread writer([&] {
      REQUIRE(write_all(fds[1], big));
      ::close(fds[1]);
    });
    InputBuffer b = InputBuffer::from_fd(fds[0]);
    writer.join();
    ::close(fds[0]);
    CHECK(b.view() == big);
    CHECK(b.view().data()[b.view().size()] == '\0');
    // Parsing it in place leaves it unchanged unless it succeeds.
    ParseError error;
    CHECK_FALSE(parse_buffer(b.writable(), error));
    CHECK(b.view() == big);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("plain outputs lists are skipped with the parser's count and sizes", "[notebook]") {
  auto skip = [](std::string json, int depth = 900) {
    Arena arena;
    std::span<char> copy = padded_copy(arena, json);
    return skip_plain_array(std::string_view(copy.data(), copy.size()), 0, depth);
  };
  SkipResult r = skip(R"([{"a": [1, -2.5e+10, true, false, null]}, "x", {}, [], "",
                          {"b": {"c": ""}}, {"t": "\"\\\/\b\f\n\r\t\u00e9"}])");
  CHECK(r.ok);
  CHECK(r.count == 7);
  CHECK(r.some_empty);
  CHECK(skip("[]").ok);
  CHECK(skip("[ ]").count == 0);
  CHECK(skip(" [1]").ok == false); // must start at '['
  r = skip(R"([{"text": ")" + std::string(100000, 'Q') + R"(\n"}, 0])");
  CHECK(r.ok);
  CHECK(r.end == 11 + 100000 + 7); // the closing bracket
  CHECK_FALSE(r.some_empty);
  // Every string length around the 16-byte blocks, escapes at each place.
  for (std::size_t n = 0; n < 40; ++n)
    for (std::size_t at = 0; at <= n; ++at) {
      std::string s(n, 's');
      s.insert(at, "\\n");
      INFO("n " << n << " at " << at);
      CHECK(skip("[\"" + s + "\"]").ok);
      CHECK(skip("[\"" + s + "\\x\"]").ok == false);
    }
  // Outside the plain subset (valid or not): the parser decides.
  for (const char* json : {"[NaN]",
                           "[-Infinity]",
                           "[1234567890123456]",
                           "[1e100]",
                           "[1.]",
                           "[01]",
                           "[-]",
                           "[\"\\ud83d\\ude00\"]",
                           "[\"\\udc00\"]",
                           "[\"\\u12G4\"]",
                           "[1,]",
                           "[,1]",
                           "[1 2]",
                           "[{\"a\" 1}]",
                           "[{\"a\": 1,}]",
                           "[{1: 2}]",
                           "[tru]",
                           "[\"a\tb\"]",
                           "[\"abc",
                           "[1",
                           "[[[[[1]]]]]"}) {
    INFO(json);
    CHECK_FALSE(skip(json, 3).ok);
  }
  CHECK(skip("[[[1]]]", 3).ok);
  CHECK(skip("[123456789012345.123456789012345e-99]").ok);
}

TEST_CASE("same_key agrees with == at every length and difference", "[notebook]") {
  for (std::size_t n = 0; n <= 20; ++n) {
    std::string a(n, 'k');
    for (std::size_t i = 0; i < n; ++i)
      a[i] = static_cast<char>('a' + i);
    CHECK(same_key(a, a));
    CHECK(same_key(a, std::string(a)));
    CHECK_FALSE(same_key(a, a + "x"));
    for (std::size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = '\xc3';
      INFO("n " << n << " at " << at);
      CHECK_FALSE(same_key(a, b));
    }
  }
}

TEST_CASE("the skipper says which outputs lists are all ASCII", "[notebook]") {
  auto skip = [](std::string json) {
    Arena arena;
    std::span<char> copy = padded_copy(arena, json);
    return skip_plain_array(std::string_view(copy.data(), copy.size()), 0, 900);
  };
  // Long strings (the AVX2 scan), a non-ASCII byte or an escape anywhere.
  for (std::size_t n : {1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 300})
    for (std::size_t at = 0; at < n; at += (n > 40 ? 7 : 1)) {
      INFO("n " << n << " at " << at);
      std::string s(n, 'Q');
      SkipResult r = skip("[{\"t\": \"" + s + "\"}, \"x\"]");
      CHECK((r.ok && r.ascii && r.count == 2));
      std::string u = s;
      u.replace(at, 1, "\xc3\xa9");
      r = skip("[\"" + u + "\", \"" + s + "\\n\"]");
      CHECK((r.ok && !r.ascii && r.count == 2));
      CHECK(r.end == 2 + u.size() + 4 + s.size() + 3);
      std::string e = s;
      e.replace(at, 1, "\\u00e9\\\"");
      r = skip("[\"" + e + "\"]");
      CHECK((r.ok && r.ascii && r.end == e.size() + 3));
      std::string c = s;
      c[at] = '\x01';
      CHECK_FALSE(skip("[\"" + c + "\"]").ok);
      c[at] = '\0';
      CHECK_FALSE(skip("[\"" + c + "\"]").ok);
    }
}

TEST_CASE("input errors inside skipped outputs lists keep their offsets", "[notebook]") {
  std::string image(5000, 'A');
  auto notebook = [&](const std::string& output) {
    return "{\"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"\\u00e9\", "
           "\"outputs\": [{\"data\": {\"image/png\": \"" +
           output + "\"}}]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
  };
  auto error_at = [](std::string text) {
    Arena arena;
    ParseError error;
    std::span<char> copy = padded_copy(arena, text);
    std::optional<Document> doc = parse_notebook_buffer(copy, error);
    CHECK(std::string_view(copy.data(), copy.size()) == text); // unchanged on failure
    return doc ? std::string("ok") : error.message + " at " + std::to_string(error.offset);
  };
  std::string good = notebook(image);
  CHECK(error_at(good) == "ok");
  std::size_t start = good.find(image);
  for (std::size_t at : {0, 1, 100, 2500, 4999}) {
    std::string bad = notebook(image);
    bad[start + at] = '\xff';
    CHECK(error_at(bad) == "invalid UTF-8 byte at " + std::to_string(start + at));
    bad[start + at] = '\0';
    CHECK(error_at(bad) == "invalid control character at " + std::to_string(start + at));
    // A bad byte after the outputs, and a NUL before them: UTF-8 first.
    bad = notebook(image) + "\xff";
    bad[10] = '\0';
    CHECK(error_at(bad) == "invalid UTF-8 byte at " + std::to_string(bad.size() - 1));
  }
  // Valid non-ASCII text in the outputs is checked after parsing too.
  std::string text = notebook(image + "\xc3\xa9");
  CHECK(error_at(text) == "ok");
  text = notebook(image + "\xc3");
  CHECK(error_at(text) == "invalid UTF-8 byte at " + std::to_string(start + image.size()));
}
