// Message cleanup. git's strip rules come from strbuf_stripspace(): comment
// lines go first, then trailing whitespace, then runs of blank lines collapse
// and blank lines at either end disappear.
#include "commitmsg/message.hpp"

namespace preflight::commitmsg {
namespace {

constexpr std::string_view k_scissors_tail =
    " ------------------------ >8 ------------------------";

// Splits on "\n", removing one "\r" before it. A final empty piece (text ending
// in "\n") is not a line.
std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t begin = 0;
  int number = 1;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    const bool last = end == std::string_view::npos;
    if (last)
      end = text.size();
    std::string_view line = text.substr(begin, end - begin);
    if (!last && !line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back({std::string(line), number++});
    begin = end + 1;
  }
  return lines;
}

bool git_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return !prefix.empty() && text.substr(0, prefix.size()) == prefix;
}

} // namespace

std::optional<Cleanup> cleanup_from_name(std::string_view name) {
  if (name == "comments")
    return Cleanup::comments;
  if (name == "strip")
    return Cleanup::strip;
  if (name == "scissors")
    return Cleanup::scissors;
  if (name == "whitespace")
    return Cleanup::whitespace;
  if (name == "verbatim")
    return Cleanup::verbatim;
  return std::nullopt;
}

std::string scissors_line(std::string_view comment) {
  return std::string(comment) + std::string(k_scissors_tail);
}

std::string resolve_comment_char(std::string_view setting,
                                 const std::optional<std::string>& git_value,
                                 std::string_view text) {
  if (setting == "none")
    return {};
  if (setting != "auto" && !setting.empty())
    return std::string(setting);
  if (!git_value || git_value->empty())
    return "#";
  if (*git_value != "auto")
    return *git_value;
  // core.commentChar=auto: git picked the first of these characters that no
  // line of the message started with, and wrote its template lines with it.
  constexpr std::string_view k_candidates = "#;@!$%^&|:";
  for (const char c : k_candidates) {
    const std::string prefix = std::string(1, c) + " ";
    for (const Line& line : split_lines(text)) {
      if (line.text == scissors_line(std::string(1, c)) ||
          starts_with(line.text, prefix + "Please enter the commit message"))
        return std::string(1, c);
    }
  }
  return "#";
}

Message clean_message(std::string_view text, Cleanup mode, std::string_view comment) {
  Message message;
  std::vector<Line> lines = split_lines(text);
  const bool cut = mode == Cleanup::comments || mode == Cleanup::strip || mode == Cleanup::scissors;
  const bool drop_comments = mode == Cleanup::comments || mode == Cleanup::strip;
  if (cut && !comment.empty()) {
    const std::string scissors = scissors_line(comment);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].text == scissors) {
        lines.resize(i);
        message.cut_at_scissors = true;
        break;
      }
    }
  }
  const bool git_mode = mode != Cleanup::comments && mode != Cleanup::verbatim;
  bool pending_blank = false;
  for (Line& line : lines) {
    if (drop_comments && starts_with(line.text, comment))
      continue;
    if (git_mode) {
      std::size_t end = line.text.size();
      while (end > 0 && git_space(line.text[end - 1]))
        --end;
      line.text.resize(end);
      if (line.text.empty()) {
        pending_blank = !message.lines.empty();
        continue;
      }
      if (pending_blank)
        message.lines.push_back({std::string(), line.number - 1});
      pending_blank = false;
    }
    message.lines.push_back(std::move(line));
  }
  if (git_mode) {
    for (const Line& line : message.lines)
      message.raw_lines.push_back(line.text);
  } else {
    for (const Line& line : split_lines(text))
      message.raw_lines.push_back(line.text);
    // commitlint appends "\n" to the file; with a final "\n" already there the
    // split yields one more empty line.
    if (!text.empty() && text.back() == '\n')
      message.raw_lines.emplace_back();
    message.raw_lines.emplace_back();
  }
  return message;
}

} // namespace preflight::commitmsg
