// Reading refs from the files ref store without libgit2 (the hook's first filter).
#include "backup/ref_files.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

using namespace preflight::backup;

namespace {

std::string id(int n) {
  char text[41];
  std::snprintf(text, sizeof text, "%040x", n);
  return text;
}

// A packed-refs text as git writes it: a header, sorted names, and a peeled
// line after every tag whose name ends in "a" (an annotated tag).
std::string packed(int count, bool sorted) {
  std::string text =
      std::string("# pack-refs with: peeled fully-peeled ") + (sorted ? "sorted " : "") + "\n";
  for (int n = 0; n < count; ++n) {
    char name[32];
    std::snprintf(name, sizeof name, "refs/tags/v%05d%s", n, n % 3 == 0 ? "a" : "");
    text += id(n + 1) + " " + name + "\n";
    if (n % 3 == 0)
      text += "^" + id(90000 + n) + "\n";
  }
  return text;
}

} // namespace

TEST_CASE("packed_ref_value finds every ref of a sorted file by bisection, and no other",
          "[backup]") {
  for (int count : {0, 1, 2, 3, 7, 100, 1001}) {
    std::string text = packed(count, true);
    for (int n = 0; n < count; ++n) {
      char name[32];
      std::snprintf(name, sizeof name, "refs/tags/v%05d%s", n, n % 3 == 0 ? "a" : "");
      INFO("count " << count << ", ref " << name);
      CHECK(packed_ref_value(text, name) == id(n + 1));
    }
    CHECK_FALSE(packed_ref_value(text, "refs/tags/v"));
    CHECK_FALSE(packed_ref_value(text, "refs/tags/v00000"));
    CHECK_FALSE(packed_ref_value(text, "refs/tags/zzz"));
    CHECK_FALSE(packed_ref_value(text, "refs/heads/a"));
    CHECK_FALSE(packed_ref_value(text, ""));
  }
}

TEST_CASE("packed_ref_value reads an unsorted or headerless file line by line", "[backup]") {
  std::string text = id(1) + " refs/tags/b\n" + id(2) + " refs/tags/a\n^" + id(3) + "\n";
  CHECK(packed_ref_value(text, "refs/tags/a") == id(2));
  CHECK(packed_ref_value(text, "refs/tags/b") == id(1));
  CHECK_FALSE(packed_ref_value(text, "refs/tags/c"));
  std::string unsorted = "# pack-refs with: peeled \n" + text;
  CHECK(packed_ref_value(unsorted, "refs/tags/a") == id(2));
  CHECK(packed_ref_value(packed(50, false), "refs/tags/v00049") == id(50));
  // A file that says "sorted" but holds a malformed line is read line by line.
  std::string broken = "# pack-refs with: peeled sorted \n" + id(1) + " refs/tags/a\ngarbage\n" +
                       id(2) + " refs/tags/b\n";
  CHECK(packed_ref_value(broken, "refs/tags/a") == id(1));
  CHECK(packed_ref_value(broken, "refs/tags/b") == id(2));
  CHECK_FALSE(packed_ref_value(broken, "garbage"));
  // A last line without its newline, and a name that only ends like another.
  CHECK(packed_ref_value(id(4) + " refs/tags/x", "refs/tags/x") == id(4));
  CHECK_FALSE(packed_ref_value(id(4) + " refs/tags/xx\n", "refs/tags/x"));
}
