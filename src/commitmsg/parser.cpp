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

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z')
      x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z')
      y = static_cast<char>(y + 32);
    if (x != y)
      return false;
  }
  return true;
}

// The length of the JavaScript whitespace code point at text[i], or 0.
std::size_t space_at(std::string_view text, std::size_t i) {
  std::size_t next = i;
  return is_js_space(next_code_point(text, next)) ? next - i : 0;
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
         space_at(h, i) == 0)
    ++i;
  if (i == 0)
    return spec_problem(commit, 0,
                        space_at(h, 0) ? "header starts with whitespace"
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
    if (space_at(h, i + 1) != 0 || h[close - 1] == ' ' || h[close - 1] == '\t')
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
    const std::size_t n = space_at(text, i);
    if (n == 0)
      break;
    i += n;
  }
  return text.substr(i, 4) == "gpg:";
}

// The length of a JavaScript line terminator inside a line ("\r", U+2028,
// U+2029: what "." does not match), or 0.
std::size_t terminator_at(std::string_view text, std::size_t i) {
  if (text[i] == '\r')
    return 1;
  const std::string_view three = text.substr(i, 3);
  return three == "\xE2\x80\xA8" || three == "\xE2\x80\xA9" ? 3 : 0;
}

// conventional-commits-parser's referenceActions, in the order of its
// alternation; matched case-insensitively anywhere, also inside words.
constexpr std::string_view k_actions[] = {"close", "closes",  "closed",   "fix",     "fixes",
                                          "fixed", "resolve", "resolves", "resolved"};

bool action_at(std::string_view text, std::size_t i, std::string_view action) {
  return iequals_ascii(text.substr(i, action.size()), action);
}

bool any_action_at(std::string_view text, std::size_t i) {
  for (const std::string_view action : k_actions)
    if (action_at(text, i, action))
      return true;
  return false;
}

// One match of /(actions)(?:\s+(.*?))(?=(?:actions)|$)/gi: the sentence after
// the keyword, from the whitespace run to the next keyword or the end.
struct Sentence {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The first match at or after from. The lazy sentence cannot cross a line
// terminator ("." does not match one), and giving back whitespace from "\s+"
// never helps, so the sentence starts after the whole whitespace run.
std::optional<Sentence> next_action(std::string_view line, std::size_t from) {
  for (std::size_t p = from; p < line.size(); ++p) {
    for (const std::string_view action : k_actions) {
      if (!action_at(line, p, action))
        continue;
      std::size_t t = p + action.size();
      const std::size_t after_keyword = t;
      while (t < line.size() && space_at(line, t) != 0)
        t += space_at(line, t);
      if (t == after_keyword)
        continue;
      for (std::size_t e = t;; ++e) {
        if (e == line.size() || any_action_at(line, e))
          return Sentence{t, e};
        if (terminator_at(line, e) != 0)
          break;
      }
    }
  }
  return std::nullopt;
}

// /\b(?:https?):\/\/(?:www\.)?([-a-zA-Z0-9@:%_+.~#?&//=])+\b/ (case-sensitive):
// "http://" or "https://" not preceded by a word character, then a run of URL
// characters that holds a word character (so that a word boundary ends it).
bool has_url(std::string_view text) {
  constexpr std::string_view k_url_chars = "-@:%_+.~#?&/=";
  for (std::size_t i = text.find("http"); i != std::string_view::npos;
       i = text.find("http", i + 1)) {
    if (i > 0 && is_word_byte(text[i - 1]))
      continue;
    std::size_t j = i + 4;
    if (j < text.size() && text[j] == 's' && text.substr(j + 1, 3) == "://")
      ++j;
    if (text.substr(j, 3) != "://")
      continue;
    for (j += 3; j < text.size() &&
                 (ascii_alnum(text[j]) || k_url_chars.find(text[j]) != std::string_view::npos);
         ++j)
      if (is_word_byte(text[j]))
        return true;
  }
  return false;
}

// parseReference on one sentence: no URL in it, and "#" followed by [\w-]+
// and then whitespace, the end of the sentence, or one of ",;)]".
bool sentence_has_reference(std::string_view sentence) {
  if (has_url(sentence))
    return false;
  for (std::size_t i = sentence.find('#'); i != std::string_view::npos;
       i = sentence.find('#', i + 1)) {
    std::size_t j = i + 1;
    while (j < sentence.size() && (is_word_byte(sentence[j]) || sentence[j] == '-'))
      ++j;
    if (j == i + 1)
      continue;
    if (j == sentence.size() || sentence[j] == ',' || sentence[j] == ';' || sentence[j] == ')' ||
        sentence[j] == ']' || space_at(sentence, j) != 0)
      return true;
  }
  return false;
}

} // namespace

std::optional<ParserMode> parser_mode_from_name(std::string_view name) {
  if (name == "commitlint")
    return ParserMode::commitlint;
  if (name == "spec")
    return ParserMode::spec;
  return std::nullopt;
}

bool has_reference(std::string_view line) {
  // A line with an action keyword followed by whitespace is searched only in
  // the sentences after its keywords; any other line in its runs of text
  // between JavaScript line terminators (a lone "\r", U+2028, U+2029).
  if (const auto first = next_action(line, 0)) {
    for (auto action = first; action; action = next_action(line, action->end))
      if (sentence_has_reference(line.substr(action->begin, action->end - action->begin)))
        return true;
    return false;
  }
  for (std::size_t i = 0; i < line.size();) {
    std::size_t end = i;
    while (end < line.size() && terminator_at(line, end) == 0)
      ++end;
    if (end > i && sentence_has_reference(line.substr(i, end - i)))
      return true;
    i = end < line.size() ? end + terminator_at(line, end) : end;
  }
  return false;
}

bool match_commitlint_note(std::string_view line, std::string& title, std::string& text) {
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '|' || line[i] == '*') {
      ++i;
      continue;
    }
    const std::size_t n = space_at(line, i);
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
    const std::size_t n = space_at(line, j);
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
