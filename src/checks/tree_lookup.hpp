// The tree a commit (or a push) would record, as the checks that look beyond
// the changed files see it: case-conflict compares a changed path with its
// neighbours, broken-symlink and jupytext-pairs ask whether a path exists. A
// lookup rather than a list of every path, so that a commit of one file in a
// 300,000-file repository reads the few folders on that file's path, not the
// whole index (git/ implements it over the tree objects of the index's
// cache-tree).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace preflight::checks {

class TreeLookup {
public:
  struct Entry {
    std::string name; // one path component
    bool folder = false;
  };
  virtual ~TreeLookup() = default;
  // The entries of folder dir ("" for the root, no trailing slash), in tree
  // order; none when dir is not a folder of the tree.
  virtual std::vector<Entry> list(std::string_view dir) const = 0;
  // Whether path is a file (a blob, link or submodule) of the tree, or with
  // or_folder also a folder.
  virtual bool contains(std::string_view path, bool or_folder) const = 0;
  // Every file path of the tree, sorted bytewise. Costs the whole tree.
  virtual std::vector<std::string> all_paths() const = 0;
};

// A TreeLookup over a sorted list of file paths, which it references (keep
// the list alive). For `preflight run --all-files`, pre-push and tests.
class PathListTree : public TreeLookup {
public:
  explicit PathListTree(const std::vector<std::string>& sorted) : m_paths(sorted) {}
  std::vector<Entry> list(std::string_view dir) const override;
  bool contains(std::string_view path, bool or_folder) const override;
  std::vector<std::string> all_paths() const override { return m_paths; }

private:
  const std::vector<std::string>& m_paths;
};

} // namespace preflight::checks
