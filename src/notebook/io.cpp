// Reading maps files instead of copying them: on the VMs we measured,
// first-touch page faults for a fresh 50 MB buffer cost more than parsing it
// (0.4 s against 2 ms for mapping the cached file). In a heap of huge pages
// (Load::read) copying wins: a 50 MB notebook strips in 36 ms instead of 85.
#include "notebook/io.hpp"

#include "notebook/json.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/mman.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace preflight::notebook {

namespace {

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

class Fd {
public:
  explicit Fd(int fd) : m_fd(fd) {}
  ~Fd() {
    if (m_fd >= 0)
      ::close(m_fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }
  int release() { return std::exchange(m_fd, -1); }

private:
  int m_fd;
};

} // namespace

InputBuffer::InputBuffer(InputBuffer&& other) noexcept {
  *this = std::move(other);
}

InputBuffer& InputBuffer::operator=(InputBuffer&& other) noexcept {
  if (this != &other) {
    release();
    m_owned = std::move(other.m_owned);
    m_map = std::exchange(other.m_map, nullptr);
    m_map_size = std::exchange(other.m_map_size, 0);
    m_data = std::exchange(other.m_data, {});
  }
  return *this;
}

InputBuffer::~InputBuffer() {
  release();
}

void InputBuffer::release() noexcept {
  if (m_map)
    ::munmap(m_map, m_map_size);
  m_map = nullptr;
  m_owned.reset();
  m_data = {};
}

namespace {

std::size_t page_size() {
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

// Copies fd (a pipe) to its end into a new memfd; returns the memfd and the
// size, or -1 when memfds are not available (errno set).
int copy_to_memfd(int fd, std::size_t& size) {
  Fd mem(::memfd_create("preflight-stdin", MFD_CLOEXEC));
  if (mem.get() < 0)
    return -1;
  size = 0;
  bool use_splice = true;
  std::unique_ptr<char[]> chunk;
  constexpr std::size_t k_chunk = 1 << 20;
  for (;;) {
    ssize_t n;
    if (use_splice) {
      // Pipe pages go to the memfd without a trip through our memory.
      n = ::splice(fd, nullptr, mem.get(), nullptr, k_chunk, SPLICE_F_MOVE);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EINVAL || errno == ENOSYS) && size == 0) {
        use_splice = false; // not a pipe (a terminal, a socket): read and write
        continue;
      }
    } else {
      if (!chunk)
        chunk = std::make_unique_for_overwrite<char[]>(k_chunk);
      n = ::read(fd, chunk.get(), k_chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n > 0 &&
          !write_all(mem.get(), std::string_view(chunk.get(), static_cast<std::size_t>(n))))
        throw_errno("write");
    }
    if (n < 0)
      throw_errno("read");
    if (n == 0)
      break;
    size += static_cast<std::size_t>(n);
  }
  return mem.release();
}

} // namespace

// Reads fd to its end into memory followed by a NUL and k_scan_padding
// readable bytes; expected (the file's size, or 0) sizes the first block.
InputBuffer InputBuffer::read_fd(int fd, std::size_t expected) {
  std::size_t room = std::max<std::size_t>(expected + 1, 65536); // + 1: to see the end
  auto data = std::make_unique_for_overwrite<char[]>(room + k_scan_padding + 1);
  std::size_t used = 0;
  for (;;) {
    if (used == room) { // the file grew, or a pipe: twice the room
      auto bigger = std::make_unique_for_overwrite<char[]>(2 * room + k_scan_padding + 1);
      std::memcpy(bigger.get(), data.get(), used);
      data = std::move(bigger);
      room *= 2;
    }
    ssize_t n = ::read(fd, data.get() + used, room - used);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      throw_errno("read");
    if (n == 0)
      break;
    used += static_cast<std::size_t>(n);
  }
  std::memset(data.get() + used, 0, k_scan_padding + 1);
  InputBuffer buffer;
  buffer.m_data = std::string_view(data.get(), used);
  buffer.m_owned = std::move(data);
  return buffer;
}

InputBuffer InputBuffer::map_fd(int fd, std::size_t offset, std::size_t size) {
  // Map one page more than the bytes so that a NUL (and padding) follows
  // them: past the end of the file the last page is zero-filled; when the
  // bytes end on a page boundary, the extra page comes from an anonymous
  // mapping underneath.
  std::size_t page = page_size();
  std::size_t start = offset / page * page;
  std::size_t delta = offset - start;
  std::size_t map_size = ((delta + size) / page + 1) * page;
  void* base =
      ::mmap(nullptr, map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    throw_errno("mmap");
  // No MAP_POPULATE: on a writable private mapping it would copy every page.
  void* file = ::mmap(base, delta + size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd,
                      static_cast<off_t>(start));
  if (file == MAP_FAILED) {
    int saved = errno;
    ::munmap(base, map_size);
    errno = saved;
    throw_errno("mmap");
  }
#ifdef MADV_POPULATE_READ
  ::madvise(base, delta + size, MADV_POPULATE_READ); // cached pages, read-only, in one call
#endif
  InputBuffer buffer;
  buffer.m_map = base;
  buffer.m_map_size = map_size;
  buffer.m_data = std::string_view(static_cast<const char*>(base) + delta, size);
  return buffer;
}

InputBuffer InputBuffer::from_fd(int fd, Load how) {
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    throw_errno("fstat");
  if (S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    throw_errno("read");
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    off_t at = ::lseek(fd, 0, SEEK_CUR);
    if (at >= 0 && at <= st.st_size) {
      auto offset = static_cast<std::size_t>(at);
      if (how == Load::read)
        return read_fd(fd, static_cast<std::size_t>(st.st_size) - offset);
      InputBuffer buffer = map_fd(fd, offset, static_cast<std::size_t>(st.st_size) - offset);
      ::lseek(fd, st.st_size, SEEK_SET); // consumed, as reading would have
      return buffer;
    }
  }
  if (!S_ISREG(st.st_mode)) {
    std::size_t size = 0;
    int mem = copy_to_memfd(fd, size);
    if (mem >= 0) {
      Fd own(mem);
      return size == 0 ? read_fd(own.get(), 0) : map_fd(own.get(), 0, size);
    }
  }
  // Empty or special files (/proc reports size 0), or no memfd: read.
  return read_fd(fd, 0);
}

InputBuffer InputBuffer::from_file(const std::filesystem::path& path, Load how) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0)
    throw_errno("open");
  return from_fd(fd.get(), how);
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void replace_file(const std::filesystem::path& path, std::string_view data) {
  std::error_code ec;
  std::filesystem::path target =
      std::filesystem::is_symlink(path, ec) ? std::filesystem::canonical(path) : path;
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0)
    throw_errno("stat");
  std::filesystem::path dir = target.parent_path();
  std::string temp = (dir.empty() ? std::filesystem::path(".") : dir) /
                     ("." + target.filename().string() + ".preflight-XXXXXX");
  Fd fd(::mkstemp(temp.data()));
  if (fd.get() < 0)
    throw_errno("create a temporary file");
  auto fail = [&](const char* what) {
    int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    throw_errno(what);
  };
  if (!write_all(fd.get(), data))
    fail("write");
  if (::fchmod(fd.get(), st.st_mode & 07777) != 0)
    fail("chmod");
  if (::fsync(fd.get()) != 0)
    fail("fsync");
  if (::close(fd.release()) != 0)
    fail("close");
  if (::rename(temp.c_str(), target.c_str()) != 0)
    fail("rename");
}

} // namespace preflight::notebook
