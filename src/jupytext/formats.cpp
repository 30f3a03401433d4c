// Written from jupytext's documented behaviour and the algorithm of its
// paired_paths.py, step for step, so that odd prefixes pair the same files.
// Paths are made absolute under a made-up root while computing, as jupytext
// works on absolute paths: a prefix root then never matches the repository's
// own folder name, and config folders compare as in jupytext.
#include "jupytext/formats.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace preflight::jupytext {

namespace {

// Script extensions jupytext knows (languages.py), plus its text formats.
constexpr std::array<std::string_view, 46> k_extensions = {
    ".ipynb", ".md",    ".markdown", ".Rmd",   ".qmd",      ".myst",    ".mystnb", ".mnb",
    ".py",    ".coco",  ".R",        ".r",     ".jl",       ".cpp",     ".ss",     ".clj",
    ".scm",   ".sh",    ".ps1",      ".q",     ".m",        ".wolfram", ".pro",    ".js",
    ".ts",    ".scala", ".rs",       ".robot", ".resource", ".cs",      ".fsx",    ".fs",
    ".sos",   ".java",  ".groovy",   ".sage",  ".ml",       ".hs",      ".tcl",    ".mac",
    ".gp",    ".do",    ".sas",      ".xsh",   ".lua",      ".go"};

constexpr std::array<std::string_view, 11> k_format_names = {
    "markdown", "rmarkdown", "light",  "nomarker", "percent", "hydrogen",
    "spin",     "sphinx",    "pandoc", "quarto",   "myst"};

// The root the computation runs under; no folder is called this.
constexpr std::string_view k_root = "/\x01";

// jupytext's split(): ("", path) without sep, else rsplit(sep, 1).
std::pair<std::string, std::string> rsplit(std::string_view path, std::string_view sep) {
  std::size_t at = path.rfind(sep);
  if (at == std::string_view::npos)
    return {"", std::string(path)};
  return {std::string(path.substr(0, at)), std::string(path.substr(at + sep.size()))};
}

std::string join(const std::string& left, const std::string& right) {
  return left.empty() ? right : left + "/" + right;
}

struct PrefixParts {
  std::string root, dir, file_name;
};

PrefixParts prefix_parts(std::string prefix) {
  PrefixParts parts;
  if (prefix.find("//") != std::string::npos) {
    auto [root, rest] = rsplit(prefix, "//");
    parts.root = root;
    prefix = rest;
  }
  auto [dir, file] = rsplit(prefix, "/");
  parts.dir = dir;
  parts.file_name = file;
  return parts;
}

// base_path() on an absolute path; config_dir absolute too (or empty).
std::optional<std::string> base_path_abs(const std::string& main_path, Format fmt,
                                         std::span<const Format> formats,
                                         const std::string& config_dir) {
  auto [base, ext] = split_extension(main_path);
  if (ext != fmt.extension)
    return std::nullopt;
  for (const Format& f : formats) {
    if (f.extension != fmt.extension)
      continue;
    if (fmt.format_name && f.format_name && *f.format_name != *fmt.format_name)
      continue;
    // The keys of f, with fmt's values where fmt has them.
    Format merged = f;
    if (f.prefix && fmt.prefix)
      merged.prefix = fmt.prefix;
    if (f.suffix && fmt.suffix)
      merged.suffix = fmt.suffix;
    if (f.format_name && fmt.format_name)
      merged.format_name = fmt.format_name;
    fmt = merged;
    break;
  }
  if (fmt.suffix && !fmt.suffix->empty()) {
    if (!base.ends_with(*fmt.suffix))
      return std::nullopt;
    base.resize(base.size() - fmt.suffix->size());
  }
  if (!fmt.prefix || fmt.prefix->empty())
    return base;

  PrefixParts prefix = prefix_parts(*fmt.prefix);
  auto [notebook_dir, notebook_file_name] = rsplit(base, "/");
  std::string base_dir;
  if (!config_dir.empty() && notebook_dir.starts_with(config_dir)) {
    base_dir = config_dir;
    notebook_dir = notebook_dir.substr(config_dir.size());
  }
  if (!prefix.file_name.empty()) {
    if (!notebook_file_name.starts_with(prefix.file_name))
      return std::nullopt;
    notebook_file_name = notebook_file_name.substr(prefix.file_name.size());
  }
  if (!prefix.dir.empty()) {
    std::string parent_notebook_dir = notebook_dir;
    std::string parent_prefix_dir = prefix.dir;
    std::vector<std::string> actual_folders;
    while (!parent_prefix_dir.empty()) {
      auto [rest, expected] = rsplit(parent_prefix_dir, "/");
      parent_prefix_dir = rest;
      if (expected == "..") {
        if (actual_folders.empty())
          return std::nullopt;
        parent_notebook_dir = join(parent_notebook_dir, actual_folders.back());
        actual_folders.pop_back();
      } else {
        auto [parent, actual] = rsplit(parent_notebook_dir, "/");
        parent_notebook_dir = parent;
        actual_folders.push_back(actual);
        if (actual != expected)
          return std::nullopt;
      }
    }
    notebook_dir = parent_notebook_dir;
  }
  std::string sep = "/";
  if (!prefix.root.empty()) {
    std::string long_root = "/" + prefix.root + "/";
    std::string long_dir = "/" + notebook_dir + "/";
    std::size_t at = long_dir.rfind(long_root);
    if (at == std::string::npos)
      return std::nullopt;
    std::string left = long_dir.substr(0, at);
    std::string right = long_dir.substr(at + long_root.size());
    notebook_dir = left + "/" + "//" + right;
    notebook_dir = notebook_dir.substr(1, notebook_dir.size() - 2);
  }
  if (!base_dir.empty())
    notebook_dir = base_dir + notebook_dir;
  if (notebook_dir.empty())
    return notebook_file_name;
  return notebook_dir + sep + notebook_file_name;
}

std::optional<std::string> full_path_raw(const std::string& base, const Format& fmt) {
  std::string full = base;
  if (fmt.prefix && !fmt.prefix->empty()) {
    PrefixParts prefix = prefix_parts(*fmt.prefix);
    if (!prefix.root.empty() != (base.find("//") != std::string::npos))
      return std::nullopt;
    std::string notebook_dir, notebook_file_name;
    if (!prefix.root.empty()) {
      auto [left, right] = rsplit(base, "//");
      auto [right_dir, file_name] = rsplit(right, "/");
      notebook_dir = left + prefix.root + "/" + right_dir;
      notebook_file_name = file_name;
    } else {
      auto [dir, file_name] = rsplit(base, "/");
      notebook_dir = dir;
      notebook_file_name = file_name;
    }
    if (!prefix.file_name.empty())
      notebook_file_name = prefix.file_name + notebook_file_name;
    if (!prefix.dir.empty()) {
      std::string prefix_dir = prefix.dir;
      while (prefix_dir.starts_with("../")) {
        prefix_dir = prefix_dir.substr(3);
        notebook_dir = rsplit(notebook_dir, "/").first;
      }
      if (!notebook_dir.empty() && !notebook_dir.ends_with("/"))
        notebook_dir += "/";
      notebook_dir += prefix_dir;
    }
    if (!notebook_dir.empty() && !notebook_dir.ends_with("/"))
      notebook_dir += "/";
    full = notebook_dir + notebook_file_name;
  }
  if (fmt.suffix)
    full += *fmt.suffix;
  return full + fmt.extension;
}

std::string absolute(std::string_view path) {
  return path.empty() ? std::string(k_root) : std::string(k_root) + "/" + std::string(path);
}

// Back to repository-relative; nullopt when a relative prefix left the root.
std::optional<std::string> relative(const std::string& path) {
  std::string root = std::string(k_root) + "/";
  if (!path.starts_with(root))
    return std::nullopt;
  std::string rest = path.substr(root.size());
  // "a//b" and "a/./b" forms do not occur once full_path ran; refuse "..".
  if (rest.empty() || rest.starts_with("/") || rest.find("/../") != std::string::npos ||
      rest.starts_with("../"))
    return std::nullopt;
  return rest;
}

std::string absolute_config_dir(std::optional<std::string_view> config_dir) {
  if (!config_dir)
    return "";
  return absolute(*config_dir);
}

} // namespace

std::pair<std::string, std::string> split_extension(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::size_t name_start = slash == std::string_view::npos ? 0 : slash + 1;
  std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || dot < name_start)
    return {std::string(path), ""};
  // Leading dots of the file name do not start an extension.
  std::size_t first = name_start;
  while (first < path.size() && path[first] == '.')
    ++first;
  if (dot < first)
    return {std::string(path), ""};
  return {std::string(path.substr(0, dot)), std::string(path.substr(dot))};
}

bool is_notebook_extension(std::string_view ext) {
  return std::find(k_extensions.begin(), k_extensions.end(), ext) != k_extensions.end();
}

std::optional<Format> parse_format(std::string_view text, std::string& error) {
  std::string spec(text);
  static const std::pair<std::string_view, std::string_view> k_common[] = {
      {"notebook", "ipynb"}, {"rmarkdown", "Rmd"}, {"quarto", "qmd"},      {"markdown", "md"},
      {"c++", "cpp"},        {"myst", "md:myst"},  {"pandoc", "md:pandoc"}};
  std::string lowered = spec;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [name, ext] : k_common)
    if (lowered == name)
      spec = ext;

  Format format;
  std::size_t slash = spec.rfind('/');
  if (slash != std::string::npos && slash > 0) {
    format.prefix = spec.substr(0, slash);
    spec = spec.substr(slash + 1);
  }
  std::string ext;
  if (std::size_t colon = spec.rfind(':'); colon != std::string::npos) {
    ext = spec.substr(0, colon);
    std::string name = spec.substr(colon + 1);
    if (name == "bare")
      name = "nomarker";
    if (std::find(k_format_names.begin(), k_format_names.end(), name) == k_format_names.end()) {
      error = "\"" + name + "\" is not a jupytext format name";
      return std::nullopt;
    }
    format.format_name = name;
  } else {
    ext = spec;
  }
  if (std::size_t dot = ext.rfind('.'); dot != std::string::npos && dot > 0) {
    format.suffix = ext.substr(0, dot);
    ext = ext.substr(dot);
  }
  if (!ext.starts_with("."))
    ext = "." + ext;
  if (ext == ".auto") {
    error = "\"auto\" extensions depend on the notebook's kernel; not supported";
    return std::nullopt;
  }
  if (!is_notebook_extension(ext)) {
    error = "\"" + std::string(text) + "\" has no notebook extension";
    return std::nullopt;
  }
  format.extension = ext;
  return format;
}

std::optional<std::vector<Format>> parse_formats(std::string_view text, std::string& error) {
  std::vector<Format> formats;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view item = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ')
      item.remove_suffix(1);
    if (!item.empty()) {
      auto format = parse_format(item, error);
      if (!format)
        return std::nullopt;
      formats.push_back(*format);
    }
    if (comma == std::string_view::npos)
      break;
    start = comma + 1;
  }
  return formats;
}

std::string to_string(const Format& format) {
  std::string out = format.extension;
  if (format.suffix)
    out = *format.suffix + out;
  else
    out = out.substr(1);
  if (format.prefix)
    out = *format.prefix + "/" + out;
  if (format.format_name)
    out += ":" + *format.format_name;
  return out;
}

std::optional<std::string> base_path(std::string_view path, const Format& format,
                                     std::span<const Format> formats,
                                     std::optional<std::string_view> config_dir) {
  auto base = base_path_abs(absolute(path), format, formats, absolute_config_dir(config_dir));
  if (!base)
    return std::nullopt;
  // Keep the made-up root: full_path() needs the same shape back.
  return base;
}

std::optional<std::string> full_path(std::string_view base, const Format& format) {
  auto full = full_path_raw(std::string(base), format);
  if (!full)
    return std::nullopt;
  return relative(*full);
}

std::optional<std::vector<std::pair<std::string, Format>>>
paired_paths(std::string_view path, const Format& current, std::span<const Format> formats,
             std::optional<std::string_view> config_dir) {
  auto base = base_path(path, current, formats, config_dir);
  if (!base)
    return std::nullopt;
  std::vector<std::pair<std::string, Format>> out;
  std::set<std::string> seen;
  bool found = false;
  for (const Format& format : formats) {
    auto full = full_path(*base, format);
    if (!full || !seen.insert(*full).second)
      return std::nullopt;
    found = found || *full == path;
    out.emplace_back(*full, format);
  }
  if (!found)
    return std::nullopt;
  return out;
}

} // namespace preflight::jupytext
