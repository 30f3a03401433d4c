// Rules-file keys of the commit-msg hook (commit_msg.*). The section row and
// commit_msg.enabled live in keys_core.cpp. The defaults equal rules/conventional.yaml,
// so a rules file that extends nothing still gets commitlint's config-conventional.
#include "commitmsg/rules.hpp"
#include "commitmsg/settings.hpp"
#include "config/diagnostics.hpp"
#include "config/schema.hpp"

#include <vector>

namespace preflight::config {
namespace {

constexpr std::string_view k_cleanup[] = {"comments", "strip", "scissors", "whitespace",
                                          "verbatim"};
constexpr std::string_view k_parser[] = {"commitlint", "spec"};
constexpr std::string_view k_units[] = {"utf16", "codepoint", "byte"};
constexpr std::string_view k_empty[] = {"ok", "error"};
const std::string_view k_utf8[] = {"replace", "error"};
constexpr std::string_view k_control[] = {"allow", "error"};
constexpr std::string_view k_scope[] = {"any_line", "header"};

constexpr std::string_view k_conventional_rules =
    "{body-leading-blank: [warning, always], body-max-line-length: [error, always, 100], "
    "footer-leading-blank: [warning, always], footer-max-line-length: [error, always, 100], "
    "header-max-length: [error, always, 100], header-trim: [error, always], "
    "subject-case: [error, never, [sentence-case, start-case, pascal-case, upper-case]], "
    "subject-empty: [error, never], subject-full-stop: [error, never, '.'], "
    "type-case: [error, always, lower-case], type-empty: [error, never], "
    "type-enum: [error, always, [build, chore, ci, docs, feat, fix, perf, refactor, revert, "
    "style, test]]}";

void validate_rule(std::string_view name, const YAML::Node& value, Diagnostics& diags) {
  commitmsg::read_rule_setting(name, value, &diags);
}

std::span<const std::string_view> rule_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& rule : commitmsg::rule_table())
      out.push_back(rule.name);
    return out;
  }();
  return names;
}

} // namespace

std::span<const KeyDef> commit_msg_keys() {
  static const std::vector<KeyDef> keys = {
      {"commit_msg.cleanup", ValueType::choice, "comments",
       "Lines removed before linting: comments (comment lines and the scissors tail, as "
       "commitlint --edit), or git's strip, scissors, whitespace, verbatim.",
       k_cleanup},
      {"commit_msg.comment_char", ValueType::string, "auto",
       "Comment string: auto (git's core.commentChar, default \"#\"), none, or the string."},
      {"commit_msg.parser", ValueType::choice, "commitlint",
       "How to read the message: commitlint (conventional-commits-parser) or spec (strict "
       "Conventional Commits 1.0.0).",
       k_parser},
      {"commit_msg.length_unit", ValueType::choice, "utf16",
       "How lengths count: utf16 (commitlint), codepoint or byte.", k_units},
      {"commit_msg.empty_message", ValueType::choice, "ok",
       "A message with nothing left after cleanup: ok (commitlint) or error.", k_empty},
      {"commit_msg.invalid_utf8", ValueType::choice, "replace",
       "Invalid UTF-8: replace (lint with U+FFFD, as commitlint) or error.", k_utf8},
      {"commit_msg.control_chars", ValueType::choice, "allow",
       "NUL bytes and lone carriage returns: allow or error.", k_control},
      {"commit_msg.strict", ValueType::boolean, "false", "Warnings block the commit too."},
      {"commit_msg.ignore", ValueType::section, "", "Messages that are not linted."},
      {"commit_msg.ignore.defaults", ValueType::boolean, "true",
       "Skip commitlint's default ignores: merges, reverts, fixup!/squash!/amend!, versions."},
      {"commit_msg.ignore.scope", ValueType::choice, "any_line",
       "Where the merge ignores match: any_line (commitlint) or header.", k_scope},
      {"commit_msg.ignore.patterns", ValueType::string_list, "[]",
       "Also skip messages whose header matches one of these globs (\"*\" and \"?\")."},
      {"commit_msg.rules",
       ValueType::named_map,
       k_conventional_rules,
       "Rules by commitlint name: a level, [level, when, value] or {level, when, value}.",
       {},
       rule_names(),
       validate_rule},
  };
  return keys;
}

} // namespace preflight::config
