#include "checks/glob.hpp"

#include <fnmatch.h>

#include <algorithm>

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

std::optional<Glob::Simple> Glob::simple() const {
  if (m_anchored || m_segments.size() != 1)
    return std::nullopt;
  const Segment& segment = m_segments.front();
  if (segment.kind != Kind::literal && segment.kind != Kind::suffix)
    return std::nullopt;
  return Simple{segment.text, segment.kind == Kind::suffix, m_folder};
}

GlobList::GlobList(const std::vector<std::string>& patterns) {
  m_globs.reserve(patterns.size());
  for (const std::string& pattern : patterns)
    m_globs.emplace_back(pattern);
  for (std::size_t i = 0; i < m_globs.size(); ++i) {
    auto simple = m_globs[i].simple();
    if (!simple) {
      m_general.push_back(i);
      continue;
    }
    Tables& table = m_tables[simple->folder ? 1 : 0];
    std::string text(simple->text);
    if (!simple->suffix)
      table.names.emplace(std::move(text), i); // an earlier equal pattern keeps its place
    else if (text.starts_with('.') && text.find('.', 1) == std::string::npos)
      table.extensions.emplace(std::move(text), i);
    else
      table.suffixes.emplace_back(std::move(text), i);
  }
}

void GlobList::lower(const Tables& tables, std::string_view part, std::size_t& best) {
  if (!tables.names.empty())
    if (auto it = tables.names.find(part); it != tables.names.end())
      best = std::min(best, it->second);
  // A suffix ".pt" (one dot, at its start) ends a part exactly when the part's
  // extension, from its last dot, is ".pt".
  if (std::size_t dot = part.rfind('.');
      dot != std::string_view::npos && !tables.extensions.empty())
    if (auto it = tables.extensions.find(part.substr(dot)); it != tables.extensions.end())
      best = std::min(best, it->second);
  for (const auto& [suffix, position] : tables.suffixes)
    if (position < best && part.ends_with(suffix))
      best = position;
}

const std::string* GlobList::first_match(std::string_view path) const {
  if (m_globs.empty())
    return nullptr;
  // The simple patterns, through the tables, part by part (empty parts are
  // dropped, as split_path does).
  std::size_t best = m_globs.size();
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) {
      std::string_view part = path.substr(start, end - start);
      lower(m_tables[0], part, best);
      if (path.find_first_not_of('/', end) != std::string_view::npos) // a folder
        lower(m_tables[1], part, best);
    }
    start = end + 1;
  }
  // The others, in order, while they come before the best simple one.
  if (m_general.empty() || m_general.front() > best)
    return best < m_globs.size() ? &m_globs[best].text() : nullptr;
  const auto parts = split_path(path);
  for (std::size_t position : m_general) {
    if (position > best)
      break;
    if (m_globs[position].match(parts))
      return &m_globs[position].text();
  }
  return best < m_globs.size() ? &m_globs[best].text() : nullptr;
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
