// pkt-line framing and git's long-running filter protocol, on in-memory
// streams: whole exchanges as git's convert.c and sub-process.c write them.
#include "git/filter_protocol.hpp"
#include "git/pktline.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>

using namespace preflight;
using namespace preflight::git;

namespace {

// A byte source that hands out at most chunk bytes per read, to exercise
// packets split across reads.
pkt::Reader::ReadFn from_string(std::string text, std::size_t chunk = 7) {
  auto data = std::make_shared<std::string>(std::move(text));
  auto at = std::make_shared<std::size_t>(0);
  return [data, at, chunk](char* buffer, std::size_t size) -> long {
    std::size_t n = std::min({size, chunk, data->size() - *at});
    std::memcpy(buffer, data->data() + *at, n);
    *at += n;
    return static_cast<long>(n);
  };
}

pkt::Writer::WriteFn to_string(std::string& out) {
  return [&out](std::string_view data) {
    out.append(data);
    return true;
  };
}

// The bytes of packets built with a Writer.
template <typename Fn> std::string packets(Fn fill) {
  std::string out;
  pkt::Writer writer(to_string(out));
  fill(writer);
  writer.send();
  return out;
}

std::string error_of(const std::string& input) {
  pkt::Reader reader(from_string(input));
  try {
    while (reader.next()) {
    }
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

const std::string k_handshake = "0016git-filter-client\n000eversion=2\n0000"
                                "0015capability=clean\n0016capability=smudge\n"
                                "0015capability=delay\n0000";

} // namespace

TEST_CASE("pkt-line: writing text, content and flush", "[filter]") {
  CHECK(packets([](pkt::Writer& w) { w.text("version=2"); }) == "000eversion=2\n");
  CHECK(packets([](pkt::Writer& w) { w.flush(); }) == "0000");
  CHECK(packets([](pkt::Writer& w) { w.content(""); }) == "");
  CHECK(packets([](pkt::Writer& w) { w.content("abc"); }) == "0007abc");
  std::string big(pkt::k_max_data + 10, 'x');
  std::string out = packets([&](pkt::Writer& w) { w.content(big); });
  CHECK(out.substr(0, 4) == "fff0");
  CHECK(out.substr(4 + pkt::k_max_data, 4) == "000e");
  CHECK(out.size() == big.size() + 8);
}

TEST_CASE("pkt-line: reading packets across short reads", "[filter]") {
  std::string big(100000, 'y');
  std::string input = packets([&](pkt::Writer& w) {
    w.text("command=clean");
    w.text("pathname=a b.ipynb");
    w.flush();
    w.content(big);
    w.flush();
  });
  pkt::Reader reader(from_string(input, 4099));
  auto list = reader.read_list();
  REQUIRE(list);
  CHECK(*list == std::vector<std::string>{"command=clean", "pathname=a b.ipynb"});
  std::string content;
  reader.read_content(content);
  CHECK(content == big);
  CHECK_FALSE(reader.next());
  CHECK_FALSE(reader.read_list());
}

TEST_CASE("pkt-line: malformed input is an error with its offset", "[filter]") {
  CHECK(error_of("0000zz12") == "git filter protocol: invalid packet header \"zz12\" at byte 4");
  CHECK(error_of("0002") == "git filter protocol: invalid packet length 2 at byte 0");
  CHECK(error_of("fff1") == "git filter protocol: invalid packet length 65521 at byte 0");
  CHECK(error_of("0009abc") ==
        "git filter protocol: input ends inside a packet of 9 bytes at byte 0");
  CHECK(error_of("00") == "git filter protocol: input ends inside a packet header at byte 0");
  CHECK(error_of("0005a0000") == "");
  pkt::Reader reader(from_string("0005a"));
  try {
    reader.read_list();
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          "git filter protocol: input ends before the flush packet of a list at byte 5");
  }
}

TEST_CASE("filter protocol: handshake, clean, smudge, error", "[filter]") {
  std::string input = k_handshake + packets([](pkt::Writer& w) {
                        w.text("command=clean");
                        w.text("pathname=nb.ipynb");
                        w.text("ref=refs/heads/main");
                        w.flush();
                        w.content("hello");
                        w.flush();
                        w.text("command=smudge");
                        w.text("pathname=nb.ipynb");
                        w.flush();
                        w.flush(); // empty file
                        w.text("command=clean");
                        w.text("pathname=bad.ipynb");
                        w.flush();
                        w.content("x");
                        w.flush();
                      });
  pkt::Reader reader(from_string(input));
  std::string output;
  pkt::Writer writer(to_string(output));
  std::vector<std::string> seen;
  constexpr std::string_view caps[] = {"clean", "smudge"};
  serve_filter(reader, writer, caps, [&](const FilterRequest& request, std::string& content) {
    seen.push_back(request.command + " " + request.pathname + " [" + content + "] " +
                   std::to_string(request.extra.size()));
    if (request.pathname == "bad.ipynb")
      return FilterStatus::error;
    if (request.command == "clean")
      content = "HELLO";
    return FilterStatus::success;
  });
  CHECK(seen == std::vector<std::string>{"clean nb.ipynb [hello] 1", "smudge nb.ipynb [] 0",
                                         "clean bad.ipynb [x] 0"});
  std::string expected = "0016git-filter-server\n000eversion=2\n0000"
                         "0015capability=clean\n0016capability=smudge\n0000"
                         "0013status=success\n0000"
                         "0009HELLO"
                         "0000"
                         "0000"
                         "0013status=success\n0000"
                         "0000"
                         "0000"
                         "0011status=error\n0000";
  CHECK(output == expected);
}

TEST_CASE("filter protocol: a wrong handshake is refused", "[filter]") {
  std::string output;
  pkt::Writer writer(to_string(output));
  auto refuse = [&](std::string input) {
    pkt::Reader reader(from_string(std::move(input)));
    try {
      serve_filter(reader, writer, {},
                   [](const FilterRequest&, std::string&) { return FilterStatus::success; });
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(refuse("") == "git filter protocol: expected git-filter-client, got the end of input "
                      "(this command is run by git: filter.<driver>.process)");
  CHECK(refuse("0016git-filter-client\n000eversion=3\n0000") ==
        "git filter protocol: git offers no version this filter speaks (version=2)");
  CHECK(refuse(k_handshake + "000ahello\n0000") ==
        "git filter protocol: expected key=value, got \"hello\"");
}

TEST_CASE("shell words for commands git runs through the shell", "[filter]") {
  CHECK(shell_word("/usr/local/bin/preflight") == "/usr/local/bin/preflight");
  CHECK(shell_word("/opt/my tools/preflight") == "'/opt/my tools/preflight'");
  CHECK(shell_word("it's") == "'it'\\''s'");
  CHECK(shell_word("") == "''");
}
