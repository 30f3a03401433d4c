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

void for_each_line(std::string_view text, const std::function<bool(std::string_view, int)>& visit) {
  int number = 1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (!visit(line, number++))
      return;
    start = end + 1;
  }
}

} // namespace preflight::checks
