// Putting preflight's hooks into a repository and taking them out again.
//
// Each hook is a symbolic link in the folder git runs hooks from, pointing at the
// installed binary (<prefix>/libexec/preflight/<hook>). A hook that was there
// before and is not ours is renamed <hook>.local and chained: our binary runs it
// with the same arguments and standard input.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::install {

// The hook names preflight installs, in the order git meets them.
const std::vector<std::string>& hook_names();

// <prefix>/libexec/preflight, found from the running preflight binary
// (<prefix>/bin/preflight).
std::filesystem::path libexec_dir();

enum class State {
  missing, // no hook of that name
  ours,    // our link
  stale,   // our link, to another preflight installation or a missing binary
  foreign, // someone else's hook
};

struct HookStatus {
  std::string name;
  std::filesystem::path path; // <hooks dir>/<name>
  State state = State::missing;
  std::filesystem::path target; // where our link points
  bool chained = false;         // <name>.local exists and is executable
};

std::vector<HookStatus> inspect(const git::Repository& repo, const std::filesystem::path& libexec);

// Installs every hook; returns one line per action for the user. Idempotent.
// Throws Error naming the hook when one cannot be installed.
std::vector<std::string> install(const git::Repository& repo, const std::filesystem::path& libexec);

// Removes our hooks and restores the ones we renamed. Idempotent.
std::vector<std::string> uninstall(const git::Repository& repo,
                                   const std::filesystem::path& libexec);

// Adds .preflight.local.yaml to <common dir>/info/exclude unless listed; returns
// whether it was added.
bool exclude_local_rules(const git::Repository& repo);

} // namespace preflight::install
