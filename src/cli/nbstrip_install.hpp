// nbstripout's git set-up options for `preflight nbstrip`: --install,
// --uninstall, --is-installed and --status, with nbstripout 0.9.1's meanings
// and exit codes (0 done / installed, 1 failed / not installed), on preflight's
// own notebook filter: --install sets up exactly what `preflight install` sets
// up for notebooks (install/notebook_filter.hpp), in the repository or, with
// --global / --system, in the user's / the system's git config, and writes the
// attributes line to --attributes FILE when given.
#pragma once

#include "cli/command.hpp"
#include "install/notebook_filter.hpp"

#include <filesystem>
#include <optional>

namespace preflight::cli {

enum class NbstripTask { install, uninstall, is_installed, status };

struct NbstripSetup {
  NbstripTask task = NbstripTask::install;
  install::FilterPlace place;
  // --python PATH: the program written into the filter commands instead of
  // this binary's path (nbstripout writes the interpreter there).
  std::optional<std::filesystem::path> program;
};

// Runs the task in the current folder's repository (none is needed with
// --global or --system). Errors are printed; the exit code is nbstripout's.
Exit run_nbstrip_setup(const NbstripSetup& setup);

} // namespace preflight::cli
