// The files `preflight install` writes into a hooks folder, and how `status`
// tells whose a hook file is.
//
// A hook is a copy of the launcher (hooks/launcher.c) with the absolute path of
// the shared hook binary written after its marker: writing over the copy, as
// husky or `cp` do, changes this repository's hook only, never the shared
// binary. A committed hooks folder gets a portable shell script instead, with
// no path of this machine in it (`preflight install --portable`).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::install {

// The launcher's marker; the target path follows it, NUL-terminated.
inline constexpr std::string_view k_launcher_marker = "\177PREFLIGHT-LAUNCHER-TARGET-1\n";
// Room for the marker, the path and its NUL in the launcher (TARGET_SIZE there).
inline constexpr std::size_t k_launcher_room = 4096;
// The first lines of a portable hook script.
inline constexpr std::string_view k_portable_header = "#!/bin/sh\n# preflight hook (portable)";

// The launcher template with target written after the marker. Throws Error
// when the template has no marker (or two), or target does not fit.
std::string make_launcher(std::string_view launcher_template, const std::string& target);

// The target a launcher copy runs, or nullopt when bytes are no launcher.
// An empty string: a launcher that was never filled in.
std::optional<std::string> launcher_target(std::string_view bytes);

// The portable script for hook: runs `preflight hook` when preflight is on
// PATH, else says that the checks were skipped and lets git go on.
std::string portable_script(const std::string& hook);

// Whether bytes are a portable script written by portable_script.
bool is_portable_script(std::string_view bytes);

// Which tool wrote a hook file that is not ours, from its text: "lefthook",
// "husky", "pre-commit", "prek", "overcommit", or "" when unknown.
std::string hook_owner(std::string_view bytes);

// The tool that set a core.hooksPath value ("husky" for .husky/_ ...), or "".
std::string hooks_path_owner(const std::filesystem::path& hooks_path);

} // namespace preflight::install
