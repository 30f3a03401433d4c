#include "hook/any_hook.hpp"

#include "commands/spec.hpp"
#include "commands/trust.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "hook/runner.hpp"
#include "report/output.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/quick_exit.hpp"
#include "util/strings.hpp"

#include <memory>
#include <unistd.h>

namespace preflight::hook {
namespace fs = std::filesystem;

namespace {

std::string hint_for(const commands::AnyHook& hook, const commands::CommandSpec& spec) {
  if (!hook.may_refuse)
    return "fix what it reports (git goes on: " + std::string(hook.name) +
           " cannot stop git's command)";
  if (spec.required)
    return "fix what it reports (the command is required: SKIP cannot skip it)";
  return "fix what it reports, or skip it once with SKIP=" + spec.name;
}

// Runs one command with the hook's arguments and standard input.
RunResult run_one(const commands::CommandSpec& spec, const AnyHookRun& run,
                  const fs::path& worktree) {
  std::vector<std::string> argv;
  if (spec.shell) {
    argv = spec.argv; // sh -c SCRIPT NAME: the arguments become "$@"
    argv.insert(argv.end(), run.args.begin(), run.args.end());
  } else {
    argv = commands::with_hook_arguments(spec.argv, run.args);
  }
  preflight::RunOptions options;
  options.capture_output = true;
  options.merge_stderr = true;
  if (run.hook->reads_stdin)
    options.input = run.stdin_data;
  else
    options.null_input = true;
  options.cwd = spec.root.empty() ? worktree : worktree / spec.root;
  options.env = spec.env;
  options.env.emplace_back("PREFLIGHT_HOOK", std::string(run.hook->name));
  // Its own process group only when a timeout may have to stop all of it:
  // otherwise Ctrl-C in the terminal reaches the command as it reaches git.
  options.own_group = spec.timeout.count() > 0;
  options.timeout = spec.timeout;
  try {
    return run_process(argv, options);
  } catch (const std::exception& e) {
    RunResult result;
    result.output = std::string(e.what()) + "\n";
    result.exit_code = 127;
    return result;
  }
}

// The commands' findings go to report.
void run_commands(const AnyHookRun& run, const config::Config& rules, report::Report& report) {
  const commands::AnyHook& hook = *run.hook;
  auto specs = commands::read_commands(rules, std::string(hook.section));
  if (specs.empty())
    return;
  std::unique_ptr<git::Repository> opened;
  git::Repository* repo = run.repository;
  if (!repo) {
    opened = std::make_unique<git::Repository>(git::Repository::open_for_hook());
    repo = opened.get();
  }
  if (!commands::may_run(commands::trust_state(rules, *repo), hook.section)) {
    std::string names;
    for (const commands::CommandSpec& spec : specs)
      names += (names.empty() ? "" : ", ") + preflight::quoted(spec.name);
    report::Finding finding;
    finding.check = "untrusted-commands";
    finding.path = specs[0].source;
    finding.message = "the " + std::string(hook.name) + " commands in " + specs[0].source + " (" +
                      names +
                      ") or the files they run are new or changed since you last trusted "
                      "them, so they did not run";
    finding.hint = "review what they run and trust them with `preflight trust`";
    report.add(std::move(finding));
    return;
  }
  fs::path worktree = repo->workdir().value_or(fs::current_path());
  const auto skipped = skipped_ids();
  for (const commands::CommandSpec& spec : specs) {
    if (skipped.count(spec.name) && !spec.required) {
      report::note(spec.name + ": skipped (SKIP)");
      continue;
    }
    RunResult result = run_one(spec, run, worktree);
    std::string why;
    if (result.timed_out)
      why = "timed out after " + std::to_string(spec.timeout.count()) + "s";
    else if (result.exit_code != 0)
      why = "failed with exit code " + std::to_string(result.exit_code);
    if (why.empty()) {
      report::note(spec.name + ": passed");
      continue;
    }
    report::note(spec.name + ": " + why);
    while (!result.output.empty() && result.output.back() == '\n')
      result.output.pop_back();
    report::Finding finding;
    finding.check = spec.name;
    finding.message = "command " + preflight::quoted(spec.name) + " " + why;
    finding.detail = result.output;
    finding.hint = hint_for(hook, spec);
    report.add(std::move(finding));
  }
}

} // namespace

int run_any_hook(const AnyHookRun& run) {
  const commands::AnyHook& hook = *run.hook;
  std::string name(hook.name);
  report::Report report;
  try {
    run_commands(run, config::load({run.root}), report);
  } catch (const Error& e) {
    report::print_error(e.what(), run.color);
    if (!hook.may_refuse)
      std::fprintf(stderr, "preflight: %s commands skipped; git goes on\n", name.c_str());
    else if (e.exit() == Exit::usage)
      std::fprintf(stderr, "preflight: fix the rules file\n");
    return static_cast<int>(e.exit());
  } catch (const std::exception& e) {
    report::print_error(std::string("internal: ") + e.what(), run.color);
    return static_cast<int>(Exit::internal);
  }
  report::print_text(report, stderr, run.color);
  int code = 0;
  if (report.has_errors()) {
    code = static_cast<int>(Exit::blocked);
    std::string count = std::to_string(report.count(report::Severity::error)) + " error(s)";
    report::note(hook.may_refuse ? name + " blocked by " + count
                                 : name + ": " + count + "; git goes on (" + name +
                                       " cannot stop git's command)");
  }
  if (run.chained) {
    std::vector<std::string> argv{run.chained->string()};
    argv.insert(argv.end(), run.args.begin(), run.args.end());
    preflight::RunOptions options;
    if (hook.reads_stdin)
      options.input = run.stdin_data;
    try {
      int chained = run_process(argv, options).exit_code;
      if (chained != 0) {
        std::fprintf(stderr, "preflight: the previous %s hook (%s) failed with exit code %d\n",
                     name.c_str(), run.chained->c_str(), chained);
        code = static_cast<int>(Exit::blocked);
      }
    } catch (const Error& e) {
      report::print_error(e.what(), run.color);
      code = static_cast<int>(Exit::blocked);
    }
  }
  return code;
}

int any_hook_main(int argc, char** argv) {
  std::string self = argc > 0 ? argv[0] : "";
  std::string name = fs::path(self).filename().string();
  AnyHookRun run;
  run.hook = commands::find_any_hook(name);
  if (!run.hook) {
    report::print_error("any-hook runs the hooks that have commands in the rules (post-merge, "
                        "...), not \"" +
                            name + "\" (run preflight install again)",
                        false);
    return static_cast<int>(Exit::usage);
  }
  for (int i = 1; i < argc; ++i)
    run.args.emplace_back(argv[i]);
  run.color = report::use_color(stderr);
  try {
    if (run.hook->reads_stdin)
      run.stdin_data = read_stdin();
    // git runs hooks in the working tree root (the git dir when bare).
    run.root = fs::current_path();
  } catch (const std::exception& e) {
    report::print_error(e.what(), false);
    return run.hook->may_refuse ? static_cast<int>(Exit::internal) : 0;
  }
  // The hook we replaced at install time lives beside us as <hook>.local.
  if (self.find('/') != std::string::npos) {
    std::string previous = self + ".local";
    if (::access(previous.c_str(), X_OK) == 0)
      run.chained = previous;
  }
  // git ignores what hooks such as post-merge return; a failure is reported
  // all the same, and `preflight run` returns it.
  int code = run_any_hook(run);
  return exit_now(run.hook->may_refuse ? code : 0);
}

} // namespace preflight::hook
