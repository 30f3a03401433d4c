// What the readers of src/migrate/ share: located YAML parsing, hook names as
// rules sections, words of a command line, and regular expressions or globs
// as gitignore patterns.
#pragma once

#include "migrate/migrate.hpp"

#include <optional>
#include <string>
#include <vector>

namespace YAML {
class Node;
}

namespace preflight::migrate {

// Parses text; throws Error(Exit::usage) "file:line:column: message".
YAML::Node parse_yaml(const std::string& file, const std::string& text);

// "file:line" of node (1-based).
std::string where(const std::string& file, const YAML::Node& node);

// The rules section that holds a git hook's commands ("pre-commit" ->
// "pre_commit", "post-merge" -> "post_merge"), or "" for a hook whose commands
// preflight does not run (post-checkout, server hooks, unknown names).
std::string section_of_hook(const std::string& hook);

// Whether commands of section get files (glob, exclude, stage_fixed apply).
bool is_file_section(const std::string& section);

// The words of a command line as POSIX sh would split it (quotes and
// backslashes; no expansions), or nullopt for unbalanced quotes.
std::optional<std::vector<std::string>> split_words(const std::string& text);

// gitignore patterns matching the paths a pre-commit regex (re.search on the
// repository-relative path) matches, for the simple shapes ("\.py$",
// "^docs/", "^(a|b)/.*\.md$"); nullopt for anything else.
std::optional<std::vector<std::string>> globs_of_regex(const std::string& regex);

// A glob with {a,b} alternatives as several globs without them.
std::vector<std::string> expand_braces(const std::string& glob);

std::string join(const std::vector<std::string>& items, const std::string& separator);

// nbstripout's command-line options (--keep-output, --extra-keys "a b", ...)
// as notebooks.* settings from origin; options with no equivalent are lost.
void notebook_settings(const std::vector<std::string>& args, const std::string& origin,
                       const std::string& source, Migration& out);

} // namespace preflight::migrate
