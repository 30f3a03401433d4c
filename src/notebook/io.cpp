// Reading maps big files instead of copying them: on the VMs we measured,
// first-touch page faults for a fresh 50 MB buffer cost more than parsing it.
#include "notebook/io.hpp"

#include "notebook/json.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <utility>

namespace preflight::notebook {

namespace {

constexpr std::size_t k_map_threshold = 1 << 20; // smaller files are read

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
    bool owned = other.m_map == nullptr;
    m_owned = std::move(other.m_owned);
    m_map = std::exchange(other.m_map, nullptr);
    m_map_size = std::exchange(other.m_map_size, 0);
    m_data = owned ? std::string_view(m_owned) : other.m_data;
    other.m_data = {};
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
  m_data = {};
}

InputBuffer InputBuffer::from_string(std::string text) {
  InputBuffer buffer;
  buffer.m_owned = std::move(text);
  buffer.m_data = buffer.m_owned; // std::string keeps a NUL after its end
  return buffer;
}

InputBuffer InputBuffer::from_fd(int fd) {
  std::string text;
  std::size_t used = 0;
  for (;;) {
    if (text.size() - used < 65536)
      text.resize(std::max<std::size_t>(text.size() * 2, 65536));
    ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      throw_errno("read");
    if (n == 0)
      break;
    used += static_cast<std::size_t>(n);
  }
  text.resize(used); // keeps the capacity, which is at least k_scan_padding more
  if (text.capacity() < used + k_scan_padding)
    text.reserve(used + k_scan_padding);
  return from_string(std::move(text));
}

InputBuffer InputBuffer::from_file(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0)
    throw_errno("open");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    throw_errno("fstat");
  if (S_ISDIR(st.st_mode)) {
    errno = EISDIR;
    throw_errno("read");
  }
  auto size = static_cast<std::size_t>(st.st_size);
  if (!S_ISREG(st.st_mode) || size < k_map_threshold)
    return from_fd(fd.get());

  // Map one page more than the file so that a NUL follows it: past the end of
  // the file the last page is zero-filled; when the file ends on a page
  // boundary, the extra page comes from an anonymous mapping underneath.
  auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  std::size_t map_size = (size / page + 1) * page;
  void* base =
      ::mmap(nullptr, map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    throw_errno("mmap");
  // No MAP_POPULATE: on a writable private mapping it would copy every page.
  void* file = ::mmap(base, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd.get(), 0);
  if (file == MAP_FAILED) {
    int saved = errno;
    ::munmap(base, map_size);
    errno = saved;
    throw_errno("mmap");
  }
#ifdef MADV_POPULATE_READ
  ::madvise(base, size, MADV_POPULATE_READ); // map the cached pages read-only up front
#endif
  InputBuffer buffer;
  buffer.m_map = base;
  buffer.m_map_size = map_size;
  buffer.m_data = std::string_view(static_cast<const char*>(base), size);
  return buffer;
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
