#include "notebook/output_cache.hpp"

#include "notebook/io.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace preflight::notebook {
namespace fs = std::filesystem;

namespace {

bool is_hex_id(std::string_view name) {
  if (name.size() != 40 && name.size() != 64)
    return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// Marks an entry as used now: prune() removes the least recently used first.
void touch(const fs::path& path) {
  ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
}

struct Entry {
  fs::path path;
  std::uint64_t size = 0;
  struct timespec used {};
};

// Every file in folder (entries, and temporary files a crash left behind).
std::vector<Entry> list_entries(const fs::path& folder) {
  std::vector<Entry> entries;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode))
      continue;
    entries.push_back({it->path(), static_cast<std::uint64_t>(st.st_size), st.st_mtim});
  }
  return entries;
}

bool earlier(const struct timespec& a, const struct timespec& b) {
  return a.tv_sec != b.tv_sec ? a.tv_sec < b.tv_sec : a.tv_nsec < b.tv_nsec;
}

} // namespace

fs::path OutputCache::folder_in(const fs::path& common_dir) {
  return common_dir / "preflight" / "outputs";
}

std::optional<fs::path> OutputCache::entry(std::string_view stripped_id) const {
  if (!enabled() || !is_hex_id(stripped_id))
    return std::nullopt;
  return m_folder / std::string(stripped_id);
}

std::optional<std::string> OutputCache::remember(std::string_view stripped_id,
                                                 std::string_view full) const {
  std::optional<fs::path> path = entry(stripped_id);
  if (!path || full.size() > m_max_size)
    return std::nullopt;
  // Mapped, not read: the same notebook cleaned again (git add, status, stash)
  // costs a comparison with page-cache pages, no fresh memory.
  struct stat st {};
  if (::lstat(path->c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
      static_cast<std::uint64_t>(st.st_size) == full.size()) {
    try {
      if (InputBuffer::from_file(*path).view() == full) {
        touch(*path);
        return std::nullopt;
      }
    } catch (const std::system_error&) {
      // unreadable: written again below
    }
  }
  try {
    if (!m_folder_ready) {
      std::error_code ec;
      fs::create_directories(m_folder, ec);
      m_folder_ready = true;
    }
    write_file_replace(*path, full);
  } catch (const Error& e) {
    return e.what();
  }
  return std::nullopt;
}

void OutputCache::forget(std::string_view stripped_id) const {
  if (std::optional<fs::path> path = entry(stripped_id))
    ::unlink(path->c_str());
}

std::optional<std::string> OutputCache::restore(std::string_view stripped_id, std::string_view blob,
                                                const StripOptions& options) const {
  std::optional<fs::path> path = entry(stripped_id);
  if (!path)
    return std::nullopt;
  // Only a regular file: a FIFO or device planted here must not block git.
  struct stat st {};
  if (::lstat(path->c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return std::nullopt;
  InputBuffer entry;
  try {
    entry = InputBuffer::from_file(*path);
  } catch (const std::system_error&) {
    return std::nullopt; // missing or unreadable: the blob as it is
  }
  if (entry.view() == blob)
    return std::nullopt;
  std::string full(entry.view());
  // Only a notebook that strips to exactly these bytes, with today's options,
  // may stand for the blob: anything else (an edited entry, other rules) is
  // not written. (Stripping may change the mapped copy; full is kept apart.)
  StripResult check = strip_notebook_buffer(entry.writable(), options);
  if (check.failure || check.output != blob)
    return std::nullopt;
  touch(*path);
  return full;
}

void OutputCache::prune() const {
  std::vector<Entry> entries = list_entries(m_folder);
  std::uint64_t total = 0;
  for (const Entry& e : entries)
    total += e.size;
  if (total <= m_max_size)
    return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (earlier(a.used, b.used) || earlier(b.used, a.used))
      return earlier(a.used, b.used);
    return a.path < b.path;
  });
  for (const Entry& e : entries) {
    if (total <= m_max_size)
      break;
    std::error_code ec;
    if (fs::remove(e.path, ec) || ec == std::errc::no_such_file_or_directory)
      total -= e.size;
  }
}

CacheUsage OutputCache::usage() const {
  CacheUsage usage;
  for (const Entry& e : list_entries(m_folder)) {
    usage.entries += 1;
    usage.bytes += e.size;
  }
  return usage;
}

std::string human_size(std::uint64_t bytes) {
  constexpr const char* k_units[] = {"bytes", "KB", "MB", "GB", "TB"};
  if (bytes < 1024)
    return std::to_string(bytes) + " bytes";
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(k_units)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, k_units[unit]);
  return text;
}

} // namespace preflight::notebook
