#include "hook/runner.hpp"
#include "hook/skip.hpp"

#include "checks/required.hpp"
#include "checks/staged_content.hpp"
#include "commands/hook_commands.hpp"
#include "commands/nested.hpp"
#include "commands/progress.hpp"
#include "config/config.hpp"
#include "git/repo_view.hpp"
#include "report/ci.hpp"
#include "report/output.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/quick_exit.hpp"
#include "util/strings.hpp"
#include "util/version.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <set>
#include <unistd.h>

namespace preflight::hook {
namespace fs = std::filesystem;
using checks::Hook;

namespace {

// post-checkout cannot undo a checkout and a failing reference-transaction
// aborts the ref update: our own trouble there must never fail git's command.
bool fails_open(Hook hook) {
  return hook == Hook::post_checkout || hook == Hook::reference_transaction;
}

std::string bypass_hint(const checks::HookInput& input) {
  if (input.server)
    return "ask the server's administrator (its rules: git config preflight.rules)";
  switch (input.hook) {
  case Hook::pre_commit:
  case Hook::commit_msg: return "bypass once with `git commit --no-verify`";
  case Hook::pre_push: return "bypass once with `git push --no-verify`";
  default: return "";
  }
}

std::string enabled_key(Hook hook) {
  std::string key(checks::hook_name(hook));
  for (char& c : key)
    if (c == '-')
      c = '_';
  return key + ".enabled";
}

bool has_checks(Hook hook) {
  for (const checks::CheckDef& check : checks::check_table())
    if (check.hook == hook)
      return true;
  return false;
}

// PREFLIGHT_TRACE=1: what the hook sees, for diagnosing hook contexts.
void trace(const checks::HookInput& input, const config::Config& rules,
           const git::Repository& repo) {
  std::string files;
  for (const std::string& file : rules.files())
    files += (files.empty() ? "" : ", ") + file;
  auto workdir = repo.workdir();
  std::fprintf(stderr,
               "preflight: trace: hook %s\npreflight: trace: git dir %s\n"
               "preflight: trace: common dir %s\npreflight: trace: worktree %s\n"
               "preflight: trace: index %s\npreflight: trace: rules %s\n",
               std::string(checks::hook_name(input.hook)).c_str(), repo.git_dir().c_str(),
               repo.common_dir().c_str(), workdir ? workdir->c_str() : "(bare)",
               repo.index_path().c_str(), files.c_str());
  for (const std::string& arg : input.args)
    std::fprintf(stderr, "preflight: trace: arg %s\n", preflight::quoted(arg).c_str());
}

// The names of the commands nested rules files add to hook (only the required
// ones when only_required).
std::vector<std::string> nested_names(const std::vector<config::Scope>& scopes, Hook hook,
                                      bool only_required) {
  std::vector<std::string> names;
  for (const commands::CommandSpec& spec : commands::nested_commands(scopes, hook))
    if (spec.required || !only_required)
      names.push_back(spec.name);
  return names;
}

// The content checks with each file's own settings: the files under a nested
// rules file's folder with that folder's rules, the others with the root's.
void check_content_by_folder(const checks::Context& context,
                             const std::vector<config::Scope>& scopes, report::Report& found) {
  std::optional<checks::ContentInput> held;
  checks::run_content_checks_by_scope(
      context.config, scopes, checks::content_to_check(context, held), context.skipped, found);
}

// "0.42 ms" since started.
std::string milliseconds_since(std::chrono::steady_clock::time_point started) {
  std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - started;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f ms", took.count());
  return buffer;
}

// Runs the checks of one hook into report. Throws on rules or git errors.
void run_checks(const checks::HookInput& input, const RunOptions& options, report::Report& report,
                std::vector<commands::CommandResult>& command_results,
                std::vector<std::string>& nested_required) {
  // git runs reference-transaction twice per ref update (400 times for a
  // 200-ref fetch): without checks for it, do not read the rules at all.
  if (input.hook == Hook::reference_transaction && !has_checks(input.hook))
    return;
  const config::Config& rules = options.rules();
  if (!rules.get_bool(enabled_key(input.hook))) {
    report::detail(std::string(checks::hook_name(input.hook)) + ": no checks run (" +
                   enabled_key(input.hook) + " is false)");
    return;
  }
  // The repository, opened when a check needs it, lives in options like the rules.
  git::LazyRepoView repo([&options]() -> git::Repository& { return options.repo(); });
  if (report::env_flag("PREFLIGHT_TRACE"))
    trace(input, rules, repo.repository());
  auto requested = skipped_ids();
  if (input.server && rules.get_bool("server.skip_by_push_option"))
    requested.merge(push_option_skips());
  auto skipped = requested;
  const std::vector<std::string> required = checks::required_check_ids(rules);
  for (const std::string& id : required)
    if (skipped.erase(id))
      report::info(id + ": required: runs despite SKIP");
  std::string required_list;
  for (const std::string& id : required)
    required_list += (required_list.empty() ? "" : ", ") + id;
  for (const std::string& group : checks::split_skipped_groups(skipped, required))
    report::info(group + ": holds required checks (" + required_list + "), which run despite SKIP");
  // Nested rules files set commands and the per-file checks for the files under them.
  std::vector<config::Scope> scopes;
  if (input.hook == Hook::pre_commit)
    scopes = input.all_files || input.files
                 ? commands::nested_scopes(rules, repo.repository())
                 : commands::nested_scopes_for(rules, repo.repository(), repo.staged_content());
  report_skip(input.hook, rules, requested, skipped, nested_names(scopes, input.hook, false));
  nested_required = nested_names(scopes, input.hook, true);
  // Team commands first, so that the checks see what a fixer staged.
  if (input.hook == Hook::pre_commit || commands::has_commands(rules, input.hook)) {
    commands::HookCommands team{rules,         input,   repo.repository(),
                                repo,          skipped, options.format == "text",
                                options.color, &scopes};
    command_results = commands::run_in_hook(team, report);
  }
  bool restaged = std::any_of(command_results.begin(), command_results.end(),
                              [](const auto& result) { return !result.staged.empty(); });
  std::optional<git::LazyRepoView> fresh;
  if (restaged)
    fresh.emplace(&repo.repository());
  checks::Context context{rules, input, options.root,
                          fresh ? static_cast<const checks::RepoView&>(*fresh) : repo, skipped};
  report::Report found;
  bool verbose = report::verbosity() == report::Verbosity::verbose;
  // On a terminal, a pass over the checks that lasts longer than the team
  // commands' threshold shows the same updating line, naming the check that
  // runs (a huge staged set, a big notebook); elsewhere nothing more.
  commands::Progress progress(stderr, options.format == "text" &&
                                          report::verbosity() != report::Verbosity::quiet &&
                                          commands::Progress::terminal(stderr));
  bool begun = false;
  for (const checks::CheckDef& check : checks::check_table()) {
    if (check.hook != input.hook || skipped.count(check.id))
      continue;
    if (!begun)
      progress.begin({std::string(check.id)}, "checking");
    begun = true;
    progress.rename(0, std::string(check.id));
    auto started = std::chrono::steady_clock::now();
    std::size_t before = found.findings().size();
    if (check.run == checks::check_staged_content && !scopes.empty())
      check_content_by_folder(context, scopes, found);
    else
      check.run(context, found);
    if (verbose)
      progress.without_line([&] {
        report::detail(std::string(check.id) + ": ran in " + milliseconds_since(started) + ", " +
                       std::to_string(found.findings().size() - before) + " finding(s)");
      });
  }
  progress.end();
  // SKIP also names single rules of a check (SKIP=subject-case).
  for (const report::Finding& finding : found.findings())
    if (!skipped.count(finding.check))
      report.add(finding);
}

// " (or skip these checks once with SKIP=a,b)" for the checks behind the errors
// that SKIP can skip; required ones are named as such instead.
std::string skip_hint(Hook hook, bool server, const RunOptions& options,
                      const report::Report& report,
                      const std::vector<std::string>& nested_required) {
  std::set<std::string> required;
  try {
    required = unskippable(hook, options.rules(), nested_required); // read already: the checks ran
  } catch (const std::exception&) {
    // Without rules nothing is known to be required.
  }
  std::string ids, fixed;
  std::set<std::string> seen;
  for (const auto& f : report.findings()) {
    if (f.severity != report::Severity::error || !seen.insert(f.check).second)
      continue;
    std::string& list = required.count(f.check) ? fixed : ids;
    list += (list.empty() ? "" : ",") + f.check;
  }
  std::string hint;
  if (!ids.empty())
    hint += server ? " (or skip these checks once with git push -o SKIP=" + ids + ")"
                   : " (or skip these checks once with SKIP=" + ids + ")";
  if (!fixed.empty())
    hint += " (" + fixed + ": required, SKIP cannot skip)";
  return hint;
}

int run_chained(const checks::HookInput& input, const fs::path& chained) {
  std::vector<std::string> argv{chained.string()};
  argv.insert(argv.end(), input.args.begin(), input.args.end());
  preflight::RunOptions run_options;
  if (reads_stdin(input.hook))
    run_options.input = input.stdin_data;
  return run_process(argv, run_options).exit_code;
}

} // namespace

const config::Config& RunOptions::rules() const {
  if (m_rules_error)
    std::rethrow_exception(m_rules_error);
  if (!m_rules) {
    try {
      config::LoadOptions load;
      load.root = root;
      load.file = rules_file;
      m_rules = std::make_shared<const config::Config>(config::load(load));
    } catch (...) {
      m_rules_error = std::current_exception();
      throw;
    }
  }
  return *m_rules;
}

git::Repository& RunOptions::repo() const {
  if (repository)
    return *repository;
  if (!m_repo)
    m_repo = std::make_shared<git::Repository>(git::Repository::open_for_hook());
  return *m_repo;
}

git::Repository* RunOptions::opened_repo() const {
  return repository ? repository : m_repo.get();
}

std::set<std::string, std::less<>> skipped_ids() {
  std::set<std::string, std::less<>> ids;
  if (const char* skip = std::getenv("SKIP"))
    for (const std::string& id : split(skip, ','))
      if (!trim(id).empty())
        ids.emplace(trim(id));
  return ids;
}

std::set<std::string, std::less<>> push_option_skips() {
  std::set<std::string, std::less<>> ids;
  const char* count = std::getenv("GIT_PUSH_OPTION_COUNT");
  for (long i = 0, n = count ? std::strtol(count, nullptr, 10) : 0; i < n && i < 1000; ++i)
    if (const char* option = std::getenv(("GIT_PUSH_OPTION_" + std::to_string(i)).c_str());
        option && std::string_view(option).starts_with("SKIP="))
      for (const std::string& id : split(std::string_view(option).substr(5), ','))
        if (!trim(id).empty())
          ids.emplace(trim(id));
  return ids;
}

bool reads_stdin(Hook hook) {
  return hook == Hook::pre_push || hook == Hook::reference_transaction;
}

int run(const checks::HookInput& input, const RunOptions& options) {
  auto started = std::chrono::steady_clock::now();
  std::string name = input.server ? "push (server)" : std::string(checks::hook_name(input.hook));
  bool color = options.color;
  report::Report report;
  std::vector<commands::CommandResult> command_results;
  std::vector<std::string> nested_required; // required commands of nested rules files
  int code = 0;
  // A broken rules file that a step before the checks met is reported already.
  bool reported = options.rules_failed();
  try {
    run_checks(input, options, report, command_results, nested_required);
  } catch (const Error& e) {
    if (!reported)
      report::print_error(e.what(), color);
    if (fails_open(input.hook)) {
      std::fprintf(stderr, "preflight: %s checks skipped; git goes on\n", name.c_str());
    } else {
      if (e.exit() == Exit::usage)
        std::fprintf(stderr, "preflight: fix the rules file, or %s\n", bypass_hint(input).c_str());
      return static_cast<int>(e.exit());
    }
  } catch (const std::exception& e) {
    if (!reported)
      report::print_error(std::string("internal: ") + e.what(), color);
    return fails_open(input.hook) ? 0 : static_cast<int>(Exit::internal);
  }

  if (options.format == "json")
    std::fputs(commands::add_to_json(report::to_json(report), command_results).c_str(), stdout);
  else if (auto text = report::format_report(report, options.format))
    std::fputs(text->c_str(), stdout);
  else
    report::print_text(report, stderr, color);
  if (report.has_errors()) {
    code = static_cast<int>(Exit::blocked);
    report::note(name + " blocked by " + std::to_string(report.count(report::Severity::error)) +
                 " error(s); fix them, or " + bypass_hint(input) +
                 skip_hint(input.hook, input.server, options, report, nested_required));
  }

  if (options.chained) {
    try {
      int chained_code = run_chained(input, *options.chained);
      if (chained_code != 0) {
        std::fprintf(stderr, "preflight: the previous %s hook (%s) failed with exit code %d\n",
                     name.c_str(), options.chained->c_str(), chained_code);
        code = static_cast<int>(Exit::blocked);
      }
    } catch (const Error& e) {
      report::print_error(e.what(), color);
      code = static_cast<int>(Exit::blocked);
    }
  }
  if (commands::interrupted())
    code = static_cast<int>(Exit::interrupted);
  if (report::verbosity() == report::Verbosity::verbose)
    report::detail(name + ": done in " + milliseconds_since(started) + ", exit " +
                   std::to_string(code));
  return code;
}

int main(Hook hook, int argc, char** argv, BeforeFn before) {
  // `.git/hooks/pre-commit --version`: git never passes this word alone.
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::printf("preflight %s %.*s\n", std::string(checks::hook_name(hook)).c_str(),
                static_cast<int>(build_version().size()), build_version().data());
    return 0;
  }
  checks::HookInput input;
  input.hook = hook;
  for (int i = 1; i < argc; ++i)
    input.args.emplace_back(argv[i]);
  RunOptions options;
  try {
    if (reads_stdin(hook))
      input.stdin_data = read_stdin();
    // git runs hooks in the working tree root (the git dir when bare).
    options.root = fs::current_path();
  } catch (const std::exception& e) {
    report::print_error(e.what(), false);
    return fails_open(hook) ? 0 : static_cast<int>(Exit::internal);
  }
  options.color = report::use_color(stderr);
  // The hook we replaced at install time lives beside us as <hook>.local.
  std::string self = argc > 0 ? argv[0] : "";
  if (self.find('/') != std::string::npos) {
    std::string previous = self + ".local";
    if (::access(previous.c_str(), X_OK) == 0)
      options.chained = previous;
  }
  if (before)
    if (int code = before(input, options); code != 0)
      return code;
  // The rules, the repository and their trees die with the process.
  return exit_now(run(input, options));
}

} // namespace preflight::hook
