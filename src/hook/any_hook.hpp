// Running the commands of a hook without checks of its own (post-merge,
// prepare-commit-msg, ...: see src/commands/any_hook.hpp), from the shared
// binary libexec/preflight/any-hook or from `preflight run HOOK`.
#pragma once

#include "commands/any_hook.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::hook {

struct AnyHookRun {
  const commands::AnyHook* hook = nullptr;
  std::vector<std::string> args;
  std::string stdin_data;
  std::filesystem::path root;                   // where .preflight.yaml is looked for
  git::Repository* repository = nullptr;        // already open, else opened here
  std::optional<std::filesystem::path> chained; // <hook>.local, run after the commands
  bool color = false;
};

// Runs the hook's commands in order (after the trust gate and SKIP), then the
// chained hook; prints what happened to stderr. Returns the exit code: 0; 1
// when a command (or the chained hook) failed or did not run for want of
// trust; 2 for bad rules; 3 for other trouble. Never throws. (any_hook_main
// exits 0 for hooks whose exit status git ignores.)
int run_any_hook(const AnyHookRun& run);

// The entry point of libexec/preflight/any-hook: argv as git passed it, the
// hook's name being the last part of argv[0].
int any_hook_main(int argc, char** argv);

} // namespace preflight::hook
