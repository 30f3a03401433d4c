// File input and output for notebook stripping: read without copying, replace
// without ever leaving a truncated file.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace preflight::notebook {

// The bytes of a file or of stdin, followed by a readable NUL byte and padding
// (as parse_buffer() needs). Regular files (and stdin redirected from one) are
// mapped privately (writes copy the pages they touch and never reach the
// file); pipes are first moved into an anonymous memory file
// (memfd, with splice) and mapped the same way. Fresh process memory is what
// costs here: on the VMs we measured, first-touch page faults of a buffer
// cost more than parsing what is read into it, while mapping page-cache
// pages costs next to nothing. Load::read reads into malloc's memory
// instead, for a heap in huge pages (see util/huge_heap.hpp): there a 1 MB
// copy costs less than first touching the 256 mapped pages.
enum class Load { map, read };

class InputBuffer {
public:
  InputBuffer() = default;
  InputBuffer(InputBuffer&& other) noexcept;
  InputBuffer& operator=(InputBuffer&& other) noexcept;
  InputBuffer(const InputBuffer&) = delete;
  InputBuffer& operator=(const InputBuffer&) = delete;
  ~InputBuffer();

  // Throws std::system_error (with the errno of open, fstat, read or mmap).
  static InputBuffer from_file(const std::filesystem::path& path, Load how = Load::map);
  // Reads fd from its current offset to its end (stdin, pipes). Throws
  // std::system_error.
  static InputBuffer from_fd(int fd, Load how = Load::map);

  std::string_view view() const { return m_data; }
  std::span<char> writable() { return {const_cast<char*>(m_data.data()), m_data.size()}; }

private:
  void release() noexcept;
  static InputBuffer map_fd(int fd, std::size_t offset, std::size_t size);
  static InputBuffer read_fd(int fd, std::size_t expected);

  std::string_view m_data;
  std::unique_ptr<char[]> m_owned; // when read into memory
  void* m_map = nullptr;           // when mapped
  std::size_t m_map_size = 0;
};

// Writes all of data to fd, retrying short writes. Returns false on error
// (errno set); EPIPE is an error the caller may choose to ignore.
bool write_all(int fd, std::string_view data);

// Replaces the file at path (following symlinks) with data: a temporary file in
// the same folder, written, flushed to disk and given the old file's mode bits,
// then renamed over it. On failure the old file is untouched and the temporary
// file removed. Throws std::system_error.
void replace_file(const std::filesystem::path& path, std::string_view data);

} // namespace preflight::notebook
