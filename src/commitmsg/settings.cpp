// Reading rule settings from YAML and building Settings from the effective
// rules. Validation and reading share read_rule_setting, so what the loader
// accepts is exactly what the hook can use.
#include "commitmsg/settings.hpp"

#include "commitmsg/rules.hpp"
#include "config/diagnostics.hpp"
#include "config/literal.hpp"
#include "config/numbers.hpp"
#include "util/strings.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

namespace preflight::commitmsg {
namespace {

// The readers below take a YAML::Node (rules files) or a config::Literal (the
// project's own literals, read without diagnostics).
using config::Literal;

void report(config::Diagnostics* diags, const YAML::Node& node, const std::string& message) {
  if (diags)
    diags->error(node, message);
}

void report(config::Diagnostics*, const Literal&, const std::string&) {}

std::string closest_case(std::string_view name) {
  std::string best;
  std::size_t best_distance = 4;
  for (const auto c : case_names()) {
    const std::size_t d = edit_distance(name, c);
    if (d < best_distance) {
      best = std::string(c);
      best_distance = d;
    }
  }
  return best.empty() ? std::string() : " (did you mean \"" + best + "\"?)";
}

template <class Node>
bool read_strings(const Node& node, std::vector<std::string>& out, config::Diagnostics* diags,
                  std::string_view rule) {
  out.clear();
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return true;
  }
  if (!node.IsSequence()) {
    report(diags, node, "\"" + std::string(rule) + "\" takes a list of strings");
    return false;
  }
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      report(diags, item, "\"" + std::string(rule) + "\" takes a list of strings");
      return false;
    }
    out.push_back(item.Scalar());
  }
  return true;
}

// scope-enum / scope-case written as {scopes: [...], delimiters: [...]}.
bool read_scopes_map(const std::string& rule, const YAML::Node& node, RuleValue& value,
                     config::Diagnostics* diags) {
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>("");
    if (key == "scopes") {
      if (!read_strings(entry.second, value.list, diags, rule))
        return false;
    } else if (key == "delimiters") {
      if (!read_strings(entry.second, value.delimiters, diags, rule))
        return false;
    } else {
      report(diags, entry.first,
             "unknown key \"" + key + "\" in \"" + rule +
                 "\" (expected \"scopes\" or \"delimiters\")");
      return false;
    }
  }
  return true;
}

// Reads a rule value of the rule's kind into value.
template <class Node>
bool read_value(const RuleDef& def, const Node& node, RuleValue& value,
                config::Diagnostics* diags) {
  const std::string rule(def.name);
  switch (def.kind) {
  case ValueKind::none:
    if (!node.IsNull()) {
      report(diags, node, "\"" + rule + "\" takes no value");
      return false;
    }
    return true;
  case ValueKind::integer:
    if constexpr (std::is_same_v<Node, YAML::Node>) {
      // As the schema reads it (config/numbers.hpp): 72.0 and 0x48 are 72.
      if (auto n = config::whole_number(node); n && *n >= 0) {
        value.number = *n;
        return true;
      }
    } else if (node.IsScalar()) {
      try {
        std::size_t used = 0;
        const long long n = std::stoll(node.Scalar(), &used);
        if (used == node.Scalar().size() && n >= 0) {
          value.number = n;
          return true;
        }
      } catch (const std::exception&) {
      }
    }
    report(diags, node, "\"" + rule + "\" takes a length: a whole number, 0 or more");
    return false;
  case ValueKind::text:
    if (!node.IsScalar() || node.Scalar().empty()) {
      report(diags, node, "\"" + rule + "\" takes a non-empty string");
      return false;
    }
    value.text = node.Scalar();
    return true;
  case ValueKind::strings: return read_strings(node, value.list, diags, rule);
  case ValueKind::cases:
    if (!read_strings(node, value.list, diags, rule))
      return false;
    for (const auto& c : value.list) {
      if (!is_case_name(c)) {
        report(diags, node,
               "unknown case \"" + c + "\" for \"" + rule + "\"" + closest_case(c) +
                   "; cases: lower-case, upper-case, camel-case, kebab-case, "
                   "pascal-case, sentence-case, snake-case, start-case");
        return false;
      }
    }
    return true;
  case ValueKind::scopes:
    if constexpr (std::is_same_v<Node, YAML::Node>) {
      if (node.IsMap())
        return read_scopes_map(rule, node, value, diags);
    }
    return read_strings(node, value.list, diags, rule);
  }
  return false;
}

template <class Node> bool read_when(const Node& node, When& when, config::Diagnostics* diags) {
  if (node.IsScalar() && node.Scalar() == "always") {
    when = When::always;
    return true;
  }
  if (node.IsScalar() && node.Scalar() == "never") {
    when = When::never;
    return true;
  }
  report(diags, node, "\"when\" must be \"always\" or \"never\"");
  return false;
}

template <class Node> bool read_level(const Node& node, Level& level, config::Diagnostics* diags) {
  std::optional<Level> parsed;
  if constexpr (std::is_same_v<Node, YAML::Node>)
    parsed = config::parse_level(node);
  else if (node.IsScalar())
    parsed = config::parse_level(node.Scalar());
  if (parsed) {
    level = *parsed;
    return true;
  }
  report(diags, node, "a rule level must be error, warning or off (or 2, 1, 0)");
  return false;
}

// A value written in code (a rule's default, a preset): read without YAML::Node
// when parse_literal takes it, else through yaml-cpp.
bool read_literal_value(const RuleDef& def, std::string_view text, RuleValue& value) {
  if (const auto literal = config::parse_literal(text))
    return read_value(def, *literal, value, nullptr);
  return read_value(def, config::literal_node(text), value, nullptr);
}

RuleSetting compute_default(const RuleDef& def) {
  RuleSetting setting;
  setting.when = def.default_when;
  if (!def.default_value.empty())
    read_literal_value(def, def.default_value, setting.value);
  return setting;
}

// Every rule's default, in rule_table() order, read once per process.
const std::vector<RuleSetting>& rule_defaults() {
  static const std::vector<RuleSetting> defaults = [] {
    std::vector<RuleSetting> all;
    all.reserve(rule_table().size());
    for (const RuleDef& def : rule_table())
      all.push_back(compute_default(def));
    return all;
  }();
  return defaults;
}

const RuleSetting& default_setting(const RuleDef& def) {
  return rule_defaults()[static_cast<std::size_t>(&def - rule_table().data())];
}

template <class Node>
std::optional<RuleSetting> read_setting(const RuleDef& def, const Node& node,
                                        config::Diagnostics* diags) {
  RuleSetting setting = default_setting(def);
  bool ok = true;
  if (node.IsScalar()) {
    ok = read_level(node, setting.level, diags);
  } else if (node.IsSequence()) {
    if (node.size() < 1 || node.size() > 3) {
      report(diags, node,
             "a rule setting is [level, when, value], for example [error, always, 100]");
      return std::nullopt;
    }
    ok = read_level(node[0], setting.level, diags);
    if (node.size() > 1)
      ok = read_when(node[1], setting.when, diags) && ok;
    if (node.size() > 2)
      ok = read_value(def, node[2], setting.value, diags) && ok;
  } else if (node.IsMap()) {
    if constexpr (std::is_same_v<Node, YAML::Node>) {
      bool has_level = false;
      for (const auto& entry : node) {
        const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
        if (key == "level") {
          has_level = true;
          ok = read_level(entry.second, setting.level, diags) && ok;
        } else if (key == "when") {
          ok = read_when(entry.second, setting.when, diags) && ok;
        } else if (key == "value") {
          ok = read_value(def, entry.second, setting.value, diags) && ok;
        } else {
          report(diags, entry.first,
                 "unknown key \"" + key + "\" in a rule setting (expected level, when, value)");
          ok = false;
        }
      }
      if (!has_level) {
        report(diags, node, "a rule setting needs a level (error, warning or off)");
        ok = false;
      }
    }
  } else {
    report(diags, node, "a rule setting is a level, [level, when, value] or {level, when, value}");
    ok = false;
  }
  if (!ok)
    return std::nullopt;
  return setting;
}

} // namespace

std::optional<RuleSetting> read_rule_setting(std::string_view name, const YAML::Node& node,
                                             config::Diagnostics* diags) {
  const RuleDef* def = find_rule(name);
  if (!def) {
    report(diags, node, "unknown commit message rule \"" + std::string(name) + "\"");
    return std::nullopt;
  }
  return read_setting(*def, node, diags);
}

// The key default of commit_msg.rules (commitlint's config-conventional, the
// text in keys_commit_msg.cpp) as a table, so that no hook parses YAML for it.
// A unit test checks that the two agree.
struct PresetRule {
  std::string_view name;
  Level level;
  When when;
  std::string_view value; // literal text; empty for the rule's own default
};

constexpr PresetRule k_conventional_preset[] = {
    {"body-leading-blank", Level::warning, When::always, ""},
    {"body-max-line-length", Level::error, When::always, "100"},
    {"footer-leading-blank", Level::warning, When::always, ""},
    {"footer-max-line-length", Level::error, When::always, "100"},
    {"header-max-length", Level::error, When::always, "100"},
    {"header-trim", Level::error, When::always, ""},
    {"subject-case", Level::error, When::never,
     "[sentence-case, start-case, pascal-case, upper-case]"},
    {"subject-empty", Level::error, When::never, ""},
    {"subject-full-stop", Level::error, When::never, "."},
    {"type-case", Level::error, When::always, "lower-case"},
    {"type-empty", Level::error, When::never, ""},
    {"type-enum", Level::error, When::always,
     "[build, chore, ci, docs, feat, fix, perf, refactor, revert, style, test]"},
};

RuleSettings::RuleSettings() {
  const auto table = rule_table();
  const std::vector<RuleSetting>& defaults = rule_defaults();
  m_entries.reserve(table.size());
  for (std::size_t i = 0; i < table.size(); ++i)
    m_entries.push_back({table[i].name, defaults[i]});
}

RuleSettings::const_iterator RuleSettings::find(std::string_view name) const {
  const RuleDef* def = find_rule(name);
  return def ? begin() + (def - rule_table().data()) : end();
}

RuleSettings::iterator RuleSettings::find(std::string_view name) {
  const RuleDef* def = find_rule(name);
  return def ? begin() + (def - rule_table().data()) : end();
}

const RuleSetting& RuleSettings::at(std::string_view name) const {
  const auto it = find(name);
  if (it == end())
    throw std::out_of_range("no commit message rule \"" + std::string(name) + "\"");
  return it->second;
}

RuleSetting& RuleSettings::at(std::string_view name) {
  const auto it = find(name);
  if (it == end())
    throw std::out_of_range("no commit message rule \"" + std::string(name) + "\"");
  return it->second;
}

Settings all_rules_off() {
  return Settings();
}

Settings settings_from(const config::Config& config) {
  Settings s;
  // Scalars straight from their literal when nothing built a node for them.
  auto text = [&](std::string_view path, std::string fallback) {
    if (const auto literal = config.find_literal(path)) {
      const auto parsed = config::parse_literal(*literal);
      if (parsed)
        return parsed->IsScalar() ? parsed->text : fallback;
    }
    const config::Value* v = config.find(path);
    return v && v->node.IsScalar() ? v->node.Scalar() : fallback;
  };
  auto flag = [&](std::string_view path, bool fallback) {
    if (const auto literal = config.find_literal(path)) {
      if (*literal == "true")
        return true;
      if (*literal == "false")
        return false;
    }
    const config::Value* v = config.find(path);
    return v && v->node.IsScalar() ? v->node.as<bool>(fallback) : fallback;
  };
  s.cleanup = cleanup_from_name(text("commit_msg.cleanup", "comments")).value_or(Cleanup::comments);
  s.comment_char = text("commit_msg.comment_char", "auto");
  s.parser = parser_mode_from_name(text("commit_msg.parser", "commitlint"))
                 .value_or(ParserMode::commitlint);
  const std::string unit = text("commit_msg.length_unit", "utf16");
  s.length_unit = unit == "codepoint" ? LengthUnit::codepoint
                  : unit == "byte"    ? LengthUnit::byte
                                      : LengthUnit::utf16;
  s.empty_is_error = text("commit_msg.empty_message", "ok") == "error";
  s.invalid_utf8_error = text("commit_msg.invalid_utf8", "replace") == "error";
  s.control_chars_error = text("commit_msg.control_chars", "allow") == "error";
  s.strict = flag("commit_msg.strict", false);
  s.ignore_defaults = flag("commit_msg.ignore.defaults", true);
  s.ignore_scope = text("commit_msg.ignore.scope", "any_line") == "header" ? IgnoreScope::header
                                                                           : IgnoreScope::any_line;
  if (const auto literal = config.find_literal("commit_msg.ignore.patterns");
      literal && *literal == "[]")
    s.ignore_patterns.clear(); // the default
  else if (config.find("commit_msg.ignore.patterns"))
    s.ignore_patterns = config.get_strings("commit_msg.ignore.patterns");
  // The rule entries of the files and rule sets, then the preset for the rules
  // none of them names (an entry replaces a rule's whole setting).
  std::vector<bool> named(s.rules.size());
  for (config::RawEntry& entry : config.raw_entries("commit_msg.rules")) {
    const auto it = s.rules.find(entry.name);
    if (it == s.rules.end())
      continue;
    const RuleDef& def = rule_table()[static_cast<std::size_t>(it - s.rules.begin())];
    std::optional<RuleSetting> setting;
    if (entry.value)
      setting = read_setting(def, entry.value->node, nullptr);
    else if (const auto literal = config::parse_literal(entry.literal))
      setting = read_setting(def, *literal, nullptr);
    else
      setting = read_setting(def, config::literal_node(entry.literal), nullptr);
    if (setting) {
      setting->source = std::move(entry.source);
      it->second = std::move(*setting);
      named[static_cast<std::size_t>(it - s.rules.begin())] = true;
    }
  }
  for (const PresetRule& preset : k_conventional_preset) {
    const auto it = s.rules.find(preset.name);
    if (named[static_cast<std::size_t>(it - s.rules.begin())])
      continue;
    it->second.level = preset.level;
    it->second.when = preset.when;
    if (!preset.value.empty())
      read_literal_value(*find_rule(preset.name), preset.value, it->second.value);
  }
  return s;
}

Settings settings_from_yaml(std::string_view text) {
  // Goes through the real loader (defaults, extends, validation) in a scratch folder.
  std::random_device rd;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("preflight-settings-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / std::string(config::k_rules_file), std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  try {
    const config::Config config = config::load({dir, false});
    std::filesystem::remove_all(dir);
    return settings_from(config);
  } catch (...) {
    std::filesystem::remove_all(dir);
    throw;
  }
}

} // namespace preflight::commitmsg
