// preflight trust: show the commands the committed rules would run, and record
// that exact content as trusted. preflight restore-unstaged: give back the
// unstaged changes an interrupted hook set aside.
#include "commands/trust.hpp"
#include "cli/commands.hpp"
#include "commands/hook_commands.hpp"
#include "commands/unstaged.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "report/output.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <unistd.h>

namespace preflight::cli {

namespace {

struct TrustOptions {
  bool yes = false;
  bool show = false;
};

} // namespace

Action setup_trust(CLI::App& sub, const GlobalOptions&) {
  auto options = std::make_shared<TrustOptions>();
  sub.add_flag("--yes,-y", options->yes, "Trust without asking (for scripts and CI)");
  sub.add_flag("--show", options->show, "Only show the commands and whether they are trusted");
  return [options] {
    git::Repository repo = open_repository();
    config::Config rules = config::load({rules_root(repo)});
    auto state = commands::trust_state(rules, repo);
    if (state.sections.empty()) {
      std::printf("the committed rules run no commands; nothing to trust\n");
      return Exit::ok;
    }
    // Once something was trusted, only what changed since: a diff is what a
    // reviewer can read after a pull.
    auto changes = state.trusted ? std::nullopt : commands::changes_since_trust(repo, state);
    // The text is the repository's: escaped like everything else printed.
    std::string shown =
        changes && !changes->empty()
            ? "changed since you last trusted this repository's commands:\n" + *changes
            : state.text;
    if (shown.ends_with('\n'))
      shown.pop_back();
    report::print_line(stdout, shown);
    std::printf("sha256: %s\n", state.hash.c_str());
    if (state.trusted) {
      std::printf("these commands are trusted in this repository\n");
      return Exit::ok;
    }
    if (options->show) {
      std::printf("not trusted yet: run `preflight trust` to trust them\n");
      return Exit::blocked;
    }
    if (!options->yes) {
      if (::isatty(STDIN_FILENO) == 0) {
        std::printf("not trusted: read them, then run `preflight trust --yes`\n");
        return Exit::blocked;
      }
      std::printf("Run these commands in this repository's hooks? [y/N] ");
      std::fflush(stdout);
      std::string answer;
      std::getline(std::cin, answer);
      if (answer != "y" && answer != "Y" && answer != "yes") {
        std::printf("not trusted\n");
        return Exit::blocked;
      }
    }
    commands::record_trust(repo.common_dir(), state);
    std::printf("trusted: hooks will run these commands until they change\n");
    return Exit::ok;
  };
}

Action setup_restore_unstaged(CLI::App&, const GlobalOptions& global) {
  return [&global] {
    git::Repository repo = open_repository();
    if (!commands::leftover_snapshot(repo)) {
      std::printf("no unstaged changes are waiting to be restored\n");
      return Exit::ok;
    }
    report::Report report;
    std::string note = commands::recover_leftover(repo, report);
    report::print_line(stdout, note);
    report::print_text(report, stderr, global.color);
    return report.has_errors() ? Exit::blocked : Exit::ok;
  };
}

} // namespace preflight::cli
