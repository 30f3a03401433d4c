#include "checks/text_scan.hpp"

#include "checks/secrets.hpp"
#include "checks/sniff.hpp"

namespace preflight::checks {

std::string text_of(const FileData& data, const BlobReader& blobs, std::size_t limit) {
  const FileChange& file = data.file;
  // LFS pointers are scanned too: a real one has nothing to find, and a file that
  // only starts like one ("version https://git-lfs...") must not hide a key.
  if (file.mode == k_mode_symlink || file.mode == k_mode_gitlink)
    return {};
  bool utf16 = data.head.starts_with("\xff\xfe") || data.head.starts_with("\xfe\xff");
  if (!utf16 && looks_binary(data.head))
    return {};
  std::string text =
      file.size <= data.head.size() ? std::string(data.head) : blobs.read_head(file, limit).bytes;
  std::string utf8;
  return utf16 && decode_utf16(text, utf8) ? utf8 : text;
}

} // namespace preflight::checks
