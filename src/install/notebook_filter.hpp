// The git side of notebook stripping that `preflight install` sets up when the
// rules strip notebooks (notebooks.enabled, notebooks.mode: strip):
//
//   filter.preflight-nbstrip.process  = <libexec>/notebook-filter
//   filter.preflight-nbstrip.required = false
//
// in the repository's config, and `*.ipynb filter=preflight-nbstrip` in
// <common dir>/info/attributes, so that nothing needs committing. The clean
// filter makes `git add` store stripped notebooks, `git status` compare
// stripped with stripped, and `git diff` show the working tree stripped (git
// cleans the working-tree side of a diff through the same long-running
// process), so a diff shows source changes only at about the cost of a plain
// `git diff`. With notebooks.diff_textconv, also
//
//   diff.preflight-nbstrip.textconv = <libexec>/notebook-textconv
//
// and `diff=preflight-nbstrip` on the attributes line, for diffs of blobs that
// were committed with their outputs; git then starts one process per notebook
// and side. notebook-filter and notebook-textconv are links to bin/preflight
// (src/cli/main.cpp): one word each, so git starts them without a shell, and
// when the package is gone git skips the optional filter with a message instead
// of stopping. `preflight uninstall` removes all of it, and the lines earlier
// versions wrote.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::install {

inline constexpr std::string_view k_notebook_driver = "preflight-nbstrip";

// The attributes line, as written and looked for.
std::string notebook_attributes_line(bool textconv);

// Where the filter is set up. The default is what `preflight install` does: the
// repository's config and <common dir>/info/attributes. `preflight nbstrip
// --install` takes nbstripout's choices: --global / --system put the config in
// the user's / the system's git config and the attributes in core.attributesFile
// of that scope, else git's own attributes file of that scope
// ($XDG_CONFIG_HOME/git/attributes or ~/.config/git/attributes; /etc/gitattributes);
// --attributes names the attributes file instead (a leading ~/ is expanded).
struct FilterPlace {
  enum class Scope { local, global, system } scope = Scope::local;
  std::optional<std::filesystem::path> attributes;
};

// The commands git runs, each a path written as one shell word.
struct FilterCommands {
  std::string process;  // filter.<driver>.process
  std::string textconv; // diff.<driver>.textconv
};

// preflight's own entries in the libexec folder (notebook-filter,
// notebook-textconv). Throws Error when they are missing.
FilterCommands libexec_filter_commands(const std::filesystem::path& libexec);

// A program that takes preflight's arguments (`nbstrip --install --python
// PATH`): "PATH filter-process", "PATH nbstrip --textconv --rules".
FilterCommands program_filter_commands(const std::filesystem::path& program);

// Configures the filter (and the textconv when asked; else removes it) and
// writes the attributes line, replacing an earlier form of it. repo may be
// null for the global and system scopes. Returns one line per change; none
// when everything was already in place. Throws Error.
std::vector<std::string> install_notebook_filter(const git::Repository* repo,
                                                 const FilterCommands& commands, bool textconv,
                                                 const FilterPlace& place = {});

// Removes the config keys and the attributes line (and the comment above it).
// Returns one line per removal. Throws Error.
std::vector<std::string> uninstall_notebook_filter(const git::Repository* repo,
                                                   const FilterPlace& place = {});
inline std::vector<std::string> uninstall_notebook_filter(const git::Repository& repo) {
  return uninstall_notebook_filter(&repo);
}

// What is set up, as `preflight nbstrip --status` shows it.
struct FilterState {
  std::vector<std::pair<std::string, std::string>> config; // key, value (or "" when unset)
  std::string filter_attribute, diff_attribute; // for *.ipynb: "preflight-nbstrip", "" when unset
  bool installed = false; // the filter configured and the filter attribute in place
};

// Local: the config keys in the repository's config, and the filter and diff
// attributes git gives a *.ipynb file here (from whichever attributes file).
// Global / system: the keys in that scope, and the line in its attributes file.
FilterState notebook_filter_state(const git::Repository* repo, const FilterPlace& place = {});

// How the repository's set-up differs from what install_notebook_filter would
// write with commands (a sentence naming the key or the attribute), or nullopt.
// A filter command other than commands' is accepted (`nbstrip --install
// --python` chooses one), except earlier's: what an earlier preflight wrote.
std::optional<std::string> notebook_filter_difference(const git::Repository& repo,
                                                      const FilterCommands& commands,
                                                      const FilterCommands& earlier, bool textconv);

// Whether the filter is configured and the attributes say to use it.
inline bool notebook_filter_installed(const git::Repository& repo) {
  return notebook_filter_state(&repo).installed;
}

// The running preflight binary (/proc/self/exe).
std::filesystem::path self_path();

} // namespace preflight::install
