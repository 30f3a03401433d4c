// What every hook binary does: read git's input, load the rules, run the checks
// registered for the hook, run the hook we replaced (if any), report, and exit.
#pragma once

#include "checks/check.hpp"
#include "report/finding.hpp"

#include <filesystem>
#include <optional>
#include <set>
#include <string>

namespace preflight::git {
class Repository;
}

namespace preflight::hook {

struct RunOptions {
  std::filesystem::path root;                   // where .preflight.yaml is looked for
  std::string format = "text";                  // text | json (json goes to stdout)
  bool color = false;                           // colour in text output
  std::optional<std::filesystem::path> chained; // the previous hook to run too
  git::Repository* repository = nullptr;        // already open (CLI), else opened lazily
};

// Runs the hook's checks and the chained hook; prints findings; returns the exit
// code (0 pass, 1 blocked, 2 rules error, 3 internal). Never throws.
int run(const checks::HookInput& input, const RunOptions& options);

// A feature step that runs on the hook's input before the checks (backups in
// reference-transaction and post-checkout). It returns 0 to go on, or the exit
// code of a deliberate refusal, which ends the hook at once. Must not throw.
using BeforeFn = int (*)(const checks::HookInput& input, const RunOptions& options);

// The entry point of each hook binary: argv as git passed it.
int main(checks::Hook hook, int argc, char** argv, BeforeFn before = nullptr);

// Whether git hands this hook data on standard input.
bool reads_stdin(checks::Hook hook);

// The ids in SKIP (check ids, command names, commit-msg rule names).
std::set<std::string, std::less<>> skipped_ids();

} // namespace preflight::hook
