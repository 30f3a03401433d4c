// preflight check-msg FILE|-: the commit_msg rules on one message, outside a
// hook (CI, editors, scripts). Same library and rules as the commit-msg hook.
#include "checks/pre_push.hpp"
#include "cli/commands.hpp"
#include "commitmsg/lint.hpp"
#include "config/config.hpp"
#include "git/content.hpp"
#include "git/repository.hpp"
#include "report/ci.hpp"
#include "report/output.hpp"
#include "util/fs.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

namespace preflight::cli {

namespace {

struct CheckMsgOptions {
  std::string file;
  std::string range;
  std::string from_ref;
  std::string to_ref;
};

// The rules and core.commentChar of the repository we are in; outside a
// repository, the rules file of the current folder and no git config.
struct Environment {
  config::Config rules;
  std::optional<std::string> comment_char;
};

Environment environment() {
  std::optional<git::Repository> repo;
  try {
    repo.emplace(open_repository());
  } catch (const Error&) {
  }
  Environment env;
  env.rules = config::load({repo ? rules_root(*repo) : std::filesystem::current_path()});
  if (repo)
    env.comment_char = repo->config_string("core.commentChar");
  return env;
}

void print(const report::Report& report, const GlobalOptions& global) {
  if (auto text = report::format_report(report, global.format))
    std::fputs(text->c_str(), stdout);
  else
    report::print_text(report, stderr, global.color);
}

// --range A..B or --from-ref A --to-ref B: every commit in B that A lacks, each
// message judged as stored (as commitlint --from/--to judges it).
Exit check_range(const CheckMsgOptions& options, const GlobalOptions& global) {
  std::string from = options.from_ref, to = options.to_ref;
  if (!options.range.empty()) {
    std::size_t dots = options.range.find("..");
    if (dots == std::string::npos || options.range.find("...") != std::string::npos ||
        !from.empty() || !to.empty())
      throw Error("check-msg: --range takes A..B (and no --from-ref/--to-ref)", Exit::usage);
    from = options.range.substr(0, dots);
    to = options.range.substr(dots + 2);
  }
  if (to.empty() || (from.empty() && !options.range.empty()))
    throw Error("check-msg: a range needs its ends (A..B, or --to-ref with an optional "
                "--from-ref)",
                Exit::usage);
  if (!options.file.empty())
    throw Error("check-msg: give a message file or a range, not both", Exit::usage);
  git::Repository repo = open_repository();
  config::Config rules = config::load({rules_root(repo)});
  const commitmsg::Settings settings = commitmsg::settings_from(rules);
  report::Report report;
  // Without --from-ref, every commit --to-ref reaches (commitlint --to alone).
  auto commits = git::commits_to_push(repo, git::resolve_commit(repo, to),
                                      from.empty() ? "" : git::resolve_commit(repo, from), "");
  for (const checks::PushedCommit& commit : commits)
    checks::lint_commit_message(commit, settings, report);
  print(report, global);
  if (global.format == "text")
    std::fprintf(stderr, "preflight: %zu commit message(s) checked\n", commits.size());
  return report.has_errors() ? Exit::blocked : Exit::ok;
}

Exit check_message(const CheckMsgOptions& options, const GlobalOptions& global) {
  if (!options.range.empty() || !options.from_ref.empty() || !options.to_ref.empty())
    return check_range(options, global);
  if (options.file.empty())
    throw Error("check-msg: give the message file, or - for standard input", Exit::usage);
  const std::string bytes = options.file == "-" ? read_stdin() : read_file(options.file);
  const Environment env = environment();
  const commitmsg::Settings settings = commitmsg::settings_from(env.rules);
  const commitmsg::LintInput input{bytes, env.comment_char,
                                   options.file == "-" ? "<stdin>" : options.file};
  const commitmsg::LintResult result = commitmsg::lint(input, settings);
  report::Report report;
  for (const auto& finding : result.findings)
    report.add(finding);
  if (global.format == "text" && !result.ignored_by.empty())
    report::note("message not checked (ignored: " + result.ignored_by + ")");
  print(report, global);
  return report.has_errors() ? Exit::blocked : Exit::ok;
}

} // namespace

Action setup_check_msg(CLI::App& sub, const GlobalOptions& global) {
  auto options = std::make_shared<CheckMsgOptions>();
  sub.add_option("file", options->file, "The message file, or - for standard input");
  sub.add_option("--range", options->range, "Check every commit message in A..B");
  sub.add_option("--from-ref", options->from_ref,
                 "First commit (exclusive) of a range; without it, all history");
  sub.add_option("--to-ref", options->to_ref, "Last commit of a range");
  return [options, &global] { return check_message(*options, global); };
}

} // namespace preflight::cli
