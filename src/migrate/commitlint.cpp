// commitlint's configuration (JSON, YAML, or package.json's "commitlint" key):
// its rules become commit_msg.rules with their levels and values, extending
// @commitlint/config-conventional is the built-in default, and a JavaScript
// config is reported as not readable. Also nbstripout's git set-up.
#include "migrate/migrate.hpp"
#include "migrate/readers.hpp"

#include "commitmsg/rules.hpp"
#include "util/error.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <yaml-cpp/yaml.h>

namespace preflight::migrate {

namespace {

YAML::Node yaml_of(const rapidjson::Value& value) {
  YAML::Node node;
  if (value.IsObject()) {
    node = YAML::Node(YAML::NodeType::Map);
    for (const auto& member : value.GetObject())
      node[std::string(member.name.GetString(), member.name.GetStringLength())] =
          yaml_of(member.value);
  } else if (value.IsArray()) {
    node = YAML::Node(YAML::NodeType::Sequence);
    for (const auto& item : value.GetArray())
      node.push_back(yaml_of(item));
  } else if (value.IsString()) {
    node = std::string(value.GetString(), value.GetStringLength());
  } else if (value.IsBool()) {
    node = value.GetBool();
  } else if (value.IsInt64()) {
    node = value.GetInt64();
  } else if (value.IsNumber()) {
    node = value.GetDouble();
  }
  return node;
}

// JSON text as a YAML node, with a located error for bad JSON.
YAML::Node parse_json(const std::string& file, const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    std::size_t offset = doc.GetErrorOffset();
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i, ++column)
      if (text[i] == '\n') {
        ++line;
        column = 0;
      }
    throw Error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                    rapidjson::GetParseError_En(doc.GetParseError()),
                Exit::usage);
  }
  return yaml_of(doc);
}

// A rule value as flow YAML, its level spelt as a word.
std::string rule_value(YAML::Node value) {
  static const char* k_levels[] = {"off", "warning", "error"};
  if (value.IsSequence() && value.size() > 0 && value[0].IsScalar()) {
    const std::string& level = value[0].Scalar();
    if (level.size() == 1 && level[0] >= '0' && level[0] <= '2')
      value[0] = k_levels[level[0] - '0'];
  }
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << value;
  return out.c_str();
}

void read_config(const std::string& file, const YAML::Node& config, const std::string& label,
                 Migration& out) {
  out.read(file);
  auto at = [&](const YAML::Node& node) {
    return node.Mark().line >= 0 ? where(file, node) : file + " (" + label + ")";
  };
  for (const auto& entry : config) {
    std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "extends") {
      std::vector<std::string> sets;
      if (value.IsSequence())
        for (const auto& item : value)
          sets.push_back(item.Scalar());
      else
        sets.push_back(value.Scalar());
      for (const std::string& set : sets) {
        if (set == "@commitlint/config-conventional")
          out.count_builtin(file); // preflight's default rules are config-conventional's
        else
          out.lose(file, at(value),
                   "extends " + set +
                       ": a shared commitlint config preflight cannot read; copy the rules you "
                       "need from it into commit_msg.rules",
                   true);
      }
    } else if (key == "rules" && value.IsMap()) {
      for (const auto& rule : value) {
        std::string name = rule.first.Scalar();
        if (!commitmsg::find_rule(name)) {
          out.lose(file, at(rule.second),
                   "rule " + name + ": preflight has no such rule (a plugin's?)", true);
          continue;
        }
        out.add_rule(name, rule_value(YAML::Clone(rule.second)),
                     at(rule.second) + " (rules." + name + ")", file);
      }
    } else if (key == "defaultIgnores") {
      if (!value.as<bool>())
        out.add_setting({"commit_msg.ignore.defaults", "false", at(value) + " (defaultIgnores)"},
                        file, false);
    } else if (key == "helpUrl" || key == "formatter" || key == "prompt") {
      out.lose(file, at(value), key + ": preflight prints its own hints");
    } else if (key == "parserPreset" && value.IsScalar() &&
               value.Scalar().find("conventionalcommits") != std::string::npos) {
      continue; // what preflight parses anyway
    } else {
      out.lose(file, at(value), key + ": no preflight equivalent");
    }
  }
}

} // namespace

void from_commitlint(const std::string& file, const std::string& text, Migration& out) {
  std::string base = file.substr(file.find_last_of('/') + 1);
  bool json = base.ends_with(".json") ||
              (base == ".commitlintrc" && text.find_first_not_of(" \t\r\n") != std::string::npos &&
               text[text.find_first_not_of(" \t\r\n")] == '{');
  YAML::Node doc = json ? parse_json(file, text) : parse_yaml(file, text);
  if (base == "package.json") {
    if (!doc.IsMap() || !doc["commitlint"])
      return; // no commitlint set-up here
    if (!doc["commitlint"].IsMap())
      throw Error(file + ": \"commitlint\" is not an object", Exit::usage);
    read_config(file, doc["commitlint"], "commitlint", out);
    return;
  }
  if (!doc.IsMap()) {
    out.read(file);
    return;
  }
  read_config(file, doc, base, out);
}

void from_commitlint_script(const std::string& file, Migration& out) {
  out.read(file);
  out.lose(file, file,
           "a JavaScript/TypeScript commitlint config cannot be read without running it: print "
           "what it resolves to (npx commitlint --print-config json > .commitlintrc.json), then "
           "run preflight migrate --from .commitlintrc.json",
           true);
}

void from_nbstripout(const std::function<std::optional<std::string>(const std::string&)>& config,
                     const std::string& config_name, const std::string& gitattributes,
                     Migration& out) {
  auto clean = config("filter.nbstripout.clean");
  std::vector<std::string> attribute_lines;
  std::size_t number = 0, start = 0;
  while (start <= gitattributes.size() && !gitattributes.empty()) {
    std::size_t end = gitattributes.find('\n', start);
    std::string line = gitattributes.substr(start, end == std::string::npos ? end : end - start);
    ++number;
    if (line.find("filter=nbstripout") != std::string::npos ||
        line.find("diff=ipynb") != std::string::npos)
      attribute_lines.push_back(".gitattributes:" + std::to_string(number) + ": " + line);
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  if (!clean && attribute_lines.empty())
    return;
  const std::string source = "nbstripout (" + config_name + ")";
  out.read(source);
  std::vector<std::string> args;
  if (clean) {
    auto words = split_words(*clean).value_or(std::vector<std::string>{});
    // '"python" -m nbstripout --keep-output': what follows the program.
    std::size_t at = 0;
    while (at < words.size() && words[at].find("nbstripout") == std::string::npos)
      ++at;
    if (at < words.size())
      args.assign(words.begin() + static_cast<std::ptrdiff_t>(at) + 1, words.end());
  }
  if (auto extra = config("filter.nbstripout.extrakeys"); extra && !extra->empty()) {
    args.push_back("--extra-keys");
    args.push_back(*extra);
  }
  notebook_settings(args, config_name + " (filter.nbstripout.clean)", source, out);
  out.count_builtin(source);
  for (const std::string& line : attribute_lines)
    out.lose(source, line.substr(0, line.find(": ")),
             line.substr(line.find(": ") + 2) +
                 ": names nbstripout's filter; `preflight install` sets up its own (in "
                 ".git/info/attributes): remove this line and `git config --remove-section "
                 "filter.nbstripout` once preflight is installed");
}

} // namespace preflight::migrate
