// The command line as data: every subcommand of `preflight` with its options,
// read from the CLI11 apps that the command table's setup functions build.
// Shell completions and the man page are generated from it, so that they list
// exactly what the parser accepts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace preflight::cli {

struct OptionInfo {
  std::vector<std::string> names; // "--color", "-q" (positionals: empty)
  std::string label;              // the positional's name, or the value's ("TEXT:{a,b}")
  std::string doc;
  bool takes_value = false;
  // What the value may be: a fixed list (IsMember), hook names, check ids; empty:
  // anything (completed as a file name).
  std::vector<std::string> values;
};

struct CommandInfo {
  std::string name; // "" for preflight itself
  std::string summary;
  std::vector<OptionInfo> options;
  std::vector<OptionInfo> positionals;
  std::vector<CommandInfo> subcommands;
};

// preflight with every subcommand of the table, recursively.
CommandInfo command_model();

// The ids SKIP= takes for built-in checks and commit-msg rules.
std::vector<std::string> skip_ids();

// Whether name is a plain id ([A-Za-z0-9][A-Za-z0-9._-]*, at most 100 bytes):
// the only names from a repository that completions put on a command line.
bool plain_id(std::string_view name);

// skip_ids() and the names of the commands and post-checkout actions in the
// rules of the repository at the current folder (read, never run), plain ids
// only: what `preflight completion --skip-ids` prints for the shells.
std::vector<std::string> skip_ids_here();

// Generated text: a completion script for bash, zsh or fish, and the man page
// preflight(1) in roff, one section per subcommand.
std::string completion_script(const CommandInfo& root, const std::string& shell);
std::string man_page(const CommandInfo& root);

} // namespace preflight::cli
