// preflight schema: the JSON Schema of the rules files (config/json_schema.hpp).
#include "cli/commands.hpp"
#include "config/json_schema.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>

namespace preflight::cli {

Action setup_schema(CLI::App& sub, const GlobalOptions&) {
  sub.footer("Editors with yaml-language-server check and complete a rules file whose first "
             "line is:\n  # yaml-language-server: $schema=/usr/share/preflight/"
             "preflight.schema.json\n(the package installs it there; or write it with "
             "`preflight schema > .preflight.schema.json` and name that file).");
  return [] {
    std::string text = config::json_schema();
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Exit::ok;
  };
}

} // namespace preflight::cli
