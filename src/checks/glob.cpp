#include "checks/glob.hpp"

#include <fnmatch.h>

namespace preflight::checks {

std::vector<std::string_view> split_path(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('/', start);
    if (end == std::string_view::npos)
      end = text.size();
    if (end > start)
      out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Glob::Glob(std::string pattern) : m_text(std::move(pattern)) {
  std::string_view text = m_text;
  if (text.empty())
    return;
  m_folder = text.back() == '/';
  m_anchored = text.substr(0, text.size() - (m_folder ? 1 : 0)).find('/') != std::string_view::npos;
  for (std::string_view part : split_path(text)) {
    Kind kind = Kind::wild;
    std::string_view rest = part.substr(1);
    if (part == "**")
      kind = Kind::globstar;
    else if (part == "*")
      kind = Kind::any;
    else if (part.find_first_of("*?[\\") == std::string_view::npos)
      kind = Kind::literal;
    else if (part.front() == '*' && rest.find_first_of("*?[\\") == std::string_view::npos)
      kind = Kind::suffix;
    std::size_t star = kind == Kind::globstar ? m_globstars++ : 0;
    m_segments.push_back({std::string(kind == Kind::suffix ? rest : part), kind, star});
  }
}

bool Glob::match_segment(const Segment& segment, std::string_view part) {
  switch (segment.kind) {
  case Kind::literal: return part == segment.text;
  case Kind::suffix: return part.ends_with(segment.text);
  case Kind::any: return true; // parts are never empty
  case Kind::globstar: return true;
  case Kind::wild: break;
  }
  return ::fnmatch(segment.text.c_str(), std::string(part).c_str(), 0) == 0;
}

// Does the pattern from segment p match path from part s? As in gitignore, a
// pattern that matches a folder also covers everything below it.
bool Glob::match_from(std::size_t p, std::span<const std::string_view> path, std::size_t s,
                      std::vector<signed char>& memo) const {
  while (p < m_segments.size()) {
    const Segment& segment = m_segments[p];
    if (segment.kind == Kind::globstar) {
      signed char& known = memo[segment.globstar * (path.size() + 1) + s];
      if (known < 0) {
        known = 0;
        for (std::size_t skip = s; skip <= path.size() && !known; ++skip)
          known = match_from(p + 1, path, skip, memo) ? 1 : 0;
      }
      return known == 1;
    }
    if (s >= path.size() || !match_segment(segment, path[s]))
      return false;
    ++p;
    ++s;
  }
  return true;
}

bool Glob::match(std::span<const std::string_view> path) const {
  if (m_segments.empty())
    return false;
  // A folder pattern matches the folders above a file, never the file itself.
  if (m_folder && !path.empty())
    path = path.first(path.size() - 1);
  std::vector<signed char> memo(m_globstars * (path.size() + 1), -1);
  if (m_anchored)
    return match_from(0, path, 0, memo);
  // Unanchored patterns are one segment: "*.pt" or "runs" at any depth.
  for (std::size_t start = 0; start < path.size(); ++start)
    if (match_from(0, path, start, memo))
      return true;
  return false;
}

GlobList::GlobList(const std::vector<std::string>& patterns) {
  m_globs.reserve(patterns.size());
  for (const std::string& pattern : patterns)
    m_globs.emplace_back(pattern);
}

const std::string* GlobList::first_match(std::string_view path) const {
  if (m_globs.empty())
    return nullptr;
  const auto parts = split_path(path);
  for (const Glob& glob : m_globs)
    if (glob.match(parts))
      return &glob.text();
  return nullptr;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  return Glob(std::string(pattern)).match(split_path(path));
}

const std::string* first_match(std::span<const std::string> patterns, std::string_view path) {
  const auto parts = split_path(path);
  for (const std::string& pattern : patterns)
    if (Glob(pattern).match(parts))
      return &pattern;
  return nullptr;
}

} // namespace preflight::checks
