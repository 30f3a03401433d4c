// The rule table: every commitlint rule (same names, same [level, when, value]
// semantics, same quirks) plus a few that read the Conventional Commits spec
// strictly (header-format, subject-leading-space, footer-token-format,
// breaking-change-token-case).
#pragma once

#include "commitmsg/message.hpp"
#include "commitmsg/parser.hpp"
#include "commitmsg/settings.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace preflight::commitmsg {

// The shape of a rule's value, for validation.
enum class ValueKind {
  none,    // no value
  integer, // a length
  text,    // a string (a full stop, a trailer token)
  strings, // a list of strings (types; a single string is a one-item list)
  cases,   // a case name or a list of them (lower-case, sentence-case, ...)
  scopes,  // a list of scopes, or {scopes: [...], delimiters: [...]}
};

// What the rule needs to look at.
struct RuleInput {
  const Commit& commit;
  const Message& message;
  LengthUnit unit;
};

// A failed rule: the message, and where to put the caret.
struct Violation {
  std::string message;
  int line = 0;          // 1-based line in the message file; 0 = the header
  std::string line_text; // the line shown with the caret (the header when line is 0)
  std::size_t begin = 0; // byte range of the problem in line_text
  std::size_t end = 0;
  std::string note; // extra detail after the caret (allowed values, suggestion)
};

using RuleFn = std::optional<Violation> (*)(const RuleInput& input, const RuleSetting& setting);

struct RuleDef {
  std::string_view name;
  When default_when;
  ValueKind kind;
  std::string_view default_value; // YAML text; empty when the rule takes no value
  std::string_view summary;
  RuleFn check;
};

// Every rule, sorted by name.
std::span<const RuleDef> rule_table();
const RuleDef* find_rule(std::string_view name);

} // namespace preflight::commitmsg
