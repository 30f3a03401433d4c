// A narrow start-up fast path for `preflight nbstrip ...` (see nbstrip_main.cpp).
#pragma once

#include <optional>

namespace preflight::cli {

// Runs `preflight nbstrip ...` with only the nbstrip subcommand set up, when
// argv[1] is "nbstrip" and nothing later could make the full command line
// parse differently (help, another command's name). nullopt: use the full
// command line.
std::optional<int> nbstrip_fast_main(int argc, char** argv);

} // namespace preflight::cli
