#include "git/loose_object.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace preflight::git {

namespace {

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0)
      ::close(fd);
  }
};

struct Inflater {
  z_stream stream{};
  bool ready = false;
  Inflater() { ready = inflateInit(&stream) == Z_OK; }
  ~Inflater() {
    if (ready)
      inflateEnd(&stream);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
};

// One inflater per thread, reset for each object: a commit of 10,000 files
// would otherwise allocate and clear zlib's state 10,000 times.
Inflater& thread_inflater() {
  thread_local Inflater inflater;
  if (inflater.ready)
    inflater.ready = inflateReset(&inflater.stream) == Z_OK;
  return inflater;
}

// "<type> <size>\0": the content's size and where it starts, or nullopt.
std::optional<std::pair<std::uint64_t, std::size_t>> parse_header(std::string_view raw,
                                                                  std::string_view type) {
  std::size_t nul = raw.find('\0');
  if (nul == std::string_view::npos || raw.size() <= type.size() ||
      raw.substr(0, type.size()) != type || raw[type.size()] != ' ')
    return std::nullopt;
  std::uint64_t size = 0;
  const char* first = raw.data() + type.size() + 1;
  const char* last = raw.data() + nul;
  auto [end, ec] = std::from_chars(first, last, size);
  if (ec != std::errc() || end != last || first == last)
    return std::nullopt;
  return std::pair{size, nul + 1};
}

} // namespace

std::optional<LooseBlob> read_loose_blob(const std::filesystem::path& objects_dir,
                                         std::string_view hex_id, std::size_t max) {
  return read_loose_object(objects_dir, hex_id, "blob", max);
}

bool loose_commit_has_parent(const std::filesystem::path& objects_dir, std::string_view child_id,
                             std::string_view parent_id) {
  // The header lines come first: "tree <id>", then one "parent <id>" per parent.
  constexpr std::size_t k_enough = 4096;
  auto commit = read_loose_object(objects_dir, child_id, "commit", k_enough);
  if (!commit || parent_id.empty())
    return false;
  std::string_view text = commit->bytes;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      return false;
    std::string_view line = text.substr(start, end - start);
    if (line.starts_with("parent ") && line.substr(7) == parent_id)
      return true;
    if (!line.starts_with("tree ") && !line.starts_with("parent "))
      return false;
    start = end + 1;
  }
  return false;
}

std::optional<LooseBlob> read_loose_object(const std::filesystem::path& objects_dir,
                                           std::string_view hex_id, std::string_view type,
                                           std::size_t max) {
  if (hex_id.size() < 3 || type.size() > 6)
    return std::nullopt;
  std::string path = objects_dir.string();
  path += '/';
  path += hex_id.substr(0, 2);
  path += '/';
  path += hex_id.substr(2);
  Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0)
    return std::nullopt;
  Inflater& inflater = thread_inflater();
  if (!inflater.ready)
    return std::nullopt;
  z_stream& z = inflater.stream;

  constexpr std::size_t k_header_max = 32; // "commit " and 20 digits and NUL
  // The header, then the content's first bytes, in a buffer each thread keeps
  // (it only grows); room: how much of it this object may fill. Room for the
  // content from the start: zlib decodes byte by byte into less than 258
  // bytes of room, and most blobs of a commit are small.
  thread_local std::string raw;
  std::size_t room = k_header_max + std::min<std::size_t>(max, 4096);
  if (raw.size() < room)
    raw.resize(room);
  std::size_t filled = 0, wanted = 0; // wanted: 0 until the header is read
  std::optional<std::pair<std::uint64_t, std::size_t>> header;
  char input[64 << 10];
  bool ended = false;
  while (!ended && (wanted == 0 || filled < wanted)) {
    ssize_t n = ::read(file.fd, input, sizeof input);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return std::nullopt; // error, or the file ends before the object does
    z.next_in = reinterpret_cast<Bytef*>(input);
    z.avail_in = static_cast<uInt>(n);
    while (z.avail_in > 0 && (wanted == 0 || filled < wanted)) {
      z.next_out = reinterpret_cast<Bytef*>(raw.data() + filled);
      z.avail_out = static_cast<uInt>(room - filled);
      int status = inflate(&z, Z_NO_FLUSH);
      filled = room - z.avail_out;
      if (status == Z_STREAM_END)
        ended = true;
      else if (status == Z_BUF_ERROR)
        break; // no progress without more input
      else if (status != Z_OK)
        return std::nullopt;
      if (!header) {
        header = parse_header(std::string_view(raw.data(), filled), type);
        if (!header) {
          if (filled >= k_header_max || ended)
            return std::nullopt; // no header in the first bytes: not a blob we read
          continue;
        }
        auto [size, start] = *header;
        wanted = start + static_cast<std::size_t>(std::min<std::uint64_t>(size, max));
        room = std::max(wanted, filled);
        if (raw.size() < room)
          raw.resize(room);
      }
      if (ended)
        break;
    }
  }
  if (!header || filled < wanted)
    return std::nullopt;
  LooseBlob blob;
  blob.size = header->first;
  blob.bytes = raw.substr(header->second, wanted - header->second);
  return blob;
}

} // namespace preflight::git
