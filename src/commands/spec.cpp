#include "commands/spec.hpp"

#include "config/diagnostics.hpp"

#include "util/fs.hpp"
#include "util/strings.hpp"

#include <set>

namespace preflight::commands {

namespace {

bool flag(const YAML::Node& item, const char* key, bool fallback) {
  const YAML::Node node = item[key];
  return node ? node.as<bool>() : fallback;
}

std::vector<std::string> strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node)
    return out;
  if (node.IsScalar())
    out.push_back(node.Scalar());
  else
    for (const auto& item : node)
      out.push_back(item.Scalar());
  return out;
}

} // namespace

std::optional<std::string> commands_section(checks::Hook hook) {
  switch (hook) {
  case checks::Hook::pre_commit: return "pre_commit";
  case checks::Hook::commit_msg: return "commit_msg";
  case checks::Hook::pre_push: return "pre_push";
  default: return std::nullopt;
  }
}

std::vector<CommandSpec> read_commands(const config::Config& rules, checks::Hook hook) {
  auto section = commands_section(hook);
  return section ? read_commands(rules, *section) : std::vector<CommandSpec>{};
}

std::vector<CommandSpec> read_commands(const config::Config& rules, const std::string& section) {
  std::vector<CommandSpec> out;
  const config::Value* value = rules.find(section + ".commands");
  if (!value || !value->node.IsSequence())
    return out;
  config::Diagnostics diags(value->source.file);
  std::set<std::string> names;
  for (const YAML::Node& item : value->node) {
    CommandSpec spec;
    spec.source = value->source.file;
    if (!item["name"] || item["name"].Scalar().empty()) {
      diags.error(item, "a command needs a name (what output and SKIP= call it)");
      continue;
    }
    spec.name = item["name"].Scalar();
    if (!names.insert(spec.name).second)
      diags.error(item["name"], "two commands are named \"" + spec.name + "\"");
    if (spec.name.find(',') != std::string::npos)
      diags.error(item["name"], "a command name cannot hold a comma (SKIP= separates with commas)");
    const YAML::Node run = item["run"];
    if (!run) {
      diags.error(item, "command \"" + spec.name + "\" needs run: [program, arguments...]");
      continue;
    }
    if (run.IsScalar()) {
      spec.shell = true;
      // The script sees the files as "$@"; $0 names the command in sh's messages.
      spec.argv = {"sh", "-c", run.Scalar(), spec.name};
    } else {
      spec.argv = strings(run);
    }
    if (spec.argv.empty() || spec.argv[0].empty()) {
      diags.error(run, "command \"" + spec.name + "\" has an empty run");
      continue;
    }
    spec.glob = strings(item["glob"]);
    spec.exclude = strings(item["exclude"]);
    spec.pass_files = flag(item, "pass_files", true);
    if (item["root"]) {
      auto root = normal_relative_path(item["root"].Scalar());
      if (!root)
        diags.error(item["root"], "root must be a folder inside the repository");
      else
        spec.root = *root;
    }
    if (item["timeout"]) {
      // Bounded so that the deadline arithmetic (in milliseconds) cannot overflow.
      constexpr long long k_longest = 86400;
      long long seconds = item["timeout"].as<long long>();
      if (seconds <= 0 || seconds > k_longest)
        diags.error(item["timeout"],
                    "timeout must be from 1 to " + std::to_string(k_longest) + " seconds (a day)");
      else
        spec.timeout = std::chrono::seconds(seconds);
    }
    if (item["env"])
      for (const auto& entry : item["env"])
        spec.env.emplace_back(entry.first.Scalar(), entry.second.Scalar());
    spec.stage_fixed = flag(item, "stage_fixed", false);
    spec.fail_on_changes = flag(item, "fail_on_changes", !spec.stage_fixed);
    spec.read_only = flag(item, "read_only", false);
    spec.required = flag(item, "required", false);
    out.push_back(std::move(spec));
  }
  if (!diags.empty())
    throw Error(diags.str(), Exit::usage);
  return out;
}

} // namespace preflight::commands
