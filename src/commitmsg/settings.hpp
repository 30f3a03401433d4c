// The typed settings of the commit-msg rules: how the message is read, what is
// ignored, and each rule's [level, when, value] as commitlint spells it.
//
// A rule setting in YAML is commitlint's triple `[level, when, value]`, a map
// `{level:, when:, value:}` (when and value optional), or a bare level
// (error | warning | warn | off, or 2 | 1 | 0). Missing parts take the rule's
// own defaults (see rules.hpp).
#pragma once

#include "commitmsg/ignores.hpp"
#include "commitmsg/message.hpp"
#include "commitmsg/parser.hpp"
#include "commitmsg/text.hpp"
#include "config/config.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::config {
class Diagnostics;
}

namespace preflight::commitmsg {

using config::Level;

enum class When { always, never };

// A rule's value; which member is used depends on the rule's ValueKind.
struct RuleValue {
  std::int64_t number = 0;
  std::string text;
  std::vector<std::string> list;       // types, scopes, cases, delimiters
  std::vector<std::string> delimiters; // scope-enum / scope-case {delimiters: [...]}
};

struct RuleSetting {
  Level level = Level::off;
  When when = When::always;
  RuleValue value;
  Location source; // where it was set; empty for built-in defaults
};

// Every rule's setting, off ones included, by name (rule_table() order). The
// names are the rule table's, so building it allocates no strings.
class RuleSettings {
public:
  struct Entry {
    std::string_view first; // the rule's name
    RuleSetting second;
  };
  using iterator = std::vector<Entry>::iterator;
  using const_iterator = std::vector<Entry>::const_iterator;

  // Every rule at its built-in default value, all off.
  RuleSettings();

  iterator find(std::string_view name);
  const_iterator find(std::string_view name) const;
  // Throws std::out_of_range for a name that is no rule.
  RuleSetting& at(std::string_view name);
  const RuleSetting& at(std::string_view name) const;
  RuleSetting& operator[](std::string_view name) { return at(name); }
  std::size_t size() const { return m_entries.size(); }
  iterator begin() { return m_entries.begin(); }
  iterator end() { return m_entries.end(); }
  const_iterator begin() const { return m_entries.begin(); }
  const_iterator end() const { return m_entries.end(); }

private:
  std::vector<Entry> m_entries;
};

struct Settings {
  Cleanup cleanup = Cleanup::comments;
  std::string comment_char = "auto"; // auto | none | the comment string
  ParserMode parser = ParserMode::commitlint;
  LengthUnit length_unit = LengthUnit::utf16;
  bool empty_is_error = false;      // empty_message: error | ok
  bool invalid_utf8_error = false;  // invalid_utf8: error | replace
  bool control_chars_error = false; // control_chars: error | allow
  bool ignore_defaults = true;
  IgnoreScope ignore_scope = IgnoreScope::any_line;
  std::vector<std::string> ignore_patterns; // globs matched against the header
  bool strict = false;                      // warnings block too
  RuleSettings rules;                       // every rule, off ones included
};

// Reads one rule setting for rule name. Problems go to diags when it is not
// null (located at the offending node); returns nullopt when unusable.
std::optional<RuleSetting> read_rule_setting(std::string_view name, const YAML::Node& node,
                                             config::Diagnostics* diags);

// The rule settings with every rule at its built-in default value, all off.
Settings all_rules_off();

// The typed settings from effective rules (keys under commit_msg).
Settings settings_from(const config::Config& config);

// Settings from the text of a rules file: the key defaults, then, in order,
// the shipped rule sets it names under `extends` (through resources), then its
// own commit_msg keys. For tests and the fuzzer; throws Error(Exit::usage) on
// problems.
Settings settings_from_yaml(std::string_view text);

} // namespace preflight::commitmsg
