#include "checks/glob.hpp"

#include <fnmatch.h>
#include <vector>

namespace preflight::checks {

namespace {

std::vector<std::string> segments(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('/', start);
    if (end == std::string_view::npos)
      end = text.size();
    if (end > start)
      out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Does pattern[p..] match path[s..]? prefix: the pattern may match a leading
// part of the path (a folder and everything below it).
bool match_from(const std::vector<std::string>& pattern, std::size_t p,
                const std::vector<std::string>& path, std::size_t s, bool prefix) {
  while (p < pattern.size()) {
    if (pattern[p] == "**") {
      for (std::size_t skip = s; skip <= path.size(); ++skip)
        if (match_from(pattern, p + 1, path, skip, prefix))
          return true;
      return false;
    }
    if (s >= path.size() || ::fnmatch(pattern[p].c_str(), path[s].c_str(), 0) != 0)
      return false;
    ++p;
    ++s;
  }
  return s == path.size() || (prefix && s < path.size());
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  if (pattern.empty())
    return false;
  bool folder = pattern.back() == '/';
  bool anchored =
      pattern.substr(0, pattern.size() - (folder ? 1 : 0)).find('/') != std::string_view::npos;
  auto pattern_parts = segments(pattern);
  auto path_parts = segments(path);
  if (pattern_parts.empty())
    return false;
  // A folder pattern matches the folders above a file, never the file itself.
  if (folder && !path_parts.empty())
    path_parts.pop_back();
  // As in gitignore, a pattern that matches a folder also covers what is below it.
  if (anchored)
    return match_from(pattern_parts, 0, path_parts, 0, true);
  for (std::size_t start = 0; start < path_parts.size(); ++start)
    if (match_from(pattern_parts, 0, path_parts, start, true))
      return true;
  return false;
}

const std::string* first_match(std::span<const std::string> patterns, std::string_view path) {
  for (const std::string& pattern : patterns)
    if (glob_match(pattern, path))
      return &pattern;
  return nullptr;
}

} // namespace preflight::checks
