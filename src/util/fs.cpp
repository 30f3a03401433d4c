#include "util/fs.hpp"

#include "util/error.hpp"
#include "util/strings.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace preflight {
namespace fs = std::filesystem;

namespace {

std::string errno_text(const std::string& what, const fs::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

// Reads to the end, or until out holds more than limit bytes.
bool read_fd(int fd, std::string& out, std::size_t limit = SIZE_MAX) {
  char buffer[65536];
  while (out.size() <= limit) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0)
      return true;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

// The process's umask, read without changing it (umask(2) can only swap it,
// which another thread creating a file meanwhile would see). Linux 4.7+.
mode_t current_umask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("Umask:", 0) == 0)
      return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
  return 022; // without /proc: the usual default
}

void write_atomic(const fs::path& path, std::string_view data, std::optional<fs::perms> mode,
                  bool sync);

} // namespace

std::optional<std::string> read_file_if_exists(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return std::nullopt;
    throw Error(errno_text("cannot open", path));
  }
  std::string data;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
    data.reserve(static_cast<std::size_t>(st.st_size));
  bool ok = read_fd(fd, data);
  int saved = errno;
  ::close(fd);
  if (!ok) {
    errno = saved;
    throw Error(errno_text("cannot read", path));
  }
  return data;
}

std::optional<std::string> read_regular_file(const fs::path& path, std::size_t max_size) {
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR)
      return std::nullopt;
    throw Error(errno_text("cannot open", path));
  }
  struct stat st {};
  std::string refusal;
  if (::fstat(fd, &st) != 0)
    refusal = std::string("cannot read its type: ") + std::strerror(errno);
  else if (!S_ISREG(st.st_mode))
    refusal = std::string("not a regular file (") +
              (S_ISDIR(st.st_mode)    ? "a folder"
               : S_ISFIFO(st.st_mode) ? "a FIFO"
               : S_ISCHR(st.st_mode)  ? "a character device"
               : S_ISBLK(st.st_mode)  ? "a block device"
               : S_ISSOCK(st.st_mode) ? "a socket"
                                      : "not a file") +
              ")";
  else if (static_cast<std::uintmax_t>(st.st_size) > max_size)
    refusal = "too large (" + std::to_string(st.st_size) + " bytes; the limit is " +
              std::to_string(max_size) + ")";
  if (!refusal.empty()) {
    ::close(fd);
    throw Error(path.string() + ": " + refusal);
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::string data;
  data.reserve(static_cast<std::size_t>(st.st_size));
  bool ok = read_fd(fd, data, max_size);
  int saved = errno;
  ::close(fd);
  if (!ok) {
    errno = saved;
    throw Error(errno_text("cannot read", path));
  }
  // The file grew after fstat.
  if (data.size() > max_size)
    throw Error(path.string() + ": too large (more than " + std::to_string(max_size) +
                " bytes; the limit is " + std::to_string(max_size) + ")");
  return data;
}

std::string read_file(const fs::path& path) {
  auto data = read_file_if_exists(path);
  if (!data)
    throw Error("cannot open " + path.string() + ": No such file or directory");
  return std::move(*data);
}

void write_file_atomic(const fs::path& path, std::string_view data, std::optional<fs::perms> mode) {
  write_atomic(path, data, mode, true);
}

void write_file_replace(const fs::path& path, std::string_view data) {
  write_atomic(path, data, std::nullopt, false);
}

namespace {

void write_atomic(const fs::path& path, std::string_view data, std::optional<fs::perms> mode,
                  bool sync) {
  fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::string name = ".";
  name += path.filename().string();
  name += ".preflight-XXXXXX";
  std::string pattern = (folder / name).string();
  int fd = ::mkostemp(pattern.data(), O_CLOEXEC); // no command we start inherits it
  if (fd < 0)
    throw Error(errno_text("cannot create a temporary file in", folder));
  auto fail = [&](const std::string& what) {
    int saved = errno;
    ::close(fd);
    ::unlink(pattern.c_str());
    errno = saved;
    throw Error(errno_text(what, path));
  };
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      fail("cannot write");
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  mode_t bits;
  struct stat st {};
  if (mode) {
    bits = static_cast<mode_t>(*mode);
  } else if (::stat(path.c_str(), &st) == 0) {
    bits = st.st_mode & 07777;
  } else {
    bits = 0666 & ~current_umask();
  }
  if (::fchmod(fd, bits) != 0)
    fail("cannot set the mode of");
  if (sync && ::fsync(fd) != 0 && errno != EINVAL)
    fail("cannot flush");
  if (::close(fd) != 0) {
    ::unlink(pattern.c_str());
    throw Error(errno_text("cannot write", path));
  }
  if (::rename(pattern.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(pattern.c_str());
    errno = saved;
    throw Error(errno_text("cannot replace", path));
  }
  // The rename is durable once the folder's entry is: fsync the folder too.
  int dir = sync ? ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

} // namespace

std::string read_stdin() {
  std::string data;
  if (!read_fd(STDIN_FILENO, data))
    throw Error(std::string("cannot read standard input: ") + std::strerror(errno));
  return data;
}

std::optional<std::string> normal_relative_path(std::string_view text) {
  if (text.starts_with('/'))
    return std::nullopt;
  std::string out;
  for (const std::string& part : split(text, '/')) {
    if (part.empty() || part == ".")
      continue;
    if (part == "..")
      return std::nullopt;
    out += (out.empty() ? "" : "/") + part;
  }
  return out;
}

} // namespace preflight
