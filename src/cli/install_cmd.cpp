// preflight install | uninstall | status | version | hook
#include "cli/commands.hpp"
#include "cli/status_server.hpp"
#include "commands/any_hook.hpp"
#include "commands/hook_commands.hpp"
#include "commands/nested.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "install/chosen.hpp"
#include "install/install.hpp"
#include "install/notebook_filter.hpp"
#include "notebook/output_cache.hpp"
#include "notebook/settings.hpp"
#include "report/output.hpp"
#include "util/version.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <unistd.h>

namespace preflight::cli {
namespace fs = std::filesystem;

namespace {

// What install and uninstall did, one line per action; nothing with -q.
void print_lines(const std::vector<std::string>& lines) {
  if (report::verbosity() == report::Verbosity::quiet)
    return;
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

// The clean filter (and the textconv) follow the rules: set up when they strip
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
    return install::install_notebook_filter(
        &repo, install::libexec_filter_commands(install::libexec_dir()), settings.diff_textconv);
  return install::uninstall_notebook_filter(repo);
}

// Who runs a hook, in words: "preflight", "preflight (portable)", "lefthook".
std::string owner_of(const install::HookStatus& hook) {
  switch (hook.state) {
  case install::State::missing: return "nothing runs";
  case install::State::ours: return hook.portable ? "preflight (portable script)" : "preflight";
  case install::State::stale:
    return hook.link ? "preflight (symbolic link of an older install)"
                     : "preflight (another install)";
  case install::State::foreign:
    return (hook.owner.empty() ? std::string("another tool") : hook.owner) +
           (hook.legacy_ours ? ", which runs preflight's hook (kept as " + hook.name + ".legacy)"
                             : std::string());
  }
  return "?";
}

void add_hooks_option(CLI::App& sub, std::vector<std::string>& hooks, const std::string& doc) {
  sub.add_option("--hooks", hooks,
                 doc + ": a comma-separated list of pre-commit, commit-msg, pre-push, "
                       "post-checkout, reference-transaction, or a hook the rules give commands "
                       "(post-merge, ...)")
      ->delimiter(',');
}

// The names of hooks (only those that are ours with ours_only).
std::vector<std::string> hooks_in_state(const std::vector<install::HookStatus>& hooks,
                                        bool ours_only) {
  std::vector<std::string> names;
  for (const install::HookStatus& hook : hooks)
    if (!ours_only || hook.state == install::State::ours)
      names.push_back(hook.name);
  return names;
}

// The hooks the rules give commands, or none when the rules do not load.
std::vector<std::string> rules_hooks(const git::Repository& repo) {
  try {
    return commands::hooks_in_use(config::load({rules_root(repo)}));
  } catch (const Error&) {
    return {};
  }
}

// What a repository goes without when hook is not installed.
std::string cost_of_missing(const std::string& hook) {
  if (hook == "pre-commit")
    return "staged files are not checked (notebooks, checkpoints, large files, secrets, team "
           "commands)";
  if (hook == "commit-msg")
    return "commit messages are not checked";
  if (hook == "pre-push")
    return "pushed commits are not checked, and protected branches can be force-pushed or "
           "deleted";
  if (hook == "post-checkout")
    return "no backup branch for commits left behind on a detached HEAD, no __pycache__ "
           "clean-up and no post_checkout actions";
  if (hook == "reference-transaction")
    return "no backup branch when a reset, rebase, `branch -f`, `checkout -B` or a deletion "
           "moves a branch off its commits (only `preflight safe-reset` and the shell guard "
           "still save them); ref updates cost nothing extra, which matters only with tens of "
           "thousands of refs";
  return "the rules' " + hook + " commands do not run";
}

// What is wrong with one hook, and what to run.
std::optional<std::string> hook_problem(const install::HookStatus& hook,
                                        const install::HooksPlace& place) {
  std::string tool = hook.owner.empty() ? "another tool" : hook.owner;
  switch (hook.state) {
  case install::State::ours: return std::nullopt;
  case install::State::missing:
    if (!place.owner.empty())
      return hook.name + " is not installed in " + place.dir.string() + ", the hooks folder " +
             place.owner + " set as core.hooksPath, so git does not run preflight's " + hook.name +
             " (run preflight install to add it there; " + place.owner +
             "'s own hook of that name, if it writes one later, would replace it)";
    return hook.name + " is not installed: " + cost_of_missing(hook.name) +
           " (run preflight install --hooks " + hook.name + ")";
  case install::State::stale:
    if (hook.link)
      return hook.name + " is a symbolic link into the shared preflight binaries (an older " +
             "install): a tool that writes this hook would write over the binary every " +
             "repository runs (run preflight install to replace it with a hook file of its own)";
    return hook.name + " runs " + hook.target.string() +
           ", not this preflight's hook (run preflight install)";
  case install::State::foreign:
    if (hook.legacy_ours && (hook.owner == "pre-commit" || hook.owner == "prek"))
      return std::nullopt; // they run <hook>.legacy first
    return hook.name + " is " + tool + "'s hook, so preflight's " + hook.name +
           " checks do not run" +
           (hook.renamed_ours ? " (" + tool + " renamed preflight's hook to " + hook.name +
                                    ".old, which git never runs)"
                              : std::string()) +
           "; to run both, run preflight install: it keeps " + tool + "'s hook as " + hook.name +
           ".local and runs it after preflight's checks";
  }
  return std::nullopt;
}

// Runs the shared hook binary NAME (or the hook whose path ends in /NAME) with
// the arguments as given: what the portable hook scripts call.
[[noreturn]] void exec_hook(int argc, char** argv) {
  std::string given = argv[0];
  std::string name = fs::path(given).filename().string();
  const auto& names = install::hook_names();
  if (std::find(names.begin(), names.end(), name) == names.end() &&
      !commands::find_any_hook(name)) {
    report::print_error("unknown hook \"" + name + "\" (preflight has " + "pre-commit, " +
                            "commit-msg, pre-push, post-checkout, reference-transaction, and " +
                            "the hooks of githooks(5) that run commands: post-merge, ...)",
                        report::use_color(stderr));
    std::_Exit(static_cast<int>(Exit::usage));
  }
  fs::path target = install::libexec_dir() / install::binary_for(name);
  std::vector<char*> args(argv, argv + argc);
  args.push_back(nullptr);
  ::execv(target.c_str(), args.data());
  report::print_error("cannot run " + target.string() + ": " + std::strerror(errno) +
                          " (reinstall preflight: ./install.sh)",
                      report::use_color(stderr));
  const commands::AnyHook* any = commands::find_any_hook(name);
  bool fails_open =
      name == "post-checkout" || name == "reference-transaction" || (any && !any->may_refuse);
  std::_Exit(fails_open ? 0 : static_cast<int>(Exit::internal));
}

} // namespace

int run_hook_command(int argc, char** argv) {
  if (argc < 1) {
    report::print_error("usage: preflight hook NAME [ARGUMENTS...]", report::use_color(stderr));
    return static_cast<int>(Exit::usage);
  }
  exec_hook(argc, argv);
}

Action setup_hook(CLI::App& sub, const GlobalOptions&) {
  sub.add_option("name", "The hook to run (pre-commit ...), then its arguments as git gives them");
  return [] { return Exit::usage; };
}

Action setup_install(CLI::App& sub, const GlobalOptions&) {
  auto options = std::make_shared<install::InstallOptions>();
  sub.add_flag("--global", options->global,
               "Install into the core.hooksPath of your user-level git config, so that the "
               "hooks run in every repository of yours");
  sub.add_flag("--portable", options->portable,
               "Write hook scripts that run `preflight` from PATH, with no path of this "
               "machine: for a hooks folder that is committed");
  sub.add_flag("--server", options->server,
               "Install the server hooks (pre-receive, update) into a repository that people "
               "push to: the pre-push checks on every push, with the server's rules "
               "(docs/server.md)");
  add_hooks_option(sub, options->hooks, "Install only these hooks (default: all)");
  return [options] {
    install::check_hook_names(options->hooks);
    git::Repository repo = open_repository();
    fs::path dir = repo.hooks_dir();
    print_lines({"preflight: installing hooks into " + dir.string()});
    std::fflush(stdout);
    // Besides the built-in five, the hooks the rules give commands.
    try {
      options->command_hooks = commands::hooks_in_use(config::load({rules_root(repo)}));
    } catch (const Error& e) {
      report::print_error(e.what(), report::use_color(stderr));
      std::printf("hooks with commands only (post-merge, ...): not changed, the rules do not "
                  "load (fix them, then run preflight install again)\n");
      options->rules_loaded = false;
    }
    std::vector<std::string> ours_before = hooks_in_state(
        install::inspect(repo, install::libexec_dir(), options->command_hooks), true);
    print_lines(install::install(repo, install::libexec_dir(), *options));
    // A subset chosen on purpose is remembered for status (not for a server,
    // nor for a user-level hooks folder that every repository shares).
    if (!options->server && !options->global)
      print_lines(install::remember_install(
          repo, options->hooks, ours_before,
          hooks_in_state(install::inspect(repo, install::libexec_dir(), options->command_hooks),
                         false)));
    if (!options->server)
      print_lines(sync_notebook_filter(repo));
    return Exit::ok;
  };
}

Action setup_uninstall(CLI::App& sub, const GlobalOptions&) {
  auto hooks = std::make_shared<std::vector<std::string>>();
  add_hooks_option(sub, *hooks, "Remove only these hooks (default: all, and the notebook filter)");
  return [hooks] {
    install::check_hook_names(*hooks);
    git::Repository repo = open_repository();
    std::vector<std::string> all =
        hooks_in_state(install::inspect(repo, install::libexec_dir(), rules_hooks(repo)), false);
    print_lines(install::uninstall(repo, install::libexec_dir(), *hooks));
    if (!repo.is_bare())
      print_lines(install::remember_uninstall(repo, *hooks, all));
    if (hooks->empty())
      print_lines(install::uninstall_notebook_filter(repo));
    return Exit::ok;
  };
}

Action setup_status(CLI::App&, const GlobalOptions& global) {
  return [&global] {
    git::Repository repo = open_repository();
    if (repo.is_bare())
      return server_status(repo, global);
    fs::path libexec = install::libexec_dir();
    std::vector<std::string> problems;
    std::vector<std::string> files;
    std::vector<std::string> command_hooks;
    fs::path root = rules_root(repo);
    bool strips_notebooks = false;
    bool diff_textconv = false;
    std::uint64_t cache_max = 0;
    try {
      config::Config rules = config::load({root});
      command_hooks = commands::hooks_in_use(rules);
      files = rules.files();
      for (const config::Scope& scope : commands::nested_scopes(rules, repo))
        files.push_back(scope.file);
      notebook::Settings notebooks = notebook::settings_from_config(rules);
      strips_notebooks = notebooks.enabled && !notebooks.check_only;
      cache_max = notebooks.output_cache_max_size;
      diff_textconv = notebooks.diff_textconv;
      for (std::string& problem : commands::status_problems(repo, rules))
        problems.push_back(std::move(problem));
    } catch (const Error& e) {
      problems.push_back(std::string("the rules do not load:\n") + e.what());
    }
    auto hooks = install::inspect(repo, libexec, command_hooks);
    install::HooksPlace place = install::hooks_place(repo);
    // Hooks left out on purpose (install/uninstall --hooks) are no problem:
    // status says what each costs. One that was chosen and is gone still is.
    auto chosen = install::chosen_hooks(repo);
    std::vector<std::pair<std::string, std::string>> left_out; // name, cost
    auto is_left_out = [&chosen](const install::HookStatus& hook) {
      return chosen && !chosen->count(hook.name) &&
             (hook.state == install::State::missing || hook.state == install::State::foreign);
    };
    for (const auto& hook : hooks)
      if (is_left_out(hook))
        left_out.emplace_back(hook.name, cost_of_missing(hook.name));
      else if (auto problem = hook_problem(hook, place))
        problems.push_back(*problem);
    for (std::string& problem : install::verify_binaries(libexec))
      problems.push_back(std::move(problem));
    bool filter = install::notebook_filter_installed(repo);
    if (strips_notebooks && !filter)
      problems.push_back("the notebook clean filter is not configured, so `git status` shows "
                         "notebooks with outputs as modified (run preflight install)");
    if (strips_notebooks && filter) {
      try {
        if (auto difference = install::notebook_filter_difference(
                repo, install::libexec_filter_commands(libexec),
                install::program_filter_commands(install::self_path()), diff_textconv))
          problems.push_back("the notebook filter is not set up as the rules say: " + *difference +
                             " (run preflight install)");
      } catch (const Error& e) {
        problems.push_back(e.what());
      }
    }
    notebook::OutputCache cache(notebook::OutputCache::folder_in(repo.common_dir()), cache_max);
    notebook::CacheUsage cached = cache.usage();
    // The function that `preflight shell-init` prints exports PREFLIGHT_GUARD=1.
    const char* guard = std::getenv("PREFLIGHT_GUARD");
    bool guard_active = guard && std::string_view(guard) == "1";
    if (global.format == "json") {
      nlohmann::json doc;
      doc["repository"] = repo.git_dir().string();
      doc["hooks_dir"] = repo.hooks_dir().string();
      doc["libexec"] = libexec.string();
      doc["rules_files"] = files;
      doc["problems"] = problems;
      doc["notebook_filter"] = filter;
      doc["notebook_output_cache"] = {
          {"path", notebook::OutputCache::folder_in(repo.common_dir()).string()},
          {"notebooks", cached.entries},
          {"bytes", cached.bytes},
          {"max_size", cache_max}};
      doc["shell_guard"] = guard_active;
      for (const auto& hook : hooks)
        doc["hooks"][hook.name] = {{"state", state_name(hook.state)},
                                   {"owner", owner_of(hook)},
                                   {"path", hook.path.string()},
                                   {"chained", hook.chained},
                                   {"left_out", is_left_out(hook)}};
      doc["left_out"] = nlohmann::json::object();
      for (const auto& [name, cost] : left_out)
        doc["left_out"][name] = cost;
      std::printf("%s\n", doc.dump(2).c_str());
      return problems.empty() ? Exit::ok : Exit::blocked;
    }
    std::printf("repository:  %s\n", repo.git_dir().c_str());
    std::string where = place.owner.empty() ? "" : " (core.hooksPath, set by " + place.owner + ")";
    std::printf("hooks:       %s%s\n", repo.hooks_dir().c_str(), where.c_str());
    for (const auto& hook : hooks) {
      std::string chained = hook.chained ? ", then " + hook.name + ".local" : "";
      std::string state(state_name(hook.state));
      if (is_left_out(hook))
        state = "left out on purpose";
      std::printf("  %-22s %s: %s%s\n", hook.name.c_str(), state.c_str(), owner_of(hook).c_str(),
                  chained.c_str());
    }
    std::printf("notebooks:   clean filter %s\n", filter ? "configured" : "not configured");
    std::printf("  output cache: %s in %llu notebook%s, %s\n",
                notebook::human_size(cached.bytes).c_str(),
                static_cast<unsigned long long>(cached.entries), cached.entries == 1 ? "" : "s",
                cache.enabled() ? ("at most " + notebook::human_size(cache_max)).c_str()
                                : "off (notebooks.output_cache.max_size: 0)");
    std::printf("shell guard: %s\n",
                guard_active
                    ? "active in this shell"
                    : "not active (add eval \"$(preflight shell-init bash)\" to "
                      "~/.bashrc, or the zsh or fish line: see preflight shell-init --help)");
    std::string rules;
    for (const std::string& file : files)
      rules += (rules.empty() ? "" : ", then ") + file;
    std::printf("rules:       %s\n", rules.empty() ? "(none loaded)" : rules.c_str());
    for (const auto& [name, cost] : left_out)
      report::print_line(stdout, "left out: " + name + " (install --hooks chose the others): " +
                                     cost + " (add it with preflight install --hooks " + name +
                                     "; preflight install installs every hook)");
    if (problems.empty())
      std::printf("no problems found\n");
    for (const std::string& problem : problems)
      report::print_line(stdout, "problem: " + problem);
    return problems.empty() ? Exit::ok : Exit::blocked;
  };
}

Action setup_version(CLI::App&, const GlobalOptions&) {
  return [] {
    std::printf("preflight %.*s\n", static_cast<int>(build_version().size()),
                build_version().data());
    return Exit::ok;
  };
}

} // namespace preflight::cli
