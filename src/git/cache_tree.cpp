// Index format: Documentation/gitformat-index.txt in git. After the entries
// come extensions, each a 4-byte signature and a 4-byte big-endian size, then
// the 20-byte checksum. Extensions can only be found by walking past every
// entry, which is the cost this reader avoids: it looks for "TREE" from the
// end instead, and accepts a candidate only when the extensions from there
// chain exactly to the checksum and its content parses exactly as a
// cache-tree whose root covers the header's entry count. git writes TREE
// before the other extensions it writes by default (REUC, UNTR, FSMN, EOIE),
// so the candidate nearest the end that passes is the real one.
#include "git/cache_tree.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <string>

namespace preflight::git {

namespace {

constexpr std::size_t k_checksum = 20;

std::uint32_t be32(const char* p) {
  auto b = [p](int i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(p[i])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

// Whether the extensions from at to end, each whole, end exactly at end.
bool chains_to_end(std::string_view bytes, std::size_t at) {
  const std::size_t end = bytes.size() - k_checksum;
  while (at < end) {
    if (end - at < 8)
      return false;
    for (std::size_t i = 0; i < 4; ++i) {
      char c = bytes[at + i];
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
        return false;
    }
    std::uint32_t size = be32(bytes.data() + at + 4);
    if (size > end - at - 8)
      return false;
    at += 8 + size;
  }
  return at == end;
}

// One ASCII decimal number ending in stop, from text[at]; advances at.
std::optional<long> number(std::string_view text, std::size_t& at, char stop) {
  bool negative = at < text.size() && text[at] == '-';
  at += negative;
  long value = 0;
  std::size_t digits = 0;
  for (; at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < 10; ++at, ++digits)
    value = value * 10 + (text[at] - '0');
  if (digits == 0 || at >= text.size() || text[at] != stop)
    return std::nullopt;
  ++at;
  return negative ? -value : value;
}

struct Root {
  long entry_count = -1;
  RawId id{};
};

// The whole TREE extension content: nodes in pre-order, each "path\0count
// subtrees\n" and, when count >= 0, the tree's id. The root comes first with
// an empty path. nullopt unless the nodes fill content exactly.
std::optional<Root> parse_cache_tree(std::string_view content) {
  Root root;
  std::size_t at = 0;
  for (long pending = 1, node = 0; pending > 0; --pending, ++node) {
    std::size_t nul = content.find('\0', at);
    if (nul == std::string_view::npos || (node == 0 && nul != at))
      return std::nullopt;
    at = nul + 1;
    auto count = number(content, at, ' ');
    auto subtrees = count ? number(content, at, '\n') : std::nullopt;
    if (!subtrees || *subtrees < 0 || *count < -1)
      return std::nullopt;
    if (*count >= 0) {
      if (content.size() - at < root.id.size())
        return std::nullopt;
      if (node == 0)
        std::memcpy(root.id.data(), content.data() + at, root.id.size());
      at += root.id.size();
    }
    if (node == 0)
      root.entry_count = *count;
    pending += *subtrees;
  }
  if (at != content.size())
    return std::nullopt;
  return root;
}

} // namespace

std::optional<RawId> root_from_tail(std::string_view tail, std::uint32_t entry_count) {
  if (tail.size() < k_checksum + 8)
    return std::nullopt;
  for (std::size_t at = tail.size() - k_checksum - 8 + 1; at-- > 0;) {
    if (std::memcmp(tail.data() + at, "TREE", 4) != 0)
      continue;
    if (!chains_to_end(tail, at))
      continue;
    auto root = parse_cache_tree(tail.substr(at + 8, be32(tail.data() + at + 4)));
    if (!root)
      continue;
    // A split index's header counts only the entries of its own file ("link"
    // comes before TREE, out of reach from here): such an index, like one whose
    // root is invalid, is read through libgit2.
    if (root->entry_count < 0 || root->entry_count != long(entry_count))
      return std::nullopt;
    return root->id;
  }
  return std::nullopt;
}

std::optional<RawId> cached_root_tree(const std::filesystem::path& index_file) {
  int fd = ::open(index_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return std::nullopt;
  std::optional<RawId> result;
  struct stat st {};
  char header[12];
  if (::fstat(fd, &st) == 0 && st.st_size >= 12 + 28 &&
      ::pread(fd, header, sizeof header, 0) == sizeof header &&
      std::memcmp(header, "DIRC", 4) == 0 && be32(header + 4) >= 2 && be32(header + 4) <= 4) {
    const auto size = static_cast<std::size_t>(st.st_size);
    // The extensions are a few KB to a few MB; look in larger tails until found.
    std::string tail;
    for (std::size_t window = 64 << 10; !result; window *= 8) {
      std::size_t n = std::min(window, size - 12);
      tail.resize(n);
      if (::pread(fd, tail.data(), n, static_cast<off_t>(size - n)) != static_cast<ssize_t>(n))
        break;
      result = root_from_tail(tail, be32(header + 8));
      if (n == size - 12 || window >= (std::size_t(32) << 20))
        break;
    }
  }
  ::close(fd);
  return result;
}

} // namespace preflight::git
