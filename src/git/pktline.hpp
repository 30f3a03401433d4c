// git's pkt-line framing (gitprotocol-common(5)), as the long-running filter
// protocol uses it: each packet is four hex digits giving its length (the four
// digits included), then that many bytes minus four; "0000" is a flush packet
// that ends a list or a stream of content. Plain bytes in and out, no libgit2.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::git::pkt {

// The most data one packet carries (LARGE_PACKET_MAX 65520 less the header).
inline constexpr std::size_t k_max_data = 65516;

struct Packet {
  bool flush = false;
  std::string_view data; // valid until the next read
};

// Reads packets from a byte source. Errors (a bad header, input ending inside
// a packet, a read failure) throw preflight::Error with the byte offset.
class Reader {
public:
  // Fills up to size bytes at buffer; returns how many, 0 at the end of input,
  // or a negative number on failure (errno set).
  using ReadFn = std::function<long(char* buffer, std::size_t size)>;

  explicit Reader(ReadFn read);

  // The next packet, or nullopt when the input ends between packets.
  std::optional<Packet> next();

  // The text packets up to the next flush, each without its trailing LF.
  // nullopt when the input ends before the first packet (a clean goodbye).
  std::optional<std::vector<std::string>> read_list();

  // Appends the data of every packet up to the next flush to out.
  void read_content(std::string& out);

private:
  // Makes at least n unread bytes available; false at the end of input.
  bool fill(std::size_t n);
  [[noreturn]] void fail(const std::string& what) const;

  ReadFn m_read;
  std::string m_buffer;
  std::size_t m_start = 0;    // first unread byte of m_buffer
  std::size_t m_consumed = 0; // bytes of input before m_buffer[m_start]
};

// Buffers packets and hands them to a byte sink on send(), so that a whole
// response costs one or a few writes.
class Writer {
public:
  // Writes all of data; returns false on failure (errno set).
  using WriteFn = std::function<bool(std::string_view data)>;

  explicit Writer(WriteFn write) : m_write(std::move(write)) {}

  // One text packet: line followed by LF. line must fit in one packet.
  void text(std::string_view line);
  // Data packets of at most k_max_data bytes; nothing for empty data (git
  // reads a zero-length packet as a flush in some versions).
  void content(std::string_view bytes);
  void flush();
  // Writes what is buffered; throws preflight::Error when the sink fails.
  void send();

private:
  void packet(std::string_view data);

  WriteFn m_write;
  std::string m_pending;
};

// Reads and writes on file descriptors (stdin and stdout for git's filters),
// retrying on EINTR.
Reader::ReadFn fd_reader(int fd);
Writer::WriteFn fd_writer(int fd);

} // namespace preflight::git::pkt
