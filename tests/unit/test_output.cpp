// Text output escapes what a terminal would act on (escape_controls), and the
// bounded reader of files the repository controls (read_regular_file).
#include "report/output.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sys/stat.h>

using namespace preflight;

TEST_CASE("escape_controls: C0, DEL, ESC, C1 and stray bytes become visible", "[report]") {
  using report::escape_controls;
  // OSC 52 (set the clipboard), then CSI (erase the screen), then a carriage return.
  CHECK(escape_controls("a\x1b]52;c;ZXZpbA==\x07"
                        "b\x1b[2J\rc") == "a\\x1b]52;c;ZXZpbA==\\x07b\\x1b[2J\\x0dc");
  CHECK(escape_controls("tab\tand\nnewline stay") == "tab\tand\nnewline stay");
  CHECK(escape_controls(std::string_view("nul\0del\x7f", 8)) == "nul\\x00del\\x7f");
  // C1 controls written as UTF-8 (U+009B is CSI, U+0085 NEL), and raw C1 bytes.
  CHECK(escape_controls("\xc2\x9b"
                        "31m \xc2\x85") == "\\u009b31m \\u0085");
  CHECK(escape_controls("\x9b"
                        "31m \xff") == "\\x9b31m \\xff");
  // Text that is fine stays as it is: UTF-8 letters, U+00A0, emoji.
  CHECK(escape_controls("Ä ë \xc2\xa0 \xf0\x9f\x98\x80 plain") ==
        "Ä ë \xc2\xa0 \xf0\x9f\x98\x80 plain");
  // Overlong forms, surrogates and truncated sequences are not UTF-8.
  CHECK(escape_controls("\xc0\x9b \xed\xa0\x80 \xe2\x82") ==
        "\\xc0\\x9b \\xed\\xa0\\x80 \\xe2\\x82");
}

TEST_CASE("print_text escapes every field that may come from the repository", "[report]") {
  report::Report report;
  report::Finding f;
  f.check = "cmd\x1b[8m";
  f.path = "evil\x1b]0;title\x07.pt";
  f.message = "subject \x1b[2K";
  f.detail = "line one\n\x1b[1Aline two";
  f.hint = "hint \xc2\x9b";
  report.add(f);
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  report::print_text(report, out, false);
  std::rewind(out);
  std::string text;
  char buffer[512];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, out))
    text.append(buffer, n);
  std::fclose(out);
  CHECK(text == "error [cmd\\x1b[8m] evil\\x1b]0;title\\x07.pt: subject \\x1b[2K\n"
                "  line one\n"
                "  \\x1b[1Aline two\n"
                "  hint: hint \\u009b\n");
}

TEST_CASE("read_regular_file refuses what is not a regular file, or too big", "[util]") {
  test::Folder dir;
  auto path = dir.path / "rules.yaml";
  CHECK_FALSE(read_regular_file(path, 10));
  { std::ofstream(path) << "0123456789"; }
  CHECK(*read_regular_file(path, 10) == "0123456789");
  CHECK_THROWS_WITH(read_regular_file(path, 9),
                    path.string() + ": too large (10 bytes; the limit is 9)");
  CHECK_THROWS_WITH(read_regular_file("/dev/zero", 10),
                    "/dev/zero: not a regular file (a character device)");
  CHECK_THROWS_WITH(read_regular_file(dir.path, 10),
                    dir.path.string() + ": not a regular file (a folder)");
  auto fifo = dir.path / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(read_regular_file(fifo, 10), fifo.string() + ": not a regular file (a FIFO)");
}
