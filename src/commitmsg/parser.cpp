// Hand-written scanners for the two header grammars and for footer detection.
// Regular expressions with backtracking are avoided on purpose: commitlint's
// reference regex takes seconds on one long line (see docs/commit-msg.md).
#include "commitmsg/parser.hpp"

#include "commitmsg/text.hpp"

namespace preflight::commitmsg {
namespace {

bool blank(std::string_view text) {
  for (const char c : text)
    if (c != ' ' && c != '\t')
      return false;
  return true;
}

// JavaScript's "." matches neither "\r" nor U+2028/U+2029, and the header
// patterns are anchored with "$": such a header does not parse.
bool has_js_line_terminator(std::string_view text) {
  return text.find('\r') != std::string_view::npos ||
         text.find("\xE2\x80\xA8") != std::string_view::npos ||
         text.find("\xE2\x80\xA9") != std::string_view::npos;
}

// /^(\w*)(?:\((.*)\))?(!?|!): (.*)$/, where bang_required picks commitlint's
// breakingHeaderPattern. The greedy scope ends at the last ")" that a valid
// separator follows.
bool match_commitlint_header(std::string_view h, bool bang_required, Commit& commit) {
  std::size_t t = 0;
  while (t < h.size() && is_word_byte(h[t]))
    ++t;
  auto separator = [&](std::size_t i) -> std::size_t {
    if (h.substr(i, 3) == "!: ")
      return 3;
    if (!bang_required && h.substr(i, 2) == ": ")
      return 2;
    return 0;
  };
  std::size_t after = t, sep = 0;
  std::optional<Span> scope;
  if (t < h.size() && h[t] == '(') {
    for (std::size_t p = h.size(); p-- > t + 1;) {
      if (h[p] == ')' && (sep = separator(p + 1)) != 0) {
        scope = Span{t + 1, p};
        after = p + 1;
        break;
      }
    }
  }
  if (!scope && (sep = separator(t)) == 0)
    return false;
  commit.type = std::string(h.substr(0, t));
  commit.type_span = {0, t};
  if (scope && scope->end > scope->begin) {
    commit.scope = std::string(h.substr(scope->begin, scope->end - scope->begin));
    commit.scope_span = *scope;
  }
  commit.bang = sep == 3;
  commit.subject = std::string(h.substr(after + sep));
  commit.subject_span = {after + sep, h.size()};
  return true;
}

void parse_commitlint_header(Commit& commit) {
  const std::string_view h = commit.header;
  if (has_js_line_terminator(h))
    return;
  if (!match_commitlint_header(h, true, commit))
    match_commitlint_header(h, false, commit);
}

void spec_problem(Commit& commit, std::size_t at, std::string message) {
  commit.header_problem = std::move(message);
  commit.header_problem_at = at;
}

// type ["(" scope ")"] ["!"] ": " description, read strictly.
void parse_spec_header(Commit& commit) {
  const std::string_view h = commit.header;
  std::size_t i = 0;
  while (i < h.size() && h[i] != '(' && h[i] != ')' && h[i] != ':' && h[i] != '!' &&
         js_space_at(h, i) == 0)
    ++i;
  if (i == 0)
    return spec_problem(commit, 0,
                        js_space_at(h, 0) ? "header starts with whitespace"
                                          : "header does not start with a type");
  for (std::size_t k = 0; k < i; ++k) {
    const char c = h[k];
    const bool ok =
        k == 0 ? ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) : (ascii_alnum(c) || c == '-');
    if (!ok)
      return spec_problem(commit, k,
                          i < h.size() && h[i] == ':'
                              ? "type must be a word of letters, digits and \"-\""
                              : "header is not \"type(scope): description\"");
  }
  const Span type{0, i};
  std::optional<Span> scope;
  if (i < h.size() && h[i] == '(') {
    const std::size_t close = h.find(')', i + 1);
    const std::size_t open = h.find('(', i + 1);
    if (close == std::string_view::npos)
      return spec_problem(commit, i, "scope is not closed with \")\"");
    if (open < close)
      return spec_problem(commit, open, "scope must not contain parentheses");
    if (close == i + 1)
      return spec_problem(commit, i, "scope is empty");
    if (js_space_at(h, i + 1) != 0 || h[close - 1] == ' ' || h[close - 1] == '\t')
      return spec_problem(commit, i + 1, "scope must not start or end with whitespace");
    scope = Span{i + 1, close};
    i = close + 1;
  }
  bool bang = false;
  if (i < h.size() && h[i] == '!') {
    bang = true;
    ++i;
  }
  if (i >= h.size() || h[i] != ':')
    return spec_problem(commit, i,
                        scope || bang ? "expected \":\" here" : "expected \":\" after the type");
  if (i + 1 >= h.size() || h[i + 1] != ' ')
    return spec_problem(commit, i + 1, "expected a space after \":\"");
  commit.type = std::string(h.substr(type.begin, type.end));
  commit.type_span = type;
  if (scope) {
    commit.scope = std::string(h.substr(scope->begin, scope->end - scope->begin));
    commit.scope_span = *scope;
  }
  commit.bang = bang;
  commit.subject = std::string(h.substr(i + 2));
  commit.subject_span = {i + 2, h.size()};
}

std::vector<Line> trimmed(std::vector<Line> lines) {
  std::size_t begin = 0, end = lines.size();
  while (begin < end && lines[begin].text.empty())
    ++begin;
  while (end > begin && lines[end - 1].text.empty())
    --end;
  return {std::make_move_iterator(lines.begin() + static_cast<std::ptrdiff_t>(begin)),
          std::make_move_iterator(lines.begin() + static_cast<std::ptrdiff_t>(end))};
}

std::string joined(const std::vector<Line>& lines) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0)
      out += '\n';
    out += lines[i].text;
  }
  return out;
}

// conventional-commits-parser: a note or a reference switches to the footer for
// the rest of the message; a note collects lines until the next note or reference.
void split_commitlint(const std::vector<Line>& rest, Commit& commit) {
  std::vector<Line> body, footer;
  bool in_footer = false;
  Note* note = nullptr;
  for (const Line& line : rest) {
    std::string title, text;
    if (match_commitlint_note(line.text, title, text)) {
      in_footer = true;
      commit.notes.push_back({title, text, line.number});
      note = &commit.notes.back();
      footer.push_back(line);
    } else if (has_reference(line.text)) {
      in_footer = true;
      note = nullptr;
      ++commit.references;
      footer.push_back(line);
    } else if (in_footer) {
      if (note)
        note->text += "\n" + line.text;
      footer.push_back(line);
    } else {
      body.push_back(line);
    }
  }
  commit.body_lines = trimmed(std::move(body));
  commit.footer_lines = trimmed(std::move(footer));
}

// The spec: the footer starts at the first token line after a blank line.
void split_spec(const std::vector<Line>& rest, Commit& commit) {
  std::size_t start = rest.size();
  for (std::size_t i = 1; i < rest.size(); ++i) {
    if (blank(rest[i - 1].text) && spec_footer_token(rest[i].text)) {
      start = i;
      break;
    }
  }
  std::vector<Line> body(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(start));
  std::vector<Line> footer(rest.begin() + static_cast<std::ptrdiff_t>(start), rest.end());
  Note* note = nullptr;
  for (const Line& line : footer) {
    const auto token = spec_footer_token(line.text);
    if (token) {
      const std::string_view name = std::string_view(line.text).substr(0, *token);
      note = nullptr;
      if (name == "BREAKING CHANGE" || name == "BREAKING-CHANGE") {
        commit.notes.push_back({std::string(name), line.text.substr(*token + 2), line.number});
        note = &commit.notes.back();
      }
    } else if (note) {
      note->text += "\n" + line.text;
    }
    if (has_reference(line.text))
      ++commit.references;
  }
  for (const Line& line : body)
    if (has_reference(line.text))
      ++commit.references;
  commit.body_lines = trimmed(std::move(body));
  commit.footer_lines = trimmed(std::move(footer));
}

bool gpg_line(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t n = js_space_at(text, i);
    if (n == 0)
      break;
    i += n;
  }
  return text.substr(i, 4) == "gpg:";
}

} // namespace

std::optional<ParserMode> parser_mode_from_name(std::string_view name) {
  if (name == "commitlint")
    return ParserMode::commitlint;
  if (name == "spec")
    return ParserMode::spec;
  return std::nullopt;
}

bool match_commitlint_note(std::string_view line, std::string& title, std::string& text) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '|' || line[i] == '*') {
      ++i;
      continue;
    }
    const std::size_t n = js_space_at(line, i);
    if (n == 0)
      break;
    i += n;
  }
  const std::string_view keyword = line.substr(i, 15);
  if (!iequals_ascii(keyword, "BREAKING CHANGE") && !iequals_ascii(keyword, "BREAKING-CHANGE"))
    return false;
  std::size_t j = i + 15;
  while (j < line.size()) {
    if (line[j] == ':') {
      ++j;
      continue;
    }
    const std::size_t n = js_space_at(line, j);
    if (n == 0)
      break;
    j += n;
  }
  if (j == i + 15)
    return false;
  title = std::string(keyword);
  text = std::string(line.substr(j));
  return true;
}

std::optional<std::size_t> spec_footer_token(std::string_view line) {
  std::size_t t = 0;
  if (line.substr(0, 15) == "BREAKING CHANGE") {
    t = 15;
  } else {
    while (true) {
      const std::size_t start = t;
      while (t < line.size() && ascii_alnum(line[t]))
        ++t;
      if (t == start)
        return std::nullopt;
      if (t + 1 < line.size() && line[t] == '-' && ascii_alnum(line[t + 1]))
        ++t;
      else
        break;
    }
  }
  const std::string_view sep = line.substr(t, 2);
  if (sep == ": " || sep == " #")
    return t;
  return std::nullopt;
}

Commit parse_commit(const std::vector<Line>& lines, ParserMode mode) {
  Commit commit;
  std::vector<Line> kept;
  kept.reserve(lines.size());
  for (const Line& line : lines)
    if (mode != ParserMode::commitlint || !gpg_line(line.text))
      kept.push_back(line);
  std::size_t h = 0;
  while (h < kept.size() && kept[h].text.empty())
    ++h;
  bool all_space = true;
  for (std::size_t i = h; i < kept.size() && all_space; ++i)
    all_space = js_trim(kept[i].text).empty();
  if (all_space) // commitlint treats whitespace-only input as empty
    return commit;
  commit.empty = false;
  commit.header = kept[h].text;
  commit.header_line = kept[h].number;
  const std::vector<Line> rest(kept.begin() + static_cast<std::ptrdiff_t>(h + 1), kept.end());
  if (mode == ParserMode::commitlint) {
    parse_commitlint_header(commit);
    if (has_reference(commit.header))
      ++commit.references;
    split_commitlint(rest, commit);
  } else {
    parse_spec_header(commit);
    if (has_reference(commit.header))
      ++commit.references;
    split_spec(rest, commit);
  }
  commit.body = joined(commit.body_lines);
  commit.footer = joined(commit.footer_lines);
  return commit;
}

} // namespace preflight::commitmsg
