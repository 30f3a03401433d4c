// preflight install | uninstall | status | version
#include "cli/commands.hpp"
#include "commands/hook_commands.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "install/install.hpp"
#include "install/notebook_filter.hpp"
#include "notebook/settings.hpp"
#include "report/output.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>

namespace preflight::cli {
namespace fs = std::filesystem;

namespace {

void print_lines(const std::vector<std::string>& lines) {
  for (const std::string& line : lines)
    std::printf("%s\n", line.c_str());
}

std::string_view state_name(install::State state) {
  switch (state) {
  case install::State::missing: return "missing";
  case install::State::ours: return "installed";
  case install::State::stale: return "stale";
  case install::State::foreign: return "foreign";
  }
  return "?";
}

// The clean filter and textconv follow the rules: set up when they strip
// notebooks, taken out again when they no longer do.
std::vector<std::string> sync_notebook_filter(const git::Repository& repo) {
  notebook::Settings settings;
  try {
    settings = notebook::settings_from_config(config::load({rules_root(repo)}));
  } catch (const Error& e) {
    report::print_error(e.what(), report::use_color(stderr));
    return {"notebook filter: not changed, the rules do not load (fix them, then run preflight "
            "install again)"};
  }
  if (settings.enabled && !settings.check_only)
    return install::install_notebook_filter(repo, install::self_path());
  return install::uninstall_notebook_filter(repo);
}

} // namespace

Action setup_install(CLI::App&, const GlobalOptions&) {
  return [] {
    git::Repository repo = open_repository();
    fs::path dir = repo.hooks_dir();
    std::printf("preflight: installing hooks into %s\n", dir.c_str());
    print_lines(install::install(repo, install::libexec_dir()));
    print_lines(sync_notebook_filter(repo));
    return Exit::ok;
  };
}

Action setup_uninstall(CLI::App&, const GlobalOptions&) {
  return [] {
    git::Repository repo = open_repository();
    print_lines(install::uninstall(repo, install::libexec_dir()));
    print_lines(install::uninstall_notebook_filter(repo));
    return Exit::ok;
  };
}

Action setup_status(CLI::App&, const GlobalOptions& global) {
  return [&global] {
    git::Repository repo = open_repository();
    fs::path libexec = install::libexec_dir();
    auto hooks = install::inspect(repo, libexec);
    std::vector<std::string> problems;
    std::vector<std::string> files;
    fs::path root = rules_root(repo);
    bool strips_notebooks = false;
    try {
      config::Config rules = config::load({root});
      files = rules.files();
      notebook::Settings notebooks = notebook::settings_from_config(rules);
      strips_notebooks = notebooks.enabled && !notebooks.check_only;
      for (std::string& problem : commands::status_problems(repo, rules))
        problems.push_back(std::move(problem));
    } catch (const Error& e) {
      problems.push_back(std::string("the rules do not load:\n") + e.what());
    }
    for (const auto& hook : hooks) {
      if (hook.state == install::State::missing)
        problems.push_back(hook.name + " is not installed (run preflight install)");
      else if (hook.state == install::State::stale)
        problems.push_back(hook.name + " points to " + hook.target.string() +
                           ", not to this preflight (run preflight install)");
      else if (hook.state == install::State::foreign)
        problems.push_back(hook.name +
                           " is another tool's hook (run preflight install to chain it)");
    }
    bool filter = install::notebook_filter_installed(repo);
    if (strips_notebooks && !filter)
      problems.push_back("the notebook clean filter is not configured, so `git status` shows "
                         "notebooks with outputs as modified (run preflight install)");
    if (global.format == "json") {
      nlohmann::json doc;
      doc["repository"] = repo.git_dir().string();
      doc["hooks_dir"] = repo.hooks_dir().string();
      doc["libexec"] = libexec.string();
      doc["rules_files"] = files;
      doc["problems"] = problems;
      doc["notebook_filter"] = filter;
      for (const auto& hook : hooks)
        doc["hooks"][hook.name] = {{"state", state_name(hook.state)},
                                   {"path", hook.path.string()},
                                   {"chained", hook.chained}};
      std::printf("%s\n", doc.dump(2).c_str());
      return problems.empty() ? Exit::ok : Exit::blocked;
    }
    std::printf("repository:  %s\n", repo.git_dir().c_str());
    std::printf("hooks:       %s\n", repo.hooks_dir().c_str());
    for (const auto& hook : hooks) {
      std::string chained = hook.chained ? " (chains " + hook.name + ".local)" : "";
      std::printf("  %-22s %s%s\n", hook.name.c_str(), std::string(state_name(hook.state)).c_str(),
                  chained.c_str());
    }
    std::printf("notebooks:   clean filter %s\n", filter ? "configured" : "not configured");
    std::string rules;
    for (const std::string& file : files)
      rules += (rules.empty() ? "" : ", then ") + file;
    std::printf("rules:       %s\n", rules.empty() ? "(none loaded)" : rules.c_str());
    if (problems.empty())
      std::printf("no problems found\n");
    for (const std::string& problem : problems)
      report::print_line(stdout, "problem: " + problem);
    return problems.empty() ? Exit::ok : Exit::blocked;
  };
}

Action setup_version(CLI::App&, const GlobalOptions&) {
  return [] {
    std::printf("preflight %s\n", PREFLIGHT_VERSION);
    return Exit::ok;
  };
}

} // namespace preflight::cli
