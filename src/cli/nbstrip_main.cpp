// `preflight nbstrip` is what git's textconv and scripts start once per
// notebook, where process start-up is most of the time for small notebooks.
// main() otherwise sets up every subcommand's options before parsing; this
// sets up nbstrip's alone, with the same setup function, the same top-level
// App settings and the same error handling as main.cpp, so options, outputs,
// errors and exit codes are the same. Command lines where the other
// subcommands could matter (help, another command's name as an argument)
// take the full path.
#include "cli/nbstrip_main.hpp"

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "report/output.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>

namespace preflight::cli {

std::optional<int> nbstrip_fast_main(int argc, char** argv) {
  if (argc < 2 || std::string_view(argv[1]) != "nbstrip")
    return std::nullopt;
  const Command* nbstrip = nullptr;
  for (const Command& command : command_table())
    if (command.name == "nbstrip")
      nbstrip = &command;
  if (!nbstrip)
    return std::nullopt;
  for (int i = 2; i < argc; ++i) {
    std::string_view word = argv[i];
    if (word == "-h" || word == "--help" || word.starts_with("--help-") || word == "doctor")
      return std::nullopt;
    for (const Command& command : command_table())
      if (command.name == word)
        return std::nullopt;
  }

  bool color = report::use_color(stderr);
  CLI::App app{"preflight: Git hooks that check commits, messages, notebooks and pushes, and "
               "keep backups before resets.",
               "preflight"};
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions global;
  app.add_option("-C", global.directory, "Run as if started in this folder");
  app.add_option("--format", global.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  CLI::App* sub = app.add_subcommand(std::string(nbstrip->name), std::string(nbstrip->summary));
  Action action = nbstrip->setup(*sub, global);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(Exit::usage);
  }
  try {
    global.color = report::use_color(stdout);
    return static_cast<int>(action());
  } catch (const Error& e) {
    report::print_error(e.what(), color);
    return static_cast<int>(e.exit());
  } catch (const std::exception& e) {
    report::print_error(std::string("internal: ") + e.what(), color);
    return static_cast<int>(Exit::internal);
  }
}

} // namespace preflight::cli
