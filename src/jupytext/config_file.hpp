// jupytext configuration files: only their `formats` option, which pairs
// notebooks without metadata (jupytext 1.16 config.py).
//
// Files, searched in the notebook's folder and then each parent up to the
// repository root (jupytext goes on to the file system root and global
// folders, which are not the repository's): jupytext, jupytext.toml,
// jupytext.yml, jupytext.yaml, jupytext.json and the same with a leading dot,
// then pyproject.toml when it has a [tool.jupytext] table. jupytext.py is not
// read (it is Python). `formats` may be a string ("ipynb,py:percent", groups
// separated by ";"), a list of such strings, or a map of folder prefix to
// format ({"notebooks/": "ipynb", "scripts/": "py:percent"}) or a list of maps.
//
// TOML is read by a small reader that understands what a formats value can be
// (strings, arrays, inline tables, [formats] / [[formats]] tables) and skips
// everything else; a file it cannot read is reported, never guessed.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::jupytext {

// The names of config files, in the order jupytext tries them in a folder.
std::span<const std::string_view> config_file_names();

inline constexpr std::string_view k_pyproject = "pyproject.toml";

// Configuration files are committed, so untrusted: larger ones are not read
// (nor loaded: callers read at most this many bytes and one more).
inline constexpr std::size_t k_max_config_bytes = 1 << 20;

struct ConfigFormats {
  bool found = false;              // the file configures jupytext (pyproject: has the table)
  std::vector<std::string> groups; // paired format groups, each "ipynb,py:percent"
};

// Reads the formats option of the config file called name (its file name,
// which tells TOML from YAML and JSON). nullopt with error when unreadable.
std::optional<ConfigFormats> read_config_formats(std::string_view name, std::string_view text,
                                                 std::string& error);

} // namespace preflight::jupytext
