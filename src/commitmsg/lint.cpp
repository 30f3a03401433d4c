// The lint pipeline. Problems with the input itself (invalid UTF-8, control
// characters, an empty message) are findings like rule failures, so that every
// input gets a verdict.
#include "commitmsg/lint.hpp"

#include "commitmsg/rules.hpp"

#include <algorithm>

namespace preflight::commitmsg {
namespace {

constexpr std::size_t k_window = 120; // code points of a long line shown around a caret

report::Finding finding(std::string_view check, report::Severity severity, const std::string& path,
                        int line, int column, std::string message, std::string detail = {}) {
  report::Finding f;
  f.check = std::string(check);
  f.severity = severity;
  f.path = path;
  f.line = line;
  f.column = column;
  f.message = std::move(message);
  f.detail = std::move(detail);
  return f;
}

// 1-based line and code-point column of byte offset at in text.
std::pair<int, int> position(std::string_view text, std::size_t at) {
  const std::size_t line_start = at == 0 ? 0 : text.rfind('\n', at - 1) + 1;
  const auto line =
      1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  return {static_cast<int>(line),
          static_cast<int>(code_points(text.substr(line_start, at - line_start)) + 1)};
}

// NUL and lone CR: git refuses the first, and terminals mangle the second.
void check_control_chars(const Message& message, const std::string& path,
                         std::vector<report::Finding>& out) {
  for (const Line& line : message.lines) {
    const std::size_t at = line.text.find_first_of(std::string_view("\0\r", 2));
    if (at == std::string::npos)
      continue;
    const bool nul = line.text[at] == '\0';
    out.push_back(
        finding(k_control_chars, report::Severity::error, path, line.number,
                static_cast<int>(code_points(std::string_view(line.text).substr(0, at)) + 1),
                nul ? "the message contains a NUL byte (git refuses to store it)"
                    : "the message contains a carriage return that does not end a line",
                caret_detail(line.text, at, at + 1)));
    return;
  }
}

bool ignored_by_pattern(const Settings& settings, const Message& message, std::string& by) {
  const auto header = std::find_if(message.lines.begin(), message.lines.end(),
                                   [](const Line& l) { return !l.text.empty(); });
  if (header == message.lines.end())
    return false;
  for (const auto& pattern : settings.ignore_patterns) {
    if (glob_match(pattern, header->text)) {
      by = "pattern \"" + pattern + "\"";
      return true;
    }
  }
  return false;
}

std::string joined(const Message& message) {
  std::string out;
  for (const Line& line : message.lines)
    out += line.text + "\n";
  return out;
}

} // namespace

std::string caret_detail(std::string_view line, std::size_t begin, std::size_t end) {
  begin = std::min(begin, line.size());
  end = std::max(begin, std::min(end, line.size()));
  std::vector<char32_t> cps;
  std::size_t cp_begin = 0, cp_end = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (i == begin)
      cp_begin = cps.size();
    if (i == end)
      cp_end = cps.size();
    cps.push_back(next_code_point(line, i));
  }
  if (begin == line.size())
    cp_begin = cps.size();
  if (end == line.size())
    cp_end = cps.size();
  std::size_t from = 0, to = cps.size();
  if (cps.size() > k_window) {
    from = cp_begin > k_window / 3 ? cp_begin - k_window / 3 : 0;
    to = std::min(cps.size(), from + k_window);
  }
  std::string shown, marks;
  if (from > 0) {
    shown += "…";
    marks += " ";
  }
  for (std::size_t k = from; k < to; ++k) {
    char32_t c = cps[k];
    if (c < 0x20 && c != '\t')
      c = 0x2400 + c; // control pictures: NUL shows as U+2400
    else if (c == 0x7F)
      c = 0x2421;
    append_utf8(shown, c);
    if (k < cp_begin)
      marks += c == '\t' ? '\t' : ' ';
    else if (k == cp_begin)
      marks += '^';
    else if (k < cp_end)
      marks += '~';
  }
  if (to < cps.size())
    shown += "…";
  if (cp_begin >= to)
    marks += '^';
  return shown + "\n" + marks;
}

LintResult lint(const LintInput& input, const Settings& settings) {
  LintResult result;
  const std::string& path = input.path;
  const Utf8Result utf8 = sanitize_utf8(input.bytes);
  const std::string& text = utf8.text;
  if (utf8.first_error && settings.invalid_utf8_error) {
    const auto [line, column] = position(input.bytes, *utf8.first_error);
    result.findings.push_back(finding(k_invalid_utf8, report::Severity::error, path, line, column,
                                      "the message is not valid UTF-8"));
  }
  const Cleanup cleanup = input.stored ? Cleanup::verbatim : settings.cleanup;
  const std::string comment =
      input.stored ? std::string()
                   : resolve_comment_char(settings.comment_char, input.git_comment_char, text);
  const Message message = clean_message(text, cleanup, comment);

  // Ignores look at what commitlint looks at: the raw text for its own
  // cleanup, the cleaned text for git's modes.
  const bool raw_view = cleanup == Cleanup::comments || cleanup == Cleanup::verbatim;
  if (settings.ignore_defaults) {
    const std::string cleaned = raw_view ? std::string() : joined(message);
    const std::string_view by = default_ignore(
        raw_view ? std::string_view(text) : std::string_view(cleaned), settings.ignore_scope);
    if (!by.empty())
      result.ignored_by = std::string(by);
  }
  if (result.ignored_by.empty())
    ignored_by_pattern(settings, message, result.ignored_by);
  if (!result.ignored_by.empty())
    return result;

  const Commit commit = parse_commit(message.lines, settings.parser);
  if (commit.empty) {
    result.empty = true;
    if (settings.empty_is_error)
      result.findings.push_back(finding(k_empty_message, report::Severity::error, path, 0, 0,
                                        "the commit message is empty (after removing comment "
                                        "lines)"));
    return result;
  }
  if (settings.control_chars_error)
    check_control_chars(message, path, result.findings);

  const RuleInput rule_input{commit, message, settings.length_unit};
  for (const auto& [name, setting] : settings.rules) {
    if (setting.level == Level::off)
      continue;
    const RuleDef* def = find_rule(name);
    if (!def)
      continue;
    const auto violation = def->check(rule_input, setting);
    if (!violation)
      continue;
    const bool error = setting.level == Level::error || settings.strict;
    std::string detail = caret_detail(violation->line_text, violation->begin, violation->end);
    if (!violation->note.empty())
      detail += "\n" + violation->note;
    const auto column =
        code_points(std::string_view(violation->line_text).substr(0, violation->begin));
    result.findings.push_back(finding(
        name, error ? report::Severity::error : report::Severity::warning, path, violation->line,
        static_cast<int>(column + 1), violation->message, std::move(detail)));
  }
  return result;
}

} // namespace preflight::commitmsg
