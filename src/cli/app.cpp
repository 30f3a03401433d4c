// preflight: the command people type. Parses the command line, then runs one
// subcommand from the table in commands.cpp. (In the library, compiled with
// the other files that include CLI11: see CMakeLists.txt.)
#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "cli/output_options.hpp"
#include "report/output.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <vector>

namespace preflight::cli {

int main(int argc, char** argv) {
  // `preflight hook NAME ARGS...` passes git's arguments through untouched.
  if (argc >= 3 && std::string_view(argv[1]) == "hook" && std::string_view(argv[2]) != "-h" &&
      std::string_view(argv[2]) != "--help")
    return run_hook_command(argc - 2, argv + 2);
  // `preflight help [COMMAND]` is `preflight [COMMAND] --help`; --version and
  // --color are settled before anything else is set up.
  std::vector<char*> words = help_to_flag(argc, argv);
  argc = static_cast<int>(words.size());
  argv = words.data();
  if (int code = early_options(argc, argv); code >= 0)
    return code;
  bool color = report::use_color(stderr);
  CLI::App app{k_app_description, "preflight"};
  app.require_subcommand(1);
  app.fallthrough();
  cli::GlobalOptions global;
  add_global_options(app, global);

  // 1. The subcommand named on the command line, with a "did you mean" for
  // typos. Only that one is built: setting up every subcommand's options in
  // CLI11 cost more than a whole hook run. Help before the name (or no name)
  // builds them all for the list.
  std::vector<std::string_view> names;
  for (const cli::Command& command : cli::command_table())
    names.push_back(command.name);
  names.push_back("doctor");
  std::string_view chosen;
  bool top_help = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    if (word == "-C" || word == "--format" || word == "--color") {
      ++i;
      continue;
    }
    if (word == "-h" || word == "--help")
      top_help = true;
    if (word.starts_with("-"))
      continue;
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      report::print_error("unknown command \"" + std::string(word) + "\"" +
                              did_you_mean_hint(word, names) +
                              "; run preflight --help for the list",
                          color);
      return static_cast<int>(Exit::usage);
    }
    chosen = word == "doctor" ? "status" : word;
    global.args.assign(argv + i + 1, argv + argc);
    break;
  }
  if (top_help)
    global.args = {"--help"}; // every option of every subcommand, for the help text
  std::vector<std::pair<CLI::App*, cli::Action>> actions;
  for (const cli::Command& command : cli::command_table()) {
    if (!chosen.empty() && !top_help && command.name != chosen)
      continue;
    CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    actions.emplace_back(sub, command.setup(*sub, global));
    if (command.name == "status")
      sub->alias("doctor");
  }

  // 2. Parse; CLI11 prints help and usage errors itself.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(Exit::usage);
  }

  // 3. Run the chosen subcommand; errors that stop it are caught here, once.
  try {
    if (!global.directory.empty() && ::chdir(global.directory.c_str()) != 0)
      throw Error("cannot change to " + global.directory + ": " + std::strerror(errno),
                  Exit::usage);
    apply_output_options();
    global.color = report::use_color(stdout);
    for (auto& [sub, action] : actions)
      if (sub->parsed())
        return static_cast<int>(action());
  } catch (const Error& e) {
    report::print_error(e.what(), color);
    return static_cast<int>(e.exit());
  } catch (const std::exception& e) {
    report::print_error(std::string("internal: ") + e.what(), color);
    return static_cast<int>(Exit::internal);
  }
  return static_cast<int>(Exit::usage);
}

} // namespace preflight::cli
