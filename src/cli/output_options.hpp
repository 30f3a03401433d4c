// The options of `preflight` itself that shape its output and its first steps:
// --version, --color, -q/--quiet, -v/--verbose, and `help [COMMAND]`.
#pragma once

#include <vector>

namespace CLI {
class App;
}

namespace preflight::cli {

struct GlobalOptions;

// What `preflight --help` says first, and the man page's NAME line.
inline constexpr const char* k_app_description =
    "preflight: Git hooks that check commits, messages, notebooks and pushes, and keep backups "
    "before resets.";

// argv with `help [COMMAND]` (after any global options) turned into
// `[COMMAND] --help`.
std::vector<char*> help_to_flag(int argc, char** argv);

// Handles what must be settled before the command table is built: --version
// before the subcommand (prints "preflight VERSION", returns 0), and
// --color/-q/-v before it (applied at once, so that early errors follow them;
// a bad --color value prints the error and returns 2). Otherwise returns -1.
int early_options(int argc, char** argv);

// Adds -C, --format, --version, --color, -q and -v to app.
void add_global_options(CLI::App& app, GlobalOptions& global);

// Applies what add_output_options parsed (options after the subcommand's name
// come through fallthrough) to report::set_color_mode and set_verbosity.
void apply_output_options();

} // namespace preflight::cli
