// The git side of notebook stripping that `preflight install` sets up when the
// rules strip notebooks (notebooks.enabled, notebooks.mode: strip):
//
//   filter.preflight-nbstrip.process  = <preflight> filter-process
//   filter.preflight-nbstrip.required = false
//   diff.preflight-nbstrip.textconv   = <preflight> nbstrip --textconv --rules
//
// in the repository's config, and `*.ipynb filter=preflight-nbstrip
// diff=preflight-nbstrip` in <common dir>/info/attributes, so that nothing
// needs committing. The clean filter makes `git add` store stripped notebooks
// and `git status` compare stripped with stripped; the textconv makes `git diff`
// show source changes only. `preflight uninstall` removes exactly these.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::install {

inline constexpr std::string_view k_notebook_driver = "preflight-nbstrip";

// The attributes line, as written and looked for.
std::string notebook_attributes_line();

// Configures the filter and textconv to run preflight (an absolute path) and
// adds the attributes line. Returns one line per change; none when everything
// was already in place. Throws Error.
std::vector<std::string> install_notebook_filter(const git::Repository& repo,
                                                 const std::filesystem::path& preflight);

// Removes the config keys and the attributes line (and the comment above it).
// Returns one line per removal. Throws Error.
std::vector<std::string> uninstall_notebook_filter(const git::Repository& repo);

// Whether the filter is configured and the attributes line present.
bool notebook_filter_installed(const git::Repository& repo);

// The running preflight binary (/proc/self/exe).
std::filesystem::path self_path();

} // namespace preflight::install
