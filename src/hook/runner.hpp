// What every hook binary does: read git's input, load the rules, run the checks
// registered for the hook, run the hook we replaced (if any), report, and exit.
#pragma once

#include "checks/check.hpp"
#include "report/finding.hpp"

#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace preflight::git {
class Repository;
}
namespace preflight::config {
class Config;
}

namespace preflight::hook {

struct RunOptions {
  std::filesystem::path root;                   // where .preflight.yaml is looked for
  std::filesystem::path rules_file;             // else this rules file (server hooks)
  std::string format = "text";                  // text | json (json goes to stdout)
  bool color = false;                           // colour in text output
  std::optional<std::filesystem::path> chained; // the previous hook to run too
  git::Repository* repository = nullptr;        // already open (CLI), else opened lazily

  // The rules under root, read on first use and shared by every step of the
  // hook call (its BeforeFn and the checks), so that the rules files are read
  // once however many steps need them. A read that failed is not repeated:
  // later calls throw the same error again. Not for several threads at once.
  const config::Config& rules() const;
  // Whether a read has failed already: the step that met the failure first
  // reported it, and later steps skip without printing it again.
  bool rules_failed() const { return static_cast<bool>(m_rules_error); }

  // The repository: `repository` when set, else opened on first use and shared
  // by every step of the hook call. Throws Error when it cannot be opened.
  git::Repository& repo() const;
  // The repository if it is open already (passed or opened by a step), else null.
  git::Repository* opened_repo() const;

private:
  mutable std::shared_ptr<const config::Config> m_rules;
  mutable std::exception_ptr m_rules_error;
  mutable std::shared_ptr<git::Repository> m_repo;
};

// Runs the hook's checks and the chained hook; prints findings; returns the exit
// code (0 pass, 1 blocked, 2 rules error, 3 internal). Never throws.
int run(const checks::HookInput& input, const RunOptions& options);

// A feature step that runs on the hook's input before the checks (backups in
// reference-transaction and post-checkout). It returns 0 to go on, or the exit
// code of a deliberate refusal, which ends the hook at once. Must not throw.
// It reads the rules through options.rules(), which the checks then reuse.
using BeforeFn = int (*)(const checks::HookInput& input, const RunOptions& options);

// The entry point of each hook binary: argv as git passed it.
int main(checks::Hook hook, int argc, char** argv, BeforeFn before = nullptr);

// Whether git hands this hook data on standard input.
bool reads_stdin(checks::Hook hook);

// The ids in SKIP (check ids, command names, commit-msg rule names).
std::set<std::string, std::less<>> skipped_ids();

// On a server, the ids of `git push -o SKIP=a,b` (receive-pack exports push
// options to its hooks as GIT_PUSH_OPTION_<n>); honoured only when the
// server's rules set server.skip_by_push_option. Required checks run anyway.
std::set<std::string, std::less<>> push_option_skips();

} // namespace preflight::hook
