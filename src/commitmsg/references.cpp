// conventional-commits-parser 6.4's parseReferences, reduced to the question the
// parser asks of each line: does it hold a reference? Hand-written scans instead
// of its regular expressions, which backtrack badly on long lines, each
// following the regular expression it replaces.
#include "commitmsg/references.hpp"

#include "commitmsg/text.hpp"

#include <optional>

namespace preflight::commitmsg {
namespace {

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
      while (t < line.size() && js_space_at(line, t) != 0)
        t += js_space_at(line, t);
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
        sentence[j] == ']' || js_space_at(sentence, j) != 0)
      return true;
  }
  return false;
}

} // namespace

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

} // namespace preflight::commitmsg
