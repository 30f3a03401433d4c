// case-conflict along changed paths (checks/case_conflict.cpp) against the
// check it replaced, which folded every path and folder of the tree; and the
// cache-tree reader that gives pre-commit the tree to look in.
#include "checks/content.hpp"
#include "git/cache_tree.hpp"

#include "memory_blobs.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <random>
#include <unordered_map>

using namespace preflight;
using namespace preflight::checks;

namespace {

// The check as it was before 2026-12-07: every path and folder of the tree by
// folded name; the groups of several names that a change touches.
std::map<std::string, std::vector<std::string>>
whole_tree_clashes(const std::vector<std::string>& tree, const std::vector<FileChange>& changes) {
  std::map<std::string, std::vector<std::string>> groups;
  auto add = [&](std::string name) {
    auto& names = groups[fold_case(name)];
    if (std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(std::move(name));
  };
  for (const std::string& path : tree) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1))
      add(path.substr(0, slash));
    add(path);
  }
  auto touches = [&](const std::string& name) {
    return std::any_of(changes.begin(), changes.end(), [&](const FileChange& c) {
      return c.path == name || c.path.starts_with(name + "/");
    });
  };
  std::erase_if(groups, [&](const auto& group) {
    return group.second.size() < 2 ||
           std::none_of(group.second.begin(), group.second.end(), touches);
  });
  for (auto& [folded, names] : groups)
    std::sort(names.begin(), names.end());
  return groups;
}

std::vector<FileChange> changed(const std::vector<std::string>& paths) {
  std::vector<FileChange> out;
  for (const std::string& path : paths)
    out.push_back(FileChange{path, 0100644, "id", 0, true, "", ""});
  return out;
}

std::vector<std::string> messages(std::vector<std::string> tree,
                                  const std::vector<std::string>& changes,
                                  std::string_view rules = "") {
  std::sort(tree.begin(), tree.end());
  test::MemoryBlobs blobs;
  ContentInput input;
  input.blobs = &blobs;
  input.changes = changed(changes);
  input.tree_paths = tree;
  report::Report report;
  check_case_conflicts(test::load_rules(rules), input, report);
  std::vector<std::string> out;
  for (const auto& f : report.findings())
    out.push_back(f.path + ": " + f.message);
  return out;
}

} // namespace

TEST_CASE("case conflicts between new and old paths", "[case-conflict]") {
  using V = std::vector<std::string>;
  // A new name beside an old one, either way round.
  CHECK(messages({"README.md", "readme.md", "src/a.c"}, {"readme.md"}) ==
        V{"readme.md: names differ only in case: \"README.md\", \"readme.md\""});
  // An old clash the commit does not touch is not this commit's.
  CHECK(messages({"README.md", "readme.md", "src/a.c"}, {"src/a.c"}).empty());
  // A new file under a folder whose name folds like an old file's, and back.
  CHECK(messages({"Foo/x", "foo"}, {"Foo/x"}) ==
        V{"foo: names differ only in case: \"Foo\", \"foo\""});
  CHECK(messages({"Foo/x", "foo"}, {"foo"}) ==
        V{"foo: names differ only in case: \"Foo\", \"foo\""});
  // Two new paths that clash with each other.
  CHECK(messages({"new/A.txt", "new/a.txt", "old"}, {"new/A.txt", "new/a.txt"}) ==
        V{"new/a.txt: names differ only in case: \"new/A.txt\", \"new/a.txt\""});
  // Folders that fold alike, and files in them that fold alike too: two clashes.
  CHECK(messages({"Data/X.csv", "data/x.csv"}, {"data/x.csv"}) ==
        V{"data: names differ only in case: \"Data\", \"data\"",
          "data/x.csv: names differ only in case: \"Data/X.csv\", \"data/x.csv\""});
  // Deep: the clash is three folders down, found through the one folder that
  // folds like each prefix.
  CHECK(messages({"a/b/C/d", "a/b/c/e", "a/z"}, {"a/b/c/e"}) ==
        V{"a/b/c: names differ only in case: \"a/b/C\", \"a/b/c\""});
  // Three spellings.
  CHECK(messages({"MAKEFILE", "Makefile", "makefile"}, {"Makefile"}) ==
        V{"makefile: names differ only in case: \"MAKEFILE\", \"Makefile\", \"makefile\""});
  // ASCII folding only, as before: these are different names on every system
  // preflight folds for.
  CHECK(messages({"\xc3\x84.txt", "\xc3\xa4.txt"}, {"\xc3\xa4.txt"}).empty());
  CHECK(messages({"caf\xc3\xa9", "CAF\xc3\xa9"}, {"CAF\xc3\xa9"}) ==
        V{"caf\xc3\xa9: names differ only in case: \"CAF\xc3\xa9\", \"caf\xc3\xa9\""});
  // Names that only look alike are not folded together.
  CHECK(messages({"a-b", "a_b", "a.b/c"}, {"a-b"}).empty());
  // The allow list lets a group through when it names one of its names.
  CHECK(messages({"README.md", "readme.md"}, {"readme.md"},
                 "checks:\n  case_conflicts:\n    allow: ['README.md']\n")
            .empty());
}

TEST_CASE("case conflicts along changed paths equal the whole-tree check", "[case-conflict]") {
  std::mt19937 random(20261207);
  const std::vector<std::string> parts = {"a", "A", "b", "B", "ab", "aB", "Ab", "c"};
  for (int round = 0; round < 400; ++round) {
    std::vector<std::string> tree;
    int count = 1 + int(random() % 25);
    for (int i = 0; i < count; ++i) {
      std::string path;
      int depth = 1 + int(random() % 3);
      for (int d = 0; d < depth; ++d)
        path += (d ? "/" : "") + parts[random() % parts.size()];
      tree.push_back(path);
    }
    std::sort(tree.begin(), tree.end());
    tree.erase(std::unique(tree.begin(), tree.end()), tree.end());
    // A tree cannot hold a file and a folder of the same name.
    std::erase_if(tree, [&](const std::string& path) {
      auto it = std::lower_bound(tree.begin(), tree.end(), path + "/");
      return it != tree.end() && it->starts_with(path + "/");
    });
    std::vector<std::string> change_paths;
    for (const std::string& path : tree)
      if (random() % 4 == 0)
        change_paths.push_back(path);
    auto changes = changed(change_paths);
    INFO("round " << round);
    CHECK(case_clashes(PathListTree(tree), changes) == whole_tree_clashes(tree, changes));
    // Files of one folder share its walk, in whatever order they come.
    std::shuffle(changes.begin(), changes.end(), random);
    CHECK(case_clashes(PathListTree(tree), changes) == whole_tree_clashes(tree, changes));
  }
}

TEST_CASE("listing a folder from a sorted list of paths", "[case-conflict]") {
  std::vector<std::string> tree = {"a", "a-b", "a.b/c", "b/c", "b/d/e", "b/d/f", "b0"};
  PathListTree listed(tree);
  auto names = [&](std::string_view dir) {
    std::vector<std::string> out;
    for (const auto& entry : listed.list(dir))
      out.push_back(entry.name + (entry.folder ? "/" : ""));
    return out;
  };
  CHECK(names("") == std::vector<std::string>{"a", "a-b", "a.b/", "b/", "b0"});
  CHECK(names("b") == std::vector<std::string>{"c", "d/"});
  CHECK(names("b/d") == std::vector<std::string>{"e", "f"});
  CHECK(names("x").empty());
  CHECK(listed.contains("b/d", true));
  CHECK_FALSE(listed.contains("b/d", false));
  CHECK(listed.contains("b/d/e", false));
  CHECK_FALSE(listed.contains("b/", false));
}

namespace {

std::string be32(std::uint32_t v) {
  return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

std::string ext(std::string_view signature, const std::string& content) {
  return std::string(signature) + be32(std::uint32_t(content.size())) + content;
}

// A cache-tree node: path, entry count, subtree count, and an id when valid.
std::string node(std::string_view path, int entries, int subtrees, char id = 'r') {
  std::string out =
      std::string(path) + '\0' + std::to_string(entries) + ' ' + std::to_string(subtrees) + '\n';
  if (entries >= 0)
    out += std::string(20, id);
  return out;
}

const std::string k_checksum(20, '\x5a');
const git::RawId k_root = [] {
  git::RawId id;
  id.fill('r');
  return id;
}();

} // namespace

TEST_CASE("the root tree from the index's cache-tree", "[case-conflict]") {
  const std::string entries = "entries: paths and stat data";
  const std::string tree = node("", 3, 1) + node("src", 2, 0, 's');
  // Found, also behind the extensions git writes after it.
  CHECK(git::root_from_tail(entries + ext("TREE", tree) + k_checksum, 3) == k_root);
  CHECK(git::root_from_tail(entries + ext("TREE", tree) + ext("REUC", "x\0y") +
                                ext("UNTR", std::string(5000, '\0')) + k_checksum,
                            3) == k_root);
  // A root invalidated by `git add -N` or a change git has not written a tree for.
  CHECK_FALSE(git::root_from_tail(
      entries + ext("TREE", node("", -1, 1) + node("src", 2, 0)) + k_checksum, 3));
  // A root that does not cover the header's entries.
  CHECK_FALSE(git::root_from_tail(entries + ext("TREE", tree) + k_checksum, 4));
  // A split index: the header counts only the split file's entries, so the
  // root cannot be checked against it: left to libgit2.
  CHECK_FALSE(git::root_from_tail(entries + ext("link", std::string(20, 'l')) + ext("TREE", tree) +
                                      k_checksum,
                                  1) == k_root);
  // No TREE, or one cut short, or one whose nodes do not fill it.
  CHECK_FALSE(git::root_from_tail(entries + ext("REUC", "x") + k_checksum, 3));
  CHECK_FALSE(git::root_from_tail(entries + ext("TREE", tree).substr(0, 20) + k_checksum, 3));
  CHECK_FALSE(git::root_from_tail(entries + ext("TREE", tree + "x") + k_checksum, 3));
  CHECK_FALSE(git::root_from_tail(
      entries + ext("TREE", node("", 3, 2) + node("src", 2, 0)) + k_checksum, 3));
  // "TREE" inside a path before the real extension does not mislead it, nor
  // a folder called TREE inside the cache-tree itself.
  std::string named = node("", 3, 1) + node("TREE", 2, 0, 's');
  CHECK(git::root_from_tail("dir/TREE" + be32(4) + "/x" + ext("TREE", named) + k_checksum, 3) ==
        k_root);
}
