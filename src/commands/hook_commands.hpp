// Team commands inside a hook run: pick each command's files (staged, pushed,
// --all-files or --files), check trust and SKIP, set unstaged changes aside
// (pre-commit), run the commands in parallel groups, stage or refuse their
// changes, give the unstaged changes back, and report.
#pragma once

#include "checks/check.hpp"
#include "config/config.hpp"
#include "report/finding.hpp"

#include <set>
#include <string>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::commands {

struct CommandResult {
  std::string name;
  std::string status; // passed | failed | skipped | no-files | untrusted | not-run
  int exit_code = 0;
  std::size_t files = 0;
  std::string output;
  std::vector<std::string> changed; // tracked files the command changed
  std::vector<std::string> staged;  // ... of which stage_fixed staged
};

struct HookCommands {
  const config::Config& rules;
  const checks::HookInput& input;
  git::Repository& repo;
  const checks::RepoView& view;
  const std::set<std::string, std::less<>>& skipped;
  bool progress = true; // print one line per command to stderr
  bool color = false;
  // The nested rules files when the caller read them already, else null (read here).
  const std::vector<config::Scope>* scopes = nullptr;
};

// Runs the hook's commands; failures become findings in report. Returns every
// command's result, in the rules' order. Throws Error for bad rules.
std::vector<CommandResult> run_hook_commands(const HookCommands& context, report::Report& report);

// Whether a signal (SIGINT, SIGTERM, SIGHUP) stopped the last commands run:
// the hook then exits 130 (Exit::interrupted), not 1.
bool interrupted();

// Whether the hook has commands (so that hooks without any skip all of this).
bool has_commands(const config::Config& rules, checks::Hook hook);

// The JSON report with a "commands" array added: [{"name", "status",
// "exit_code", "files", "output", "changed", "staged"}].
std::string add_to_json(const std::string& report_json, const std::vector<CommandResult>& results);

// Handles a snapshot an interrupted pre-commit left behind: restores it into
// the working tree. Returns the message to print, and adds a finding when the
// restore conflicted.
std::string recover_leftover(git::Repository& repo, report::Report& report);

// For `preflight status`: untrusted commands, a leftover snapshot.
std::vector<std::string> status_problems(git::Repository& repo, const config::Config& rules);

// What a hook runs: for pre-commit first recover_leftover(), then the commands.
std::vector<CommandResult> run_in_hook(const HookCommands& context, report::Report& report);

} // namespace preflight::commands
