// preflight config [--keys]
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "config/schema.hpp"
#include "git/repository.hpp"
#include "report/output.hpp"

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

} // namespace

Action setup_config(CLI::App& sub, const GlobalOptions& global) {
  auto keys = std::make_shared<bool>(false);
  sub.add_flag("--keys", *keys, "Print every rules key with its type, default and meaning");
  return [keys, &global] {
    if (*keys) {
      print_keys();
      return Exit::ok;
    }
    git::Repository repo = open_repository();
    config::Config rules = config::load({rules_root(repo)});
    if (global.format == "json") {
      nlohmann::json doc = nlohmann::json::object();
      for (const auto& [path, value] : rules.values())
        doc[path] = {{"value", flow(value.node)},
                     {"source", value.source.file.empty() ? "default" : value.source.str()}};
      std::printf("%s\n", doc.dump(2).c_str());
      return Exit::ok;
    }
    for (const auto& [path, value] : rules.values()) {
      std::string source = value.source.file.empty() ? "default" : value.source.str();
      report::print_line(stdout, path + ": " + flow(value.node) + "  # " + source);
    }
    return Exit::ok;
  };
}

} // namespace preflight::cli
