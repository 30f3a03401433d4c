// jupytext's pairing formats and the paths they pair, as jupytext 1.16 computes
// them (formats.py long_form_one_format, paired_paths.py base_path/full_path):
//
//   "ipynb,py:percent"                     notebook.ipynb <-> notebook.py
//   "ipynb,.pct.py:percent"                a suffix: notebook.pct.py
//   "ipynb,_/py:light"                     a file name prefix: _notebook.py
//   "notebooks//ipynb,scripts//py:percent" prefix folders: notebooks/a.ipynb
//   "notebooks///ipynb,scripts///py"       prefix roots: notebooks/x/a.ipynb <->
//                                          scripts/x/a.py (the "//" part is
//                                          found anywhere up the path)
//   "ipynb,../scripts//py"                 relative folders
//
// Paths are relative to the repository root, with "/" separators.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace preflight::jupytext {

struct Format {
  std::optional<std::string> prefix;
  std::optional<std::string> suffix;
  std::string extension; // with its dot: ".ipynb", ".py"
  std::optional<std::string> format_name;

  bool operator==(const Format&) const = default;
};

// Parses one format ("scripts///py:percent"). Returns nullopt and sets error
// for text jupytext rejects (no extension, an unknown extension).
std::optional<Format> parse_format(std::string_view text, std::string& error);

// Parses a comma-separated list ("ipynb,py:percent"); empty items are skipped.
std::optional<std::vector<Format>> parse_formats(std::string_view text, std::string& error);

// The short form jupytext writes ("scripts///py:percent").
std::string to_string(const Format& format);

// The base of path in format (jupytext's base_path, computed under a made-up
// absolute root: pass it to full_path only), or nullopt when path does not fit
// format (InconsistentPath). formats, when given, completes format
// with the prefix and suffix of the first format of the same extension (and
// format name). config_dir is the folder of the jupytext config file that
// applies ("" for the repository root), which prefix roots are found below.
std::optional<std::string> base_path(std::string_view path, const Format& format,
                                     std::span<const Format> formats = {},
                                     std::optional<std::string_view> config_dir = std::nullopt);

// The path of format for base (jupytext's full_path), or nullopt when the
// format and the base disagree about prefix roots.
std::optional<std::string> full_path(std::string_view base, const Format& format);

// Every path paired with path, which is in format current (its extension, and
// its format name when known), each with its format; path itself is included.
// nullopt when the pairing is inconsistent (path not among the paired paths,
// duplicate paths).
std::optional<std::vector<std::pair<std::string, Format>>>
paired_paths(std::string_view path, const Format& current, std::span<const Format> formats,
             std::optional<std::string_view> config_dir = std::nullopt);

// Whether ext (".py") is one that jupytext reads as a notebook.
bool is_notebook_extension(std::string_view ext);

// os.path.splitext: ("dir/a.b", ".py") for "dir/a.b.py"; a leading dot of the
// file name is not an extension.
std::pair<std::string, std::string> split_extension(std::string_view path);

} // namespace preflight::jupytext
