// GlobList looks up its one-segment patterns ("*.pt", "runs", "checkpoints/")
// in tables by name and extension instead of matching them one by one; these
// tests hold it to pattern-by-pattern matching (first_match over the patterns,
// each compiled alone), which must give the same first pattern for every path.
#include "checks/glob.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using namespace preflight::checks;

namespace {

// The first pattern that matches path, matched one pattern at a time, or "".
std::string one_by_one(const std::vector<std::string>& patterns, const std::string& path) {
  const std::string* found = first_match(patterns, path);
  return found ? *found : "";
}

std::string listed(const GlobList& list, const std::string& path) {
  const std::string* found = list.first_match(path);
  return found ? *found : "";
}

} // namespace

TEST_CASE("a pattern list gives the first matching pattern, as in the list's order",
          "[content][glob]") {
  const GlobList list({"*.txt", "notes.md", "docs/", "*.md", "d?ta/", "*.tar.gz", "*rc", "*.gz"});
  CHECK(listed(list, "a/b.txt") == "*.txt");
  CHECK(listed(list, "notes.md") == "notes.md");      // before "*.md"
  CHECK(listed(list, "docs/notes.md") == "notes.md"); // before "docs/", later in the list
  CHECK(listed(list, "docs/x.md") == "docs/");        // before "*.md"
  CHECK(listed(list, "docs") == "");                  // a folder pattern, a file
  CHECK(listed(list, "data/x.gz") == "d?ta/");        // a general pattern before "*.gz"
  CHECK(listed(list, "x/a.tar.gz") == "*.tar.gz");    // a suffix with two dots
  CHECK(listed(list, "y.gz") == "*.gz");
  CHECK(listed(list, ".bashrc") == "*rc");
  CHECK(listed(list, "x.txt/y") == "*.txt"); // a folder named like a file pattern
  CHECK(listed(list, "a//b.txt") == "*.txt");
  CHECK(listed(list, "/docs/") == "");
  CHECK(listed(list, "/docs//a") == "docs/");
  CHECK(listed(list, ".txt") == "*.txt"); // "*" matches the leading dot
  CHECK(listed(list, "B.TXT") == "");     // case matters
  CHECK(listed(list, "") == "");
  CHECK(listed(GlobList({"*.", "*"}), "a.") == "*.");
  CHECK(listed(GlobList({"**", "*.pt"}), "m.pt") == "**");
  CHECK(listed(GlobList({"\\*.pt", "*.pt"}), "*.pt") == "\\*.pt");
  CHECK(listed(GlobList({"!x.pt", "x.pt"}), "x.pt") == "x.pt"); // "!" is a literal character
  CHECK(listed(GlobList({"./x.pt"}), "x.pt") == "");            // anchored, "." is a name
}

TEST_CASE("a pattern list's tables agree with matching one pattern at a time", "[content][glob]") {
  // One-segment patterns of every kind the tables hold, beside general ones
  // ("**", classes, escapes, anchors, "?"), with duplicates and near misses.
  const std::vector<std::string> patterns = {
      "*.pt",   "*.PT",    "*.tar.gz", "*.gz",  "*.",    "*rc",     "*a",       "*",    "**",
      "runs",   "Runs",    "runs/",    "a",     "a/",    ".a",      "*.a",      "b.c",  "!b.c",
      "\\*.pt", "[ab].pt", "?.pt",     "a/**",  "**/b/", "/a",      "/a/",      "a/b",  "a/*/c",
      "*.c/",   ".*",      "./a",      "x\\.c", "*[.]c", "runs/**", "**/*.pt/", "*.d.e"};
  const std::vector<std::string> parts = {"a",     "b",        "c",    "runs",    "Runs",  "x.pt",
                                          "X.PT",  "m.tar.gz", "m.gz", ".bashrc", "a.",    ".a",
                                          "b.c",   "!b.c",     "*.pt", "a.pt",    "ab.pt", "x.c",
                                          "x.d.e", ".gz",      "pt",   "é.pt",    "..",    "."};
  std::mt19937 random(20261208);
  auto pick = [&](const auto& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
  };
  auto count = [&](int most) { return std::uniform_int_distribution<int>(0, most)(random); };
  std::size_t matched = 0, rounds = 0;
  for (int list_round = 0; list_round < 400; ++list_round) {
    std::vector<std::string> list_patterns;
    for (int i = 0, n = count(8); i < n; ++i)
      list_patterns.push_back(pick(patterns));
    const GlobList list(list_patterns);
    for (int path_round = 0; path_round < 50; ++path_round) {
      std::string path = count(6) == 0 ? "/" : (count(6) == 0 ? "./" : "");
      for (int i = 0, n = count(5); i < n; ++i)
        path += (i ? (count(8) == 0 ? "//" : "/") : "") + pick(parts);
      if (count(8) == 0)
        path += "/";
      std::string want = one_by_one(list_patterns, path);
      std::string names;
      for (const std::string& pattern : list_patterns)
        names += pattern + " ";
      INFO("[" << names << "] ~ " << path);
      REQUIRE(listed(list, path) == want);
      matched += !want.empty();
      ++rounds;
    }
  }
  CHECK(rounds == 20000);
  CHECK(matched > 4000); // both outcomes are common
  CHECK(rounds - matched > 4000);
}
