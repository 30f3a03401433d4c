// Helpers shared by the rule implementations (rules_header.cpp, rules_body.cpp).
// Internal to src/commitmsg.
#pragma once

#include "commitmsg/rules.hpp"
#include "commitmsg/text.hpp"

#include <string>
#include <string_view>

namespace preflight::commitmsg::detail {

// commitlint's `when`: "always" keeps the condition, "never" inverts it.
inline bool holds(const RuleSetting& setting, bool condition) {
  return setting.when == When::always ? condition : !condition;
}

// "must" or "may not", as commitlint words its messages.
inline std::string_view must(const RuleSetting& setting) {
  return setting.when == When::always ? "must" : "may not";
}
inline std::string_view must_not(const RuleSetting& setting) {
  return setting.when == When::always ? "must not" : "must";
}

// A violation with the caret on header bytes [begin, end).
Violation on_header(const RuleInput& input, std::string message, std::size_t begin,
                    std::size_t end);

// A violation with the caret on bytes [begin, end) of a message line.
Violation on_line(const Line& line, std::string message, std::size_t begin, std::size_t end);

// The byte offset in text after the first `count` units; text.size() if shorter.
std::size_t offset_after(std::string_view text, std::size_t count, LengthUnit unit);

// "[a, b, c]"
std::string bracket_list(const std::vector<std::string>& items);

// commitlint's case rules: a value is one case or a list; with several, the
// text passes when it satisfies any of them.
bool matches_any_case(std::string_view text, const RuleValue& value);

// The last code point of text as a string ("" when empty).
std::string last_char(std::string_view text);

// True when line holds an http(s) URL at a word boundary (/\bhttps?:\/\/\S+/).
bool has_url(std::string_view line);

// Splits a scope on the given delimiters (default "/", "\" and ",", with an
// optional space after ",").
std::vector<std::string> scope_segments(std::string_view scope,
                                        const std::vector<std::string>& delimiters);

} // namespace preflight::commitmsg::detail

namespace preflight::commitmsg::detail {

// The rows each rules file contributes to rule_table().
std::span<const RuleDef> header_rules();
std::span<const RuleDef> body_rules();

} // namespace preflight::commitmsg::detail
