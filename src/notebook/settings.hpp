// The notebooks.* rules-file section as typed settings.
#pragma once

#include "config/config.hpp"
#include "notebook/strip.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::notebook {

struct Settings {
  bool enabled = true;
  bool check_only = false;    // notebooks.mode: check (block, do not rewrite)
  bool diff_textconv = false; // notebooks.diff_textconv: git diff's textconv set up too
  StripOptions strip;
  std::uint64_t output_cache_max_size = 0; // notebooks.output_cache.max_size; 0: off
};

// Reads notebooks.* from config (defaults come from the key table).
Settings settings_from_config(const config::Config& config);

// nbstripout's own git config keys, honoured so that a repository set up for
// nbstripout keeps its settings: the words of filter.nbstripout.extrakeys are
// added to strip.extra_keys and those of filter.nbstripout.keepmetadatakeys to
// strip.keep_metadata_keys (a union with notebooks.* or the command line's
// flags, as nbstripout adds its flags to them). config reads a git config key.
// The words of a space-separated option value, as Python's str.split() gives them.
std::vector<std::string> split_words(std::string_view text);

using GitConfigLookup = std::function<std::optional<std::string>(std::string_view key)>;
void add_nbstripout_git_keys(StripOptions& strip, const GitConfigLookup& config);

// Whether the pre-commit check and the clean filter strip this path: .ipynb
// files in jupyter mode (the attributes route only those to the filter).
bool is_notebook_path(std::string_view path);

// "path:line:column: message" (or "path: byte N: message", or "path: message")
// for a notebook that could not be stripped, as the hook and the filter print it.
std::string describe_failure(std::string_view path, const Failure& failure);

} // namespace preflight::notebook
