// The notebooks.* rules-file section as typed settings.
#pragma once

#include "config/config.hpp"
#include "notebook/strip.hpp"

namespace preflight::notebook {

struct Settings {
  bool enabled = true;
  bool check_only = false; // notebooks.mode: check (block, do not rewrite)
  StripOptions strip;
};

// Reads notebooks.* from config (defaults come from the key table).
Settings settings_from_config(const config::Config& config);

} // namespace preflight::notebook
