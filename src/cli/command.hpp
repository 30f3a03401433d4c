// How subcommands of `preflight` are declared. Each subcommand lives in
// src/cli/<name>.cpp and provides one setup function; the table in
// src/cli/commands.cpp lists them (see ninja's tool table).
#pragma once

#include "util/error.hpp"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace preflight::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::string format = "text"; // text | json
  std::string directory;       // -C DIR: run as if started in DIR
  bool color = false;          // decided once: a terminal and no NO_COLOR
  // The command-line words after the subcommand's name, as given (see
  // needed_options.hpp); just "--help" when help is asked for before it.
  std::vector<std::string_view> args;
};

// What setup returns: the action run after parsing succeeded.
using Action = std::function<Exit()>;

// Adds options to sub (already created with name and description) and returns
// the action that runs the subcommand. Options must be bound to storage the
// action captures (for example a shared_ptr to an options struct).
using SetupFn = Action (*)(CLI::App& sub, const GlobalOptions& global);

struct Command {
  std::string_view name;
  std::string_view summary;
  SetupFn setup;
};

std::span<const Command> command_table();

// The preflight command: parses argv and runs the subcommand it names.
int main(int argc, char** argv);

} // namespace preflight::cli
