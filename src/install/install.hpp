// Putting preflight's hooks into a repository and taking them out again.
//
// Each hook is a copy of the launcher in the folder git runs hooks from, naming
// the installed binary (<prefix>/libexec/preflight/<hook>): see hook_files.hpp.
// A hook that was there before and is not ours is renamed <hook>.local and
// chained: our binary runs it with the same arguments and standard input.
//
// Two hooks folders are refused unless asked for: a core.hooksPath from the
// user's or system config (hooks there run in every repository: --global), and
// one inside the working tree that git tracks or would track (hook files there
// get committed: --portable writes scripts without this machine's paths).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::install {

// The hook names preflight always installs (the built-in five), in the order
// git meets them.
const std::vector<std::string>& hook_names();
// The hooks `preflight install --server` installs (src/server/receive.hpp).
const std::vector<std::string>& server_hook_names();

// The shared binary that runs hook name: the hook's own for the built-in five,
// any-hook for the hooks with commands only (src/commands/any_hook.hpp).
std::string binary_for(const std::string& name);

// <prefix>/libexec/preflight, found from the running preflight binary
// (<prefix>/bin/preflight).
std::filesystem::path libexec_dir();

enum class State {
  missing, // no hook of that name
  ours,    // our launcher for this preflight, or our portable script
  stale,   // ours, but for another installation, a missing binary, or an old-style link
  foreign, // someone else's hook
};

struct HookStatus {
  std::string name;
  std::filesystem::path path; // <hooks dir>/<name>
  State state = State::missing;
  std::filesystem::path target; // the binary our hook file runs
  bool chained = false;         // <name>.local exists and is executable
  bool link = false;            // a symbolic link (how preflight 0.1 installed hooks)
  bool portable = false;        // our portable script
  std::string owner;            // foreign: the tool that wrote it (hook_owner), or ""
  bool renamed_ours = false;    // <name>.old is our hook (lefthook renames hooks so)
  bool legacy_ours = false;     // <name>.legacy is our hook, which pre-commit and prek
                                // run before their own: both run
};

// What install may do, from its flags.
struct InstallOptions {
  bool global = false;            // install into a user-level core.hooksPath
  bool portable = false;          // write portable scripts (a committed hooks folder)
  bool server = false;            // the server hooks (server_hook_names) instead
  std::vector<std::string> hooks; // only these hooks (names from hook_names()); empty: all
  // The hooks besides the built-in five that the rules give commands
  // (post-merge, ...): installed too. Our hooks of that kind not listed are
  // removed, unless rules_loaded is false (the rules did not load, so which
  // hooks they use is unknown: those files are left as they are).
  std::vector<std::string> command_hooks;
  bool rules_loaded = true;
};

// Throws Error(usage) naming the first of names that is no hook preflight
// installs (the built-in five, the hooks with commands only, the server's), with
// the closest one.
void check_hook_names(const std::vector<std::string>& names);

// Where the hooks folder is, and whether install needs a flag for it.
struct HooksPlace {
  std::filesystem::path dir;
  bool user_level = false; // core.hooksPath from ~/.gitconfig or /etc/gitconfig
  bool tracked = false;    // inside the working tree, and tracked or its hooks not ignored
  std::string owner;       // the tool a core.hooksPath belongs to ("husky"), or ""
};

HooksPlace hooks_place(const git::Repository& repo);

// The built-in five, then each hook of command_hooks and each other hook
// with commands only that has our hook file.
std::vector<HookStatus> inspect(const git::Repository& repo, const std::filesystem::path& libexec,
                                const std::vector<std::string>& command_hooks = {});

// The server hooks (server_hook_names) of a bare repository.
std::vector<HookStatus> inspect_server(const git::Repository& repo,
                                       const std::filesystem::path& libexec);

// Installs every hook (or options.hooks); returns one line per action for the user. Idempotent.
// Throws Error naming the hook when one cannot be installed, and Error(usage)
// for a hooks folder that needs a flag it was not given.
std::vector<std::string> install(const git::Repository& repo, const std::filesystem::path& libexec,
                                 const InstallOptions& options = {});

// Problems with the shared binaries in libexec: missing, not the version of
// this preflight, or changed since preflight installed them (SHA256SUMS).
std::vector<std::string> verify_binaries(const std::filesystem::path& libexec);

// Removes our hooks (every hook name we may have installed, or only those named
// in hooks) and restores the ones we renamed. Idempotent.
std::vector<std::string> uninstall(const git::Repository& repo,
                                   const std::filesystem::path& libexec,
                                   const std::vector<std::string>& hooks = {});

// Adds .preflight.local.yaml to <common dir>/info/exclude unless listed; returns
// whether it was added.
bool exclude_local_rules(const git::Repository& repo);

} // namespace preflight::install
