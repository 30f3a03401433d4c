// Blobs in memory, for unit tests of the content checks.
#pragma once

#include "checks/content.hpp"

#include <map>
#include <set>
#include <string>

namespace preflight::test {

// Blobs by id; lfs: the paths .gitattributes would give to LFS.
class MemoryBlobs : public checks::BlobReader {
public:
  std::map<std::string, std::string> blobs;
  std::set<std::string> lfs;
  Head read_head(const checks::FileChange& file, std::size_t max) const override {
    const std::string& data = blobs.at(file.id);
    return {data.size(), data.substr(0, max)};
  }
  bool lfs_tracked(std::string_view path) const override { return lfs.count(std::string(path)); }
};

} // namespace preflight::test
