#include "cli/status_server.hpp"

#include "config/config.hpp"
#include "git/repository.hpp"
#include "install/install.hpp"
#include "report/output.hpp"
#include "server/receive.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>

namespace preflight::cli {
namespace fs = std::filesystem;

namespace {

// What a server goes without when hook is not there.
std::string server_cost(const std::string& hook) {
  if (hook == "pre-receive")
    return "pushes to this repository are not checked (messages, added files, protected "
           "branches)";
  return "with server.per_ref: true nothing is checked, since pre-receive then leaves every "
         "ref to the update hook";
}

// What is wrong with one server hook, and what to run.
std::optional<std::string> server_problem(const install::HookStatus& hook) {
  switch (hook.state) {
  case install::State::ours: return std::nullopt;
  case install::State::missing:
    return hook.name + " is not installed: " + server_cost(hook.name) +
           " (run preflight install --server)";
  case install::State::stale:
    return hook.name + " runs " + hook.target.string() +
           ", not this preflight's hook (run preflight install --server)";
  case install::State::foreign:
    return hook.name + " is " + (hook.owner.empty() ? std::string("another tool") : hook.owner) +
           "'s hook, so " + server_cost(hook.name) + " (run preflight install --server: it keeps " +
           "that hook as " + hook.name + ".local and runs it after preflight's checks)";
  }
  return std::nullopt;
}

// "installed", "missing" ... and who runs the hook, in words.
std::pair<std::string_view, std::string_view> state_of(const install::HookStatus& hook) {
  switch (hook.state) {
  case install::State::missing: return {"missing", "nothing runs"};
  case install::State::ours: return {"installed", "preflight"};
  case install::State::stale: return {"stale", "preflight (another install)"};
  case install::State::foreign: return {"foreign", "another tool"};
  }
  return {"?", "?"};
}

} // namespace

Exit server_status(const git::Repository& repo, const GlobalOptions& global) {
  fs::path libexec = install::libexec_dir();
  std::vector<std::string> problems;
  std::vector<std::string> files;
  try {
    config::LoadOptions load;
    load.root = repo.git_dir();
    load.file = server::configured_rules_file(repo);
    files = config::load(load).files();
  } catch (const Error& e) {
    problems.push_back(std::string("the server's rules do not load:\n") + e.what());
  }
  auto hooks = install::inspect_server(repo, libexec);
  for (const auto& hook : hooks)
    if (auto problem = server_problem(hook))
      problems.push_back(*problem);
  for (std::string& problem : install::verify_binaries(libexec))
    problems.push_back(std::move(problem));
  if (global.format == "json") {
    nlohmann::json doc;
    doc["repository"] = repo.git_dir().string();
    doc["bare"] = true;
    doc["hooks_dir"] = repo.hooks_dir().string();
    doc["libexec"] = libexec.string();
    doc["rules_files"] = files;
    doc["problems"] = problems;
    for (const auto& hook : hooks)
      doc["hooks"][hook.name] = {
          {"state", state_of(hook).first}, {"path", hook.path.string()}, {"chained", hook.chained}};
    std::printf("%s\n", doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return problems.empty() ? Exit::ok : Exit::blocked;
  }
  report::print_line(stdout, "repository:  " + repo.git_dir().string() +
                                 " (bare: the server hooks of preflight install --server)");
  report::print_line(stdout, "hooks:       " + repo.hooks_dir().string());
  for (const auto& hook : hooks) {
    char line[64];
    std::snprintf(line, sizeof line, "  %-22s ", hook.name.c_str());
    auto [state, owner] = state_of(hook);
    report::print_line(stdout, line + std::string(state) + ": " + std::string(owner) +
                                   (hook.chained ? ", then " + hook.name + ".local" : ""));
  }
  std::string rules;
  for (const std::string& file : files)
    rules += (rules.empty() ? "" : ", then ") + file;
  report::print_line(stdout, "rules:       " + (rules.empty() ? "(none loaded)" : rules) +
                                 " (git config preflight.rules names the server's own file)");
  if (problems.empty())
    std::printf("no problems found\n");
  for (const std::string& problem : problems)
    report::print_line(stdout, "problem: " + problem);
  return problems.empty() ? Exit::ok : Exit::blocked;
}

} // namespace preflight::cli
