// Team commands as the rules file declares them (`<hook>.commands`), read and
// checked once per hook run. See src/config/keys_commands.cpp for the keys.
#pragma once

#include "checks/check.hpp"
#include "config/config.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace preflight::commands {

struct CommandSpec {
  std::string name;
  std::vector<std::string> argv; // the program and its arguments (shell form: sh -c ...)
  bool shell = false;            // run was one string: argv is {sh, -c, script, name}
  std::vector<std::string> glob; // empty: every file
  std::vector<std::string> exclude;
  bool pass_files = true;
  std::string root; // "" or "sub/dir" (normalised, no trailing slash)
  std::chrono::seconds timeout{0};
  std::vector<std::pair<std::string, std::string>> env;
  bool stage_fixed = false;
  bool fail_on_changes = true;
  bool read_only = false;
  bool required = false;
  std::string source; // the rules file it came from (".preflight.yaml", ...)
};

// "pre_commit", "commit_msg", "pre_push"; nullopt for hooks without commands.
std::optional<std::string> commands_section(checks::Hook hook);

// The hook's commands, in order. Throws Error(Exit::usage) listing every
// problem with its location (missing name or run, duplicate names, a root that
// leaves the repository).
std::vector<CommandSpec> read_commands(const config::Config& rules, checks::Hook hook);

// The commands of `<section>.commands` ("post_merge", ...), read as above.
std::vector<CommandSpec> read_commands(const config::Config& rules, const std::string& section);

} // namespace preflight::commands
