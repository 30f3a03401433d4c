// The shipped rule sets (rules/*.yaml) as YAML trees built by generated code
// (tools/embed_rules.cpp), so that loading them costs no YAML parsing. Their
// text is embedded too (util/resources.hpp) for `preflight init` and docs.
#pragma once

#include <yaml-cpp/yaml.h>

#include <span>
#include <string_view>

namespace preflight::config {

struct BuiltinRuleSet {
  std::string_view name; // "default", "conventional", "spec"
  YAML::Node (*build)();
};

std::span<const BuiltinRuleSet> builtin_rule_sets();

} // namespace preflight::config
