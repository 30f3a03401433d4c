// Rules about the header: header-*, type-*, scope-* and subject-*. Each
// follows commitlint's rule source (@commitlint/rules 20.x), including its
// quirks; docs/commit-msg.md lists them.
#include "commitmsg/rules_impl.hpp"

#include <algorithm>

namespace preflight::commitmsg::detail {
namespace {

using Result = std::optional<Violation>;

std::string count_message(std::string_view what, std::string_view relation, std::int64_t limit,
                          std::size_t length) {
  return std::string(what) + " must not be " + std::string(relation) + " than " +
         std::to_string(limit) + " characters, current length is " + std::to_string(length);
}

// A max-length or min-length check on one header part.
Result length_rule(const RuleInput& in, const RuleSetting& s,
                   const std::optional<std::string>& part, Span span, std::string_view what,
                   bool max) {
  if (!part || part->empty())
    return std::nullopt;
  const std::size_t len = text_length(*part, in.unit);
  const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(0, s.value.number));
  if (max ? len <= limit : len >= limit)
    return std::nullopt;
  const std::size_t from = max ? span.begin + offset_after(*part, limit, in.unit) : span.begin;
  return on_header(in, count_message(what, max ? "longer" : "shorter", s.value.number, len), from,
                   span.end);
}

Span whole(const Commit& c) {
  return {0, c.header.size()};
}

Result header_max_length(const RuleInput& in, const RuleSetting& s) {
  return length_rule(in, s, in.commit.header, whole(in.commit), "header", true);
}
Result header_min_length(const RuleInput& in, const RuleSetting& s) {
  const auto& h = in.commit.header;
  if (text_length(h, in.unit) >=
      static_cast<std::size_t>(std::max<std::int64_t>(0, s.value.number)))
    return std::nullopt;
  return on_header(in, count_message("header", "shorter", s.value.number, text_length(h, in.unit)),
                   0, h.size());
}

Result header_trim(const RuleInput& in, const RuleSetting&) {
  const std::string_view h = in.commit.header;
  const std::string_view t = js_trim(h);
  if (t.size() == h.size())
    return std::nullopt;
  const std::size_t lead = t.empty() ? h.size() : static_cast<std::size_t>(t.data() - h.data());
  const std::size_t tail = lead + t.size();
  if (lead > 0 && tail < h.size() && !t.empty())
    return on_header(in, "header must not be surrounded by whitespace", 0, h.size());
  if (lead > 0)
    return on_header(in, "header must not start with whitespace", 0, lead);
  return on_header(in, "header must not end with whitespace", tail, h.size());
}

std::string case_list(const RuleValue& v) {
  std::string out;
  for (const auto& c : v.list)
    out += (out.empty() ? "" : ", ") + c;
  return out;
}

// header-case, type-case, subject-case: the part must (not) be in one of the cases.
Result case_rule(const RuleInput& in, const RuleSetting& s, const std::optional<std::string>& part,
                 Span span, std::string_view what, bool letter_gate) {
  if (!part || part->empty())
    return std::nullopt;
  if (letter_gate) {
    std::size_t i = 0;
    if (!is_cased_letter(next_code_point(*part, i)))
      return std::nullopt; // commitlint only checks text that starts with a letter
  }
  if (holds(s, matches_any_case(*part, s.value)))
    return std::nullopt;
  const std::string verb = s.when == When::always ? " must be " : " must not be ";
  return on_header(in, std::string(what) + verb + case_list(s.value), span.begin,
                   std::min(span.end, span.begin + 1));
}

Result header_case(const RuleInput& in, const RuleSetting& s) {
  return case_rule(in, s, in.commit.header, whole(in.commit), "header", true);
}
Result type_case(const RuleInput& in, const RuleSetting& s) {
  return case_rule(in, s, in.commit.type, in.commit.type_span, "type", false);
}
Result subject_case(const RuleInput& in, const RuleSetting& s) {
  return case_rule(in, s, in.commit.subject, in.commit.subject_span, "subject", true);
}

Result header_full_stop(const RuleInput& in, const RuleSetting& s) {
  const auto& h = in.commit.header;
  if (holds(s, last_char(h) == s.value.text))
    return std::nullopt;
  const std::size_t at = h.size() - last_char(h).size();
  return on_header(in, std::string("header ") + std::string(must(s)) + " end with full stop", at,
                   h.size());
}

// type-empty, scope-empty, subject-empty ("never" = must not be empty).
Result empty_rule(const RuleInput& in, const RuleSetting& s, const std::optional<std::string>& part,
                  std::string_view what) {
  const bool present = part && !part->empty();
  if (holds(s, !present))
    return std::nullopt;
  const std::string_view h = in.commit.header;
  std::string message = std::string(what) + (present ? " must be empty" : " may not be empty");
  if (!in.commit.type && in.commit.header_problem.has_value() == false && what == "type")
    message += " (the header is not \"type(scope): subject\")";
  const std::size_t at = what == "subject" && in.commit.subject ? in.commit.subject_span.begin : 0;
  return on_header(in, std::move(message), std::min(at, h.size()),
                   std::min(at + 1, std::max<std::size_t>(h.size(), 1)));
}

Result type_empty(const RuleInput& in, const RuleSetting& s) {
  return empty_rule(in, s, in.commit.type, "type");
}
Result scope_empty(const RuleInput& in, const RuleSetting& s) {
  return empty_rule(in, s, in.commit.scope, "scope");
}
Result subject_empty(const RuleInput& in, const RuleSetting& s) {
  return empty_rule(in, s, in.commit.subject, "subject");
}

// The closest allowed type, for "did you mean".
std::string suggestion(std::string_view type, const std::vector<std::string>& allowed) {
  if (type.size() > 64)
    return {};
  const std::string lower = to_lower(type);
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(1, type.size() / 3) + 1;
  for (const auto& candidate : allowed) {
    const std::size_t d = candidate == lower ? 0 : edit_distance(lower, to_lower(candidate));
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

Result type_enum(const RuleInput& in, const RuleSetting& s) {
  const auto& type = in.commit.type;
  if (!type || type->empty())
    return std::nullopt;
  const auto& list = s.value.list;
  if (holds(s, std::find(list.begin(), list.end(), *type) != list.end()))
    return std::nullopt;
  std::string message = std::string("type ") + (s.when == When::always ? "must" : "must not") +
                        " be one of " + bracket_list(list);
  if (s.when == When::always)
    if (const std::string best = suggestion(*type, list); !best.empty())
      message += " (did you mean \"" + best + "\"?)";
  return on_header(in, std::move(message), in.commit.type_span.begin, in.commit.type_span.end);
}

Result type_max_length(const RuleInput& in, const RuleSetting& s) {
  return length_rule(in, s, in.commit.type, in.commit.type_span, "type", true);
}
Result type_min_length(const RuleInput& in, const RuleSetting& s) {
  return length_rule(in, s, in.commit.type, in.commit.type_span, "type", false);
}
Result scope_max_length(const RuleInput& in, const RuleSetting& s) {
  return length_rule(in, s, in.commit.scope, in.commit.scope_span, "scope", true);
}
Result scope_min_length(const RuleInput& in, const RuleSetting& s) {
  return length_rule(in, s, in.commit.scope, in.commit.scope_span, "scope", false);
}
Result subject_max_length(const RuleInput& in, const RuleSetting& s) {
  return length_rule(in, s, in.commit.subject, in.commit.subject_span, "subject", true);
}
Result subject_min_length(const RuleInput& in, const RuleSetting& s) {
  return length_rule(in, s, in.commit.subject, in.commit.subject_span, "subject", false);
}

Result scope_enum(const RuleInput& in, const RuleSetting& s) {
  const auto& scope = in.commit.scope;
  const auto& list = s.value.list;
  if (!scope || scope->empty() || list.empty())
    return std::nullopt;
  const auto segments = scope_segments(*scope, s.value.delimiters);
  auto allowed = [&](const std::string& seg) {
    return std::find(list.begin(), list.end(), seg) != list.end();
  };
  const bool ok = s.when == When::always ? std::all_of(segments.begin(), segments.end(), allowed)
                                         : std::none_of(segments.begin(), segments.end(), allowed);
  if (ok)
    return std::nullopt;
  std::string message = std::string("scope ") + (s.when == When::always ? "must" : "must not") +
                        " be one of " + bracket_list(list);
  if (s.when == When::always && segments.size() == 1)
    if (const std::string best = suggestion(*scope, list); !best.empty())
      message += " (did you mean \"" + best + "\"?)";
  return on_header(in, std::move(message), in.commit.scope_span.begin, in.commit.scope_span.end);
}

Result scope_case(const RuleInput& in, const RuleSetting& s) {
  const auto& scope = in.commit.scope;
  if (!scope || scope->empty())
    return std::nullopt;
  for (const auto& segment : scope_segments(*scope, s.value.delimiters)) {
    if (!holds(s, matches_any_case(segment, s.value)))
      return on_header(in,
                       std::string("scope ") + (s.when == When::always ? "must" : "must not") +
                           " be " + case_list(s.value),
                       in.commit.scope_span.begin, in.commit.scope_span.end);
  }
  return std::nullopt;
}

// Delimiters are runs of punctuation (and spaces) between scope words.
Result scope_delimiter_style(const RuleInput& in, const RuleSetting& s) {
  const auto& scope = in.commit.scope;
  if (!scope)
    return std::nullopt;
  const std::string_view text = *scope;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const bool delim = c == '/' || c == '\\' || c == ',' || c == ';' || c == '|' || c == '+' ||
                       c == '&' || c == ':' || c == ' ';
    if (!delim) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() &&
           (text[j] == '/' || text[j] == '\\' || text[j] == ',' || text[j] == ';' ||
            text[j] == '|' || text[j] == '+' || text[j] == '&' || text[j] == ':' || text[j] == ' '))
      ++j;
    std::string run(text.substr(i, j - i));
    std::string core = run;
    core.erase(std::remove(core.begin(), core.end(), ' '), core.end());
    if (core.empty())
      core = " ";
    const auto& list = s.value.list;
    if (!holds(s, std::find(list.begin(), list.end(), core) != list.end()))
      return on_header(in, "scope delimiters must be one of " + bracket_list(list),
                       in.commit.scope_span.begin + i, in.commit.scope_span.begin + j);
    i = j;
  }
  return std::nullopt;
}

// commitlint looks at the last character of the whole header, exempts "...",
// and skips headers that end right after their first ":".
Result subject_full_stop(const RuleInput& in, const RuleSetting& s) {
  const std::string_view h = in.commit.header;
  const std::size_t colon = h.find(':');
  if (colon != std::string_view::npos && colon > 0 && colon == h.size() - 1)
    return std::nullopt;
  bool stop = last_char(h) == s.value.text;
  if (h.size() >= 3 && h.substr(h.size() - 3) == "...")
    stop = false;
  if (holds(s, stop))
    return std::nullopt;
  const std::size_t at = h.size() - last_char(h).size();
  return on_header(in, std::string("subject ") + std::string(must(s)) + " end with full stop", at,
                   h.size());
}

Result subject_exclamation_mark(const RuleInput& in, const RuleSetting& s) {
  const std::size_t at = in.commit.header.find("!:");
  if (holds(s, at != std::string::npos))
    return std::nullopt;
  return on_header(in,
                   std::string("subject ") + std::string(must(s)) +
                       " have an exclamation mark in the subject to identify a breaking change",
                   at == std::string::npos ? 0 : at, at == std::string::npos ? 0 : at + 1);
}

Result header_format(const RuleInput& in, const RuleSetting&) {
  const Commit& c = in.commit;
  if (c.header_problem)
    return on_header(in, "header is not \"type(scope): description\": " + *c.header_problem,
                     c.header_problem_at, c.header_problem_at + 1);
  if (!c.type)
    return on_header(in, "header is not \"type(scope): description\"", 0, 1);
  return std::nullopt;
}

Result subject_leading_space(const RuleInput& in, const RuleSetting&) {
  const auto& subject = in.commit.subject;
  if (!subject || subject->empty() || js_trim(*subject).size() == subject->size() ||
      js_trim(*subject).data() == subject->data())
    return std::nullopt;
  const std::size_t begin = in.commit.subject_span.begin;
  return on_header(in, "description must follow \": \" directly, without more whitespace", begin,
                   begin + static_cast<std::size_t>(js_trim(*subject).data() - subject->data()));
}

constexpr RuleDef k_rules[] = {
    {"header-case", When::always, ValueKind::cases, "lower-case", "the header's case", header_case},
    {"header-format", When::always, ValueKind::none, "",
     "the header is \"type(scope)!: description\"", header_format},
    {"header-full-stop", When::never, ValueKind::text, ".", "the header's last character",
     header_full_stop},
    {"header-max-length", When::always, ValueKind::integer, "100", "header length at most N",
     header_max_length},
    {"header-min-length", When::always, ValueKind::integer, "0", "header length at least N",
     header_min_length},
    {"header-trim", When::always, ValueKind::none, "", "no whitespace around the header",
     header_trim},
    {"scope-case", When::always, ValueKind::cases, "lower-case", "the scope's case", scope_case},
    {"scope-delimiter-style", When::always, ValueKind::strings, "[\"/\", \"\\\\\", \",\"]",
     "delimiters between scopes", scope_delimiter_style},
    {"scope-empty", When::never, ValueKind::none, "", "a scope is present", scope_empty},
    {"scope-enum", When::always, ValueKind::scopes, "[]", "the allowed scopes", scope_enum},
    {"scope-max-length", When::always, ValueKind::integer, "9007199254740991",
     "scope length at most N", scope_max_length},
    {"scope-min-length", When::always, ValueKind::integer, "0", "scope length at least N",
     scope_min_length},
    {"subject-case", When::never, ValueKind::cases,
     "[sentence-case, start-case, pascal-case, upper-case]", "the subject's case", subject_case},
    {"subject-empty", When::never, ValueKind::none, "", "a subject is present", subject_empty},
    {"subject-exclamation-mark", When::never, ValueKind::none, "", "\"!\" before \":\"",
     subject_exclamation_mark},
    {"subject-full-stop", When::never, ValueKind::text, ".", "the header ends with a full stop",
     subject_full_stop},
    {"subject-leading-space", When::always, ValueKind::none, "",
     "exactly one space between \":\" and the description", subject_leading_space},
    {"subject-max-length", When::always, ValueKind::integer, "9007199254740991",
     "subject length at most N", subject_max_length},
    {"subject-min-length", When::always, ValueKind::integer, "0", "subject length at least N",
     subject_min_length},
    {"type-case", When::always, ValueKind::cases, "lower-case", "the type's case", type_case},
    {"type-empty", When::never, ValueKind::none, "", "a type is present", type_empty},
    {"type-enum", When::always, ValueKind::strings, "[]", "the allowed types", type_enum},
    {"type-max-length", When::always, ValueKind::integer, "9007199254740991",
     "type length at most N", type_max_length},
    {"type-min-length", When::always, ValueKind::integer, "0", "type length at least N",
     type_min_length},
};

} // namespace

std::span<const RuleDef> header_rules() {
  return k_rules;
}

} // namespace preflight::commitmsg::detail
