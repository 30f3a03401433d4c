#include "git/pktline.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace preflight::git::pkt {

namespace {

constexpr std::size_t k_header = 4;
constexpr std::size_t k_read_chunk = 256 << 10;

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

} // namespace

Reader::Reader(ReadFn read) : m_read(std::move(read)) {}

void Reader::fail(const std::string& what) const {
  throw Error("git filter protocol: " + what + " at byte " + std::to_string(m_consumed));
}

bool Reader::fill(std::size_t n) {
  while (m_buffer.size() - m_start < n) {
    // Drop what was consumed before growing, so the buffer stays about one
    // packet plus one read in size.
    if (m_start > 0) {
      m_buffer.erase(0, m_start);
      m_start = 0;
    }
    std::size_t have = m_buffer.size();
    m_buffer.resize(have + k_read_chunk);
    long got = m_read(m_buffer.data() + have, k_read_chunk);
    m_buffer.resize(have + (got > 0 ? static_cast<std::size_t>(got) : 0));
    if (got < 0)
      fail(std::string("cannot read: ") + std::strerror(errno));
    if (got == 0)
      return false;
  }
  return true;
}

std::optional<Packet> Reader::next() {
  if (!fill(k_header)) {
    if (m_buffer.size() == m_start)
      return std::nullopt;
    fail("input ends inside a packet header");
  }
  std::size_t length = 0;
  for (std::size_t i = 0; i < k_header; ++i) {
    int digit = hex_digit(m_buffer[m_start + i]);
    if (digit < 0)
      fail("invalid packet header \"" + m_buffer.substr(m_start, k_header) + "\"");
    length = length * 16 + static_cast<std::size_t>(digit);
  }
  if (length == 0) {
    m_start += k_header;
    m_consumed += k_header;
    return Packet{true, {}};
  }
  // 0001-0003 are delimiters of protocol v2 fetches, never sent to filters.
  if (length < k_header || length > k_max_data + k_header)
    fail("invalid packet length " + std::to_string(length));
  if (!fill(length))
    fail("input ends inside a packet of " + std::to_string(length) + " bytes");
  Packet packet{false, std::string_view(m_buffer).substr(m_start + k_header, length - k_header)};
  m_start += length;
  m_consumed += length;
  return packet;
}

std::optional<std::vector<std::string>> Reader::read_list() {
  std::vector<std::string> lines;
  for (bool first = true;; first = false) {
    std::optional<Packet> packet = next();
    if (!packet) {
      if (first)
        return std::nullopt;
      fail("input ends before the flush packet of a list");
    }
    if (packet->flush)
      return lines;
    std::string_view line = packet->data;
    if (!line.empty() && line.back() == '\n')
      line.remove_suffix(1);
    lines.emplace_back(line);
  }
}

void Reader::read_content(std::string& out) {
  for (;;) {
    std::optional<Packet> packet = next();
    if (!packet)
      fail("input ends before the flush packet of the content");
    if (packet->flush)
      return;
    out.append(packet->data);
  }
}

void Writer::packet(std::string_view data) {
  static const char digits[] = "0123456789abcdef";
  std::size_t length = data.size() + k_header;
  char header[k_header] = {digits[(length >> 12) & 15], digits[(length >> 8) & 15],
                           digits[(length >> 4) & 15], digits[length & 15]};
  m_pending.append(header, k_header);
  m_pending.append(data);
}

void Writer::text(std::string_view line) {
  std::string with_lf(line);
  with_lf += '\n';
  if (with_lf.size() > k_max_data)
    throw Error("git filter protocol: a text packet of " + std::to_string(with_lf.size()) +
                " bytes is too long");
  packet(with_lf);
}

void Writer::content(std::string_view bytes) {
  while (!bytes.empty()) {
    std::size_t n = std::min(bytes.size(), k_max_data);
    packet(bytes.substr(0, n));
    bytes.remove_prefix(n);
  }
}

void Writer::flush() {
  m_pending.append("0000");
}

void Writer::send() {
  if (m_pending.empty())
    return;
  bool ok = m_write(m_pending);
  m_pending.clear();
  if (!ok)
    throw Error(std::string("git filter protocol: cannot write: ") + std::strerror(errno));
}

Reader::ReadFn fd_reader(int fd) {
  return [fd](char* buffer, std::size_t size) -> long {
    for (;;) {
      ssize_t n = ::read(fd, buffer, size);
      if (n >= 0 || errno != EINTR)
        return static_cast<long>(n);
    }
  };
}

Writer::WriteFn fd_writer(int fd) {
  return [fd](std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::write(fd, data.data(), data.size());
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  };
}

} // namespace preflight::git::pkt
