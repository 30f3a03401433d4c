// preflight config [--keys] [PATH]
#include "cli/commands.hpp"
#include "commands/nested.hpp"
#include "config/config.hpp"
#include "config/schema.hpp"
#include "git/repository.hpp"
#include "report/output.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

namespace preflight::cli {

namespace {

std::string_view type_name(config::ValueType type) {
  using config::ValueType;
  switch (type) {
  case ValueType::section: return "section";
  case ValueType::boolean: return "boolean";
  case ValueType::integer: return "integer";
  case ValueType::size: return "size";
  case ValueType::string: return "string";
  case ValueType::string_list: return "list of strings";
  case ValueType::choice: return "choice";
  case ValueType::object_list: return "list of maps";
  case ValueType::named_map: return "map of names";
  }
  return "?";
}

// One line of flow-style YAML for a value.
std::string flow(const YAML::Node& node) {
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << node;
  return out.c_str();
}

// The key table as a Markdown table, for the README's reference.
void print_keys() {
  std::printf("| key | type | default | meaning |\n|---|---|---|---|\n");
  for (const config::KeyDef& key : config::key_table()) {
    std::string type(type_name(key.type));
    if (key.type == config::ValueType::choice) {
      type.clear();
      for (auto choice : key.choices)
        type += (type.empty() ? "" : " \\| ") + std::string(choice);
    }
    std::printf("| `%.*s` | %s | %s | %.*s |\n", static_cast<int>(key.path.size()), key.path.data(),
                type.c_str(),
                key.default_yaml.empty() ? "" : ("`" + std::string(key.default_yaml) + "`").c_str(),
                static_cast<int>(key.doc.size()), key.doc.data());
  }
}

// PATH as a repository-relative path; throws when it is outside the worktree.
std::string path_in_repo(const git::Repository& repo, const std::string& path) {
  if (!repo.workdir())
    throw Error("config PATH needs a working tree; this repository is bare", Exit::usage);
  auto out = worktree_path(repo, path);
  if (!out)
    throw Error(preflight::quoted(path) + " is outside the repository", Exit::usage);
  return *out;
}

// Where each pre_commit.commands list that runs on path comes from: lists add
// up, so the root's and every nested file's above path are listed.
std::vector<const config::Value*> command_lists(const config::Config& rules,
                                                const std::vector<config::Scope>& scopes,
                                                const std::string& path) {
  std::vector<const config::Value*> out;
  if (const config::Value* value = rules.find("pre_commit.commands"))
    out.push_back(value);
  for (const config::Scope& scope : scopes)
    if (path.starts_with(scope.dir + "/") && commands::sets_itself(scope, "pre_commit.commands"))
      out.push_back(scope.rules.find("pre_commit.commands"));
  return out;
}

} // namespace

Action setup_config(CLI::App& sub, const GlobalOptions& global) {
  auto keys = std::make_shared<bool>(false);
  auto path = std::make_shared<std::string>();
  sub.add_flag("--keys", *keys, "Print every rules key with its type, default and meaning");
  sub.add_option("path", *path,
                 "Show the rules in effect for this file or folder (nested .preflight.yaml "
                 "files included), and where each value comes from");
  return [keys, path, &global] {
    if (*keys) {
      print_keys();
      return Exit::ok;
    }
    git::Repository repo = open_repository();
    config::Config rules = config::load({rules_root(repo)});
    std::vector<config::Scope> scopes = commands::nested_scopes(rules, repo);
    std::string where = path->empty() ? "" : path_in_repo(repo, *path);
    // A folder's own rules file applies to it, as to the files in it.
    const config::Scope* scope = config::scope_of(scopes, where + "/");
    const config::Config& effective = scope ? scope->rules : rules;
    std::vector<const config::Value*> lists;
    if (!path->empty())
      lists = command_lists(rules, scopes, where + "/");
    auto source_of = [](const config::Value& value) {
      return value.source.file.empty() ? std::string("default") : value.source.str();
    };
    if (global.format == "json") {
      nlohmann::json doc = nlohmann::json::object();
      for (const auto& [key, value] : effective.values())
        doc[key] = {{"value", flow(value.node)}, {"source", source_of(value)}};
      if (!path->empty()) {
        nlohmann::json all = nlohmann::json::array();
        for (const config::Value* list : lists)
          all.push_back({{"value", flow(list->node)}, {"source", source_of(*list)}});
        doc["pre_commit.commands"] = {{"lists", all}};
      }
      std::printf("%s\n", doc.dump(2).c_str());
      return Exit::ok;
    }
    for (const auto& [key, value] : effective.values()) {
      if (!path->empty() && key == "pre_commit.commands")
        continue;
      report::print_line(stdout, key + ": " + flow(value.node) + "  # " + source_of(value));
    }
    for (const config::Value* list : lists)
      report::print_line(stdout, "pre_commit.commands: " + flow(list->node) + "  # " +
                                     source_of(*list) + " (the lists add up)");
    if (path->empty())
      for (const config::Scope& nested : scopes)
        report::print_line(stdout, "# nested: " + nested.file + " (see `preflight config " +
                                       nested.dir + "`)");
    return Exit::ok;
  };
}

} // namespace preflight::cli
