// commitlint's default ignores (@commitlint/is-ignored, defaults.ts), each
// regular expression rewritten as a prefix/substring test. JavaScript's "."
// stops at "\n", "\r", U+2028 and U+2029, so "first line" below ends at any
// of them; the "m"-flag merge patterns apply to every such line.
#include "commitmsg/ignores.hpp"

#include "commitmsg/text.hpp"

#include <cstdint>

namespace preflight::commitmsg {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The lines of text as JavaScript's "m" flag sees them.
std::vector<std::string_view> js_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t len = 0;
    if (text[i] == '\n' || text[i] == '\r')
      len = 1;
    else if (text.substr(i, 3) == "\xE2\x80\xA8" || text.substr(i, 3) == "\xE2\x80\xA9")
      len = 3;
    if (len == 0) {
      ++i;
      continue;
    }
    lines.push_back(text.substr(begin, i - begin));
    i += len;
    begin = i;
  }
  lines.push_back(text.substr(begin));
  return lines;
}

// /^((Merge pull request)|(Merge (.*?) into (.*?)|(Merge branch (.*?)))(?:\r?\n)*$)/m
// The first alternative has no "$": any line that starts "Merge pull request"
// (also "Merge pull requests are fun") matches.
bool merge_line(std::string_view line) {
  return starts_with(line, "Merge pull request") ||
         (starts_with(line, "Merge ") && line.find(" into ", 6) != std::string_view::npos) ||
         starts_with(line, "Merge branch ");
}

// /^(Merged (.*?)(in|into) (.*)|Merged PR (.*): (.*))/
bool merged_line(std::string_view line) {
  if (!starts_with(line, "Merged "))
    return false;
  if (line.find("in ", 7) != std::string_view::npos ||
      line.find("into ", 7) != std::string_view::npos)
    return true;
  return starts_with(line, "Merged PR ") && line.find(": ", 10) != std::string_view::npos;
}

bool digits(std::string_view s) {
  if (s.empty())
    return false;
  for (const char c : s)
    if (c < '0' || c > '9')
      return false;
  return true;
}

// 0|[1-9]\d*, within JavaScript's safe integers.
bool numeric_identifier(std::string_view s) {
  if (!digits(s) || (s.size() > 1 && s[0] == '0') || s.size() > 16)
    return false;
  return std::stoull(std::string(s)) <= 9007199254740991ULL;
}

bool dash_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// Identifiers separated by "."; prerelease ones are numeric or contain a non-digit.
bool identifiers(std::string_view s, bool prerelease) {
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = s.find('.', begin);
    const std::string_view id = s.substr(begin, dot == std::string_view::npos ? dot : dot - begin);
    if (id.empty())
      return false;
    for (const char c : id)
      if (!dash_alnum(c))
        return false;
    if (prerelease && digits(id) && id.size() > 1 && id[0] == '0')
      return false;
    if (dot == std::string_view::npos)
      return true;
    begin = dot + 1;
  }
}

// The length of "skip" or "ci" at text[at] (any case), or 0.
std::size_t skip_or_ci(std::string_view text, std::size_t at) {
  return iequals_ascii(text.substr(at, 4), "skip") ? 4
         : iequals_ascii(text.substr(at, 2), "ci") ? 2
                                                   : 0;
}

// Removes the first match of /\[(skip|ci)(-|\s)(ci|skip)\]/i (open "[", close
// "]"), or of the same with parentheses: one replace() without the "g" flag.
void erase_first_marker(std::string& line, char open, char close) {
  for (std::size_t at = line.find(open); at != std::string::npos; at = line.find(open, at + 1)) {
    std::size_t i = at + 1;
    const std::size_t first = skip_or_ci(line, i);
    if (first == 0)
      continue;
    i += first;
    if (i < line.size() && line[i] == '-') {
      ++i;
    } else {
      const std::size_t space = i < line.size() ? js_space_at(line, i) : 0;
      if (space == 0)
        continue;
      i += space;
    }
    const std::size_t second = skip_or_ci(line, i);
    if (second == 0 || i + second >= line.size() || line[i + second] != close)
      continue;
    line.erase(at, i + second + 1 - at);
    return;
  }
}

// The semver ignore: the first line (split on "\n" only) without a leading
// "chore(scope):" and without the first "[skip ci]"-style and "(skip ci)"-style
// marker is a version.
bool semver_message(std::string_view text) {
  std::string line(text.substr(0, text.find('\n')));
  if (starts_with(line, "chore")) {
    if (line.size() > 5 && line[5] == ':') {
      line.erase(0, 6);
    } else if (line.size() > 5 && line[5] == '(') {
      const std::size_t close = line.find(')', 6);
      if (close != std::string::npos && close > 6 && close + 1 < line.size() &&
          line[close + 1] == ':')
        line.erase(0, close + 2);
    }
  }
  erase_first_marker(line, '[', ']');
  erase_first_marker(line, '(', ')');
  return is_semver(js_trim(line));
}

} // namespace

bool is_semver(std::string_view v) {
  if (v.size() > 256)
    return false;
  if (!v.empty() && v[0] == 'v')
    v.remove_prefix(1);
  std::string_view build, pre;
  if (const std::size_t plus = v.find('+'); plus != std::string_view::npos) {
    build = v.substr(plus + 1);
    v = v.substr(0, plus);
    if (!identifiers(build, false))
      return false;
  }
  if (const std::size_t dash = v.find('-'); dash != std::string_view::npos) {
    pre = v.substr(dash + 1);
    v = v.substr(0, dash);
    if (!identifiers(pre, true))
      return false;
  }
  int parts = 0;
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = v.find('.', begin);
    const std::string_view part =
        v.substr(begin, dot == std::string_view::npos ? dot : dot - begin);
    if (!numeric_identifier(part))
      return false;
    ++parts;
    if (dot == std::string_view::npos)
      break;
    begin = dot + 1;
  }
  return parts == 3;
}

std::string_view default_ignore(std::string_view text, IgnoreScope scope) {
  const std::vector<std::string_view> lines = js_lines(text);
  const std::string_view first = lines.front();
  const std::size_t merge_lines = scope == IgnoreScope::any_line ? lines.size() : 1;
  for (std::size_t i = 0; i < merge_lines; ++i) {
    if (merge_line(lines[i]))
      return "merge";
    if (starts_with(lines[i], "Merge tag "))
      return "merge-tag";
  }
  if (starts_with(text, "Revert ") || starts_with(text, "revert "))
    return "revert";
  if (starts_with(text, "Reapply ") || starts_with(text, "reapply "))
    return "reapply";
  if (starts_with(text, "amend!") || starts_with(text, "fixup!") || starts_with(text, "squash!"))
    return "fixup";
  if (semver_message(text))
    return "semver";
  if (merged_line(first))
    return "merged";
  if (starts_with(text, "Merge remote-tracking branch"))
    return "remote-tracking-merge";
  if (starts_with(text, "Automatic merge"))
    return "automatic-merge";
  if (starts_with(first, "Auto-merged ") && first.find(" into ", 12) != std::string_view::npos)
    return "auto-merged";
  return {};
}

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

} // namespace preflight::commitmsg
