// Path patterns with gitignore semantics, matched one path segment at a time:
//   "*.pt"          no slash: matches the last segment at any depth
//   "/build/x.bin"  a slash (leading or inside): anchored at the repository root
//   "checkpoints/"  trailing slash: a folder, so every path below it
//   "**/x", "a/**", "a/**/b"  any number of folders
// A segment is an fnmatch(3) pattern (no flags: "*" matches a leading dot).
// Patterns are compiled once (GlobList): literal segments and "*suffix" ones,
// which are nearly all, are compared without fnmatch, and a list looks up its
// one-segment patterns ("*.pt", "checkpoints/") by name and extension, so a
// path costs a few hash lookups per folder rather than a match per pattern.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace preflight::checks {

class Glob {
public:
  explicit Glob(std::string pattern);

  // path split at "/" (empty parts dropped), see split_path.
  bool match(std::span<const std::string_view> path) const;
  const std::string& text() const { return m_text; }

  // A pattern of one literal or "*suffix" segment without a slash ("runs",
  // "*.pt", "checkpoints/"): it matches a path when any of the path's parts
  // (for a folder pattern, any but the last) is that name or ends that way.
  struct Simple {
    std::string_view text; // the name, or the suffix without its "*"
    bool suffix = false;
    bool folder = false;
  };
  std::optional<Simple> simple() const;

private:
  enum class Kind { literal, suffix, any, globstar, wild };
  struct Segment {
    std::string text; // NUL-terminated for fnmatch
    Kind kind;
    std::size_t globstar = 0; // for Kind::globstar: which one (0, 1, ...)
  };
  std::string m_text;
  std::vector<Segment> m_segments;
  std::size_t m_globstars = 0;
  bool m_folder = false;
  bool m_anchored = false;

  // Whether segments from p match path from part s. Each "**" tries every
  // number of parts, so its outcome at each part is remembered in memo
  // (globstars x (parts + 1), -1 unknown): time stays within segments x parts
  // x globstars instead of growing exponentially with the number of "**".
  bool match_from(std::size_t p, std::span<const std::string_view> path, std::size_t s,
                  std::vector<signed char>& memo) const;
  static bool match_segment(const Segment& segment, std::string_view part);
};

class GlobList {
public:
  GlobList() = default;
  explicit GlobList(const std::vector<std::string>& patterns);

  // The first pattern matching path, or nullptr.
  const std::string* first_match(std::string_view path) const;
  bool empty() const { return m_globs.empty(); }

private:
  // Heterogeneous lookup: a path's parts are looked up without copies.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  // Key: the pattern's first position with that key (the first match wins).
  using Table = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;
  // The simple patterns, for a path's folders ([1]) and for any part ([0]).
  struct Tables {
    Table names;      // literal names
    Table extensions; // "*.pt": the suffix is an extension (one dot, at its start)
    std::vector<std::pair<std::string, std::size_t>> suffixes; // other "*suffix" ones
  };
  // Lowers best to the position of a simple pattern that part matches.
  static void lower(const Tables& tables, std::string_view part, std::size_t& best);

  std::vector<Glob> m_globs;
  Tables m_tables[2];
  std::vector<std::size_t> m_general; // the other patterns' positions, ascending
};

// The parts of a path between slashes, empty ones dropped.
std::vector<std::string_view> split_path(std::string_view path);

bool glob_match(std::string_view pattern, std::string_view path);

// The first pattern matching path, or nullptr (compiles them: for one-off use).
const std::string* first_match(std::span<const std::string> patterns, std::string_view path);

} // namespace preflight::checks
