// Rules about the body, the footer and the message as a whole. commitlint
// reads body-leading-blank and footer-leading-blank from the raw text (comment
// lines included), which moves the check when the message starts with blank
// or comment lines; we do the same for parity.
#include "commitmsg/rules_impl.hpp"

#include <algorithm>

namespace preflight::commitmsg::detail {
namespace {

using Result = std::optional<Violation>;

const Line* first_line(const std::vector<Line>& lines) {
  return lines.empty() ? nullptr : &lines.front();
}

Violation at_line(const RuleInput& in, const Line* line, std::string message) {
  if (!line)
    return on_header(in, std::move(message), 0, 0);
  return on_line(*line, std::move(message), 0, line->text.size());
}

Result body_leading_blank(const RuleInput& in, const RuleSetting& s) {
  if (in.commit.body.empty())
    return std::nullopt;
  const auto& raw = in.message.raw_lines;
  const bool blank = raw.size() > 1 && raw[1].empty();
  if (holds(s, blank))
    return std::nullopt;
  return at_line(in, first_line(in.commit.body_lines),
                 std::string("body ") + std::string(must(s)) + " have leading blank line");
}

Result footer_leading_blank(const RuleInput& in, const RuleSetting& s) {
  if (in.commit.footer.empty())
    return std::nullopt;
  const auto& raw = in.message.raw_lines;
  const auto found = std::find(raw.begin(), raw.end(), in.commit.footer_lines.front().text);
  // rawLines.slice(indexOf(first footer line) - 1)[0], with JavaScript's
  // negative slice when the line is not found or is the first one.
  const auto len = static_cast<std::ptrdiff_t>(raw.size());
  std::ptrdiff_t k = (found == raw.end() ? -1 : found - raw.begin()) - 1;
  if (k < 0)
    k = std::max<std::ptrdiff_t>(len + k, 0);
  const bool blank = k < len && raw[static_cast<std::size_t>(k)].empty();
  if (holds(s, blank))
    return std::nullopt;
  return at_line(in, first_line(in.commit.footer_lines),
                 std::string("footer ") + std::string(must(s)) + " have leading blank line");
}

Result max_line_length(const RuleInput& in, const RuleSetting& s, const std::vector<Line>& lines,
                       std::string_view what) {
  const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(0, s.value.number));
  for (const Line& line : lines) {
    if (has_url(line.text) || text_length(line.text, in.unit) <= limit)
      continue;
    return on_line(line,
                   std::string(what) + "'s lines must not be longer than " +
                       std::to_string(s.value.number) + " characters (this one has " +
                       std::to_string(text_length(line.text, in.unit)) + ")",
                   offset_after(line.text, limit, in.unit), line.text.size());
  }
  return std::nullopt;
}

Result body_max_line_length(const RuleInput& in, const RuleSetting& s) {
  return max_line_length(in, s, in.commit.body_lines, "body");
}
Result footer_max_line_length(const RuleInput& in, const RuleSetting& s) {
  return max_line_length(in, s, in.commit.footer_lines, "footer");
}

Result empty_part(const RuleInput& in, const RuleSetting& s, const std::string& part,
                  const std::vector<Line>& lines, std::string_view what) {
  if (holds(s, part.empty()))
    return std::nullopt;
  return at_line(in, first_line(lines),
                 std::string(what) + (part.empty() ? " may not be empty" : " must be empty"));
}
Result body_empty(const RuleInput& in, const RuleSetting& s) {
  return empty_part(in, s, in.commit.body, in.commit.body_lines, "body");
}
Result footer_empty(const RuleInput& in, const RuleSetting& s) {
  return empty_part(in, s, in.commit.footer, in.commit.footer_lines, "footer");
}

Result length_part(const RuleInput& in, const RuleSetting& s, const std::string& part,
                   const std::vector<Line>& lines, std::string_view what, bool max) {
  if (part.empty())
    return std::nullopt;
  const std::size_t len = text_length(part, in.unit);
  const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(0, s.value.number));
  if (max ? len <= limit : len >= limit)
    return std::nullopt;
  return at_line(in, first_line(lines),
                 std::string(what) + " must not be " + (max ? "longer" : "shorter") + " than " +
                     std::to_string(s.value.number) + " characters, current length is " +
                     std::to_string(len));
}
Result body_max_length(const RuleInput& in, const RuleSetting& s) {
  return length_part(in, s, in.commit.body, in.commit.body_lines, "body", true);
}
Result body_min_length(const RuleInput& in, const RuleSetting& s) {
  return length_part(in, s, in.commit.body, in.commit.body_lines, "body", false);
}
Result footer_max_length(const RuleInput& in, const RuleSetting& s) {
  return length_part(in, s, in.commit.footer, in.commit.footer_lines, "footer", true);
}
Result footer_min_length(const RuleInput& in, const RuleSetting& s) {
  return length_part(in, s, in.commit.footer, in.commit.footer_lines, "footer", false);
}

Result body_case(const RuleInput& in, const RuleSetting& s) {
  if (in.commit.body.empty() || holds(s, matches_any_case(in.commit.body, s.value)))
    return std::nullopt;
  std::string cases;
  for (const auto& c : s.value.list)
    cases += (cases.empty() ? "" : ", ") + c;
  return at_line(in, first_line(in.commit.body_lines),
                 std::string("body ") + (s.when == When::always ? "must" : "must not") + " be " +
                     cases);
}

Result body_full_stop(const RuleInput& in, const RuleSetting& s) {
  if (in.commit.body.empty() || holds(s, last_char(in.commit.body) == s.value.text))
    return std::nullopt;
  const Line& last = in.commit.body_lines.back();
  return on_line(last, std::string("body ") + std::string(must(s)) + " end with full stop",
                 last.text.size() - last_char(last.text).size(), last.text.size());
}

Result references_empty(const RuleInput& in, const RuleSetting& s) {
  if (holds(s, in.commit.references == 0))
    return std::nullopt;
  return on_header(
      in, in.commit.references == 0 ? "references may not be empty" : "references must be empty", 0,
      0);
}

// "!" in the header if and only if a footer line starts with BREAKING CHANGE:.
Result breaking_change_exclamation_mark(const RuleInput& in, const RuleSetting& s) {
  bool footer_note = false;
  for (const Line& line : in.commit.footer_lines)
    footer_note = footer_note || line.text.starts_with("BREAKING CHANGE:") ||
                  line.text.starts_with("BREAKING-CHANGE:");
  if (holds(s, in.commit.bang == footer_note))
    return std::nullopt;
  return on_header(in,
                   in.commit.bang ? "a \"!\" in the header needs a \"BREAKING CHANGE:\" footer"
                                  : "a \"BREAKING CHANGE:\" footer needs a \"!\" in the header",
                   in.commit.type_span.end, in.commit.type_span.end + 1);
}

// The last paragraph of the message (its trailer block).
std::vector<const Line*> last_paragraph(const RuleInput& in) {
  std::vector<const Line*> block;
  const auto& lines = in.message.lines;
  for (std::size_t i = lines.size(); i-- > 0;) {
    if (js_trim(lines[i].text).empty()) {
      if (block.empty())
        continue;
      break;
    }
    if (lines[i].number == in.commit.header_line)
      break;
    block.insert(block.begin(), &lines[i]);
  }
  return block;
}

Result signed_off_by(const RuleInput& in, const RuleSetting& s) {
  const Line* last = nullptr;
  for (const Line& line : in.message.lines)
    if (!line.text.empty() && !line.text.starts_with("#"))
      last = &line;
  const bool signed_off = last && last->text.starts_with(s.value.text);
  if (holds(s, signed_off))
    return std::nullopt;
  return at_line(in, last,
                 std::string("message ") + std::string(must(s)) + " be signed off (a last line \"" +
                     s.value.text + " Name <email>\")");
}

Result trailer_exists(const RuleInput& in, const RuleSetting& s) {
  bool found = false;
  for (const Line* line : last_paragraph(in))
    found = found || line->text.starts_with(s.value.text);
  if (holds(s, found))
    return std::nullopt;
  return on_header(
      in, std::string("message ") + std::string(must(s)) + " have \"" + s.value.text + "\" trailer",
      0, 0);
}

// "Reviewed by: Z" in the trailer block: a token of up to three words.
Result footer_token_format(const RuleInput& in, const RuleSetting&) {
  for (const Line* line : last_paragraph(in)) {
    const std::string_view text = line->text;
    const std::size_t colon = text.find(": ");
    if (colon == std::string_view::npos || colon == 0 || spec_footer_token(text))
      continue;
    const std::string_view token = text.substr(0, colon);
    std::string title, note;
    if (match_commitlint_note(text, title, note))
      continue; // breaking-change-token-case's job
    int spaces = 0;
    bool wordy = true;
    for (const char c : token) {
      if (c == ' ')
        ++spaces;
      else if (!is_word_byte(c) && c != '-')
        wordy = false;
    }
    if (wordy && spaces >= 1 && spaces <= 2 && token.front() != ' ' && token.back() != ' ')
      return on_line(*line, "footer token must use \"-\" instead of spaces (\"Reviewed-by: Z\")", 0,
                     colon);
  }
  return std::nullopt;
}

Result breaking_change_token_case(const RuleInput& in, const RuleSetting&) {
  for (const Line& line : in.message.lines) {
    if (line.number == in.commit.header_line)
      continue;
    std::string title, text;
    if (!match_commitlint_note(line.text, title, text))
      continue;
    const std::size_t at = line.text.find(title);
    const bool colon = line.text.size() > at + 15 && line.text[at + 15] == ':';
    if (colon && at == 0 && title != "BREAKING CHANGE" && title != "BREAKING-CHANGE")
      return on_line(line, "breaking-change token must be upper case: \"BREAKING CHANGE:\"", at,
                     at + 15);
  }
  return std::nullopt;
}

constexpr RuleDef k_rules[] = {
    {"body-case", When::always, ValueKind::cases, "lower-case", "the body's case", body_case},
    {"body-empty", When::never, ValueKind::none, "", "a body is present", body_empty},
    {"body-full-stop", When::never, ValueKind::text, ".", "the body's last character",
     body_full_stop},
    {"body-leading-blank", When::always, ValueKind::none, "", "a blank line before the body",
     body_leading_blank},
    {"body-max-length", When::always, ValueKind::integer, "9007199254740991",
     "body length at most N", body_max_length},
    {"body-max-line-length", When::always, ValueKind::integer, "100",
     "body line length at most N (lines with a URL are exempt)", body_max_line_length},
    {"body-min-length", When::always, ValueKind::integer, "0", "body length at least N",
     body_min_length},
    {"breaking-change-exclamation-mark", When::always, ValueKind::none, "",
     "\"!\" in the header if and only if a BREAKING CHANGE footer",
     breaking_change_exclamation_mark},
    {"breaking-change-token-case", When::always, ValueKind::none, "",
     "\"BREAKING CHANGE:\" written in upper case", breaking_change_token_case},
    {"footer-empty", When::never, ValueKind::none, "", "a footer is present", footer_empty},
    {"footer-leading-blank", When::always, ValueKind::none, "", "a blank line before the footer",
     footer_leading_blank},
    {"footer-max-length", When::always, ValueKind::integer, "9007199254740991",
     "footer length at most N", footer_max_length},
    {"footer-max-line-length", When::always, ValueKind::integer, "100",
     "footer line length at most N (lines with a URL are exempt)", footer_max_line_length},
    {"footer-min-length", When::always, ValueKind::integer, "0", "footer length at least N",
     footer_min_length},
    {"footer-token-format", When::always, ValueKind::none, "",
     "footer tokens use \"-\" instead of spaces", footer_token_format},
    {"references-empty", When::never, ValueKind::none, "", "an issue reference is present",
     references_empty},
    {"signed-off-by", When::always, ValueKind::text, "'Signed-off-by:'",
     "the last line is a sign-off", signed_off_by},
    {"trailer-exists", When::always, ValueKind::text, "'Signed-off-by:'",
     "the trailer block has this trailer", trailer_exists},
};

} // namespace

std::span<const RuleDef> body_rules() {
  return k_rules;
}

} // namespace preflight::commitmsg::detail
