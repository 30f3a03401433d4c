#include "backup/ref_files.hpp"

#include "notebook/io.hpp"
#include "util/fs.hpp"

#include <cstdlib>
#include <system_error>

namespace preflight::backup {

namespace fs = std::filesystem;

namespace {

bool is_hex_id(std::string_view text) {
  return (text.size() == 40 || text.size() == 64) &&
         text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// One "<id> <name>" record of packed-refs: its id, or nullopt when malformed.
std::optional<std::string_view> record_id(std::string_view line, std::string_view& name) {
  std::size_t space = line.find(' ');
  if (space == std::string_view::npos || !is_hex_id(line.substr(0, space)))
    return std::nullopt;
  name = line.substr(space + 1);
  return line.substr(0, space);
}

// The start of the line that holds pos.
std::size_t line_start(std::string_view text, std::size_t pos) {
  std::size_t newline = pos == 0 ? std::string_view::npos : text.rfind('\n', pos - 1);
  return newline == std::string_view::npos ? 0 : newline + 1;
}

std::size_t next_line(std::string_view text, std::size_t pos) {
  std::size_t newline = text.find('\n', pos);
  return newline == std::string_view::npos ? text.size() : newline + 1;
}

} // namespace

fs::path common_dir_of(const fs::path& git_dir) {
  if (const char* dir = std::getenv("GIT_COMMON_DIR"); dir && *dir)
    return dir;
  if (auto text = read_file_if_exists(git_dir / "commondir")) {
    std::string common = *text;
    while (!common.empty() && (common.back() == '\n' || common.back() == '\r'))
      common.pop_back();
    fs::path path(common);
    return path.is_absolute() ? path : git_dir / path;
  }
  return git_dir;
}

std::optional<std::string> packed_ref_value(std::string_view packed, std::string_view ref) {
  std::size_t lo = 0;
  bool sorted = false;
  if (packed.starts_with("# pack-refs with:")) {
    lo = next_line(packed, 0);
    std::string_view header = packed.substr(0, lo);
    sorted = header.find(" sorted ") != std::string_view::npos ||
             header.find(" sorted\n") != std::string_view::npos;
  }
  std::string_view name;
  if (!sorted) {
    for (std::size_t at = lo; at < packed.size(); at = next_line(packed, at)) {
      std::string_view line = packed.substr(at, next_line(packed, at) - at);
      if (!line.empty() && line.back() == '\n')
        line.remove_suffix(1);
      if (auto id = record_id(line, name); id && name == ref)
        return std::string(*id);
    }
    return std::nullopt;
  }
  // lo and hi are always the start of a record line (peeled "^" lines belong
  // to the record above them).
  std::size_t hi = packed.size();
  while (lo < hi) {
    std::size_t start = line_start(packed, lo + (hi - lo) / 2);
    while (start > lo && packed[start] == '^')
      start = line_start(packed, start - 1);
    std::size_t end = next_line(packed, start);
    std::string_view line = packed.substr(start, end - start);
    if (!line.empty() && line.back() == '\n')
      line.remove_suffix(1);
    auto id = record_id(line, name);
    if (!id)
      return packed_ref_value(packed.substr(packed.find('\n') + 1), ref); // malformed: read it all
    int order = name.compare(ref);
    if (order == 0)
      return std::string(*id);
    if (order < 0) {
      lo = end;
      while (lo < hi && packed[lo] == '^')
        lo = next_line(packed, lo);
    } else {
      hi = start;
    }
  }
  return std::nullopt;
}

std::optional<std::string> ref_file_value(const fs::path& common, const std::string& ref) {
  std::error_code error;
  if (fs::exists(common / "reftable", error) || error)
    return "";
  try {
    if (auto loose = read_file_if_exists(common / ref)) {
      std::string_view id = std::string_view(*loose).substr(0, loose->find('\n'));
      return is_hex_id(id) ? std::string(id) : "";
    }
  } catch (const std::exception&) {
    return ""; // a folder in the way, no permission: not "absent"
  }
  // No exception on the common path: the first throw in a process costs a
  // millisecond of unwinder set-up, more than the rest of this hook call.
  fs::path packed_path = common / "packed-refs";
  if (!fs::exists(packed_path, error))
    return error ? std::optional<std::string>("") : std::nullopt;
  try {
    auto packed = notebook::InputBuffer::from_file(packed_path);
    return packed_ref_value(packed.view(), ref);
  } catch (const std::exception&) {
    return "";
  }
}

} // namespace preflight::backup
