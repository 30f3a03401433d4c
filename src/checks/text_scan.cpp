#include "checks/text_scan.hpp"

#include "checks/sniff.hpp"

namespace preflight::checks {

std::string text_of(const FileData& data, const BlobReader& blobs) {
  const FileChange& file = data.file;
  if (file.mode == k_mode_symlink || file.mode == k_mode_gitlink || data.lfs_pointer ||
      looks_binary(data.head))
    return {};
  if (file.size <= data.head.size())
    return std::string(data.head);
  return blobs.read_head(file, k_text_limit).bytes;
}

} // namespace preflight::checks
