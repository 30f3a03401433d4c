#include "cli/command_model.hpp"

#include "cli/commands.hpp"
#include "cli/output_options.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "hook/skip.hpp"
#include "install/install.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>

namespace preflight::cli {

namespace {

// "TEXT:{auto,always,never}" -> {auto, always, never}.
std::vector<std::string> member_values(const std::string& type_name) {
  auto open = type_name.find('{');
  auto close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open)
    return {};
  return split(type_name.substr(open + 1, close - open - 1), ',');
}

// Values CLI11 does not know: options and positionals that take a hook name.
std::vector<std::string> known_values(const std::string& command, const std::string& label) {
  bool hook = (command == "run" && label == "hook") || (command == "hook" && label == "name") ||
              label == "--hooks";
  if (hook)
    return install::hook_names();
  return {};
}

CommandInfo describe(const CLI::App& app, const std::string& name) {
  CommandInfo info;
  info.name = name;
  info.summary = app.get_description();
  for (const CLI::Option* option : app.get_options()) {
    OptionInfo item;
    item.doc = option->get_description();
    item.takes_value = option->get_expected_min() > 0;
    std::string type = option->get_type_name();
    item.values = member_values(type);
    if (option->get_positional()) {
      item.label = option->get_name();
      if (item.values.empty())
        item.values = known_values(name, item.label);
      info.positionals.push_back(std::move(item));
      continue;
    }
    for (const std::string& s : option->get_snames())
      item.names.push_back("-" + s);
    for (const std::string& l : option->get_lnames())
      item.names.push_back("--" + l);
    item.label = type;
    if (item.values.empty() && !item.names.empty())
      item.values = known_values(name, item.names.back());
    info.options.push_back(std::move(item));
  }
  for (const CLI::App* sub : app.get_subcommands({}))
    if (!sub->get_group().empty()) // hidden ones are for the build
      info.subcommands.push_back(describe(*sub, sub->get_name()));
  return info;
}

} // namespace

CommandInfo command_model() {
  CLI::App app{k_app_description, "preflight"};
  static GlobalOptions global;
  global.args = {"--help"}; // every option of every subcommand
  add_global_options(app, global);
  for (const Command& command : command_table()) {
    CLI::App* sub = app.add_subcommand(std::string(command.name), std::string(command.summary));
    command.setup(*sub, global);
  }
  CommandInfo root = describe(app, "");
  // `help COMMAND` takes the names of the listed subcommands.
  for (CommandInfo& sub : root.subcommands)
    if (sub.name == "help" && !sub.positionals.empty())
      for (const CommandInfo& other : root.subcommands)
        sub.positionals[0].values.push_back(other.name);
  return root;
}

std::vector<std::string> skip_ids() {
  return hook::skip_names(config::Config{});
}

bool plain_id(std::string_view name) {
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (name.empty() || name.size() > 100 || !word(name.front()))
    return false;
  return std::all_of(name.begin(), name.end(),
                     [&word](char c) { return word(c) || c == '.' || c == '_' || c == '-'; });
}

std::vector<std::string> skip_ids_here() {
  std::vector<std::string> names;
  try {
    git::Repository repo = open_repository();
    names = hook::skip_names(config::load({rules_root(repo)}));
  } catch (const std::exception&) {
    names = skip_ids(); // outside a repository, or rules that do not load
  }
  std::erase_if(names, [](const std::string& name) { return !plain_id(name); });
  return names;
}

} // namespace preflight::cli
