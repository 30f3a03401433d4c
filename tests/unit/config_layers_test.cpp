// Rules read without building YAML nodes: key defaults and shipped rule sets as
// layers looked up when read, literals parsed straight into settings. Each fast
// path must give what the YAML path gives.
#include "commitmsg/rules.hpp"
#include "commitmsg/settings.hpp"
#include "config/builtin_rules.hpp"
#include "config/config.hpp"
#include "config/literal.hpp"
#include "config/schema.hpp"
#include "util/fs.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

using namespace preflight;
using test::Folder;
using namespace preflight::config;

namespace {

const BuiltinRuleSet& builtin(std::string_view name) {
  for (const BuiltinRuleSet& set : builtin_rule_sets())
    if (set.name == name)
      return set;
  FAIL("no rule set " << name);
  throw;
}

void check_same(const commitmsg::Settings& got, const commitmsg::Settings& want) {
  CHECK(got.cleanup == want.cleanup);
  CHECK(got.comment_char == want.comment_char);
  CHECK(got.parser == want.parser);
  CHECK(got.length_unit == want.length_unit);
  CHECK(got.empty_is_error == want.empty_is_error);
  CHECK(got.invalid_utf8_error == want.invalid_utf8_error);
  CHECK(got.control_chars_error == want.control_chars_error);
  CHECK(got.ignore_defaults == want.ignore_defaults);
  CHECK(got.ignore_scope == want.ignore_scope);
  CHECK(got.ignore_patterns == want.ignore_patterns);
  CHECK(got.strict == want.strict);
  REQUIRE(got.rules.size() == want.rules.size());
  for (const auto& [name, rule] : want.rules) {
    INFO(name);
    const commitmsg::RuleSetting& other = got.rules.at(name);
    test::check_same_rule(other, rule);
    CHECK(other.source.str() == rule.source.str());
  }
}

} // namespace

TEST_CASE("commit-msg settings read from literals equal those read from YAML nodes",
          "[config][commitmsg]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ""},
      {"extends: [conventional]\n", ""},
      {"extends: [spec]\n", ""},
      {"extends: []\n", ""},
      {"extends: [default]\ncommit_msg:\n  strict: yes\n  comment_char: ';'\n  ignore:\n"
       "    patterns: 'WIP*'\n  rules:\n    type-enum: [error, always, [a, b]]\n"
       "    scope-enum: {level: warning, value: {scopes: [x], delimiters: ['/']}}\n",
       ""},
      {"commit_msg:\n  length_unit: byte\n", "extends: [spec]\ncommit_msg:\n  strict: true\n"},
      {"", "commit_msg:\n  rules:\n    header-max-length: [warning, always, 72]\n"},
  };
  for (const auto& [main, local] : cases) {
    INFO(main << "---\n" << local);
    Folder folder;
    if (!main.empty())
      folder.write(".preflight.yaml", main);
    if (!local.empty())
      folder.write(".preflight.local.yaml", local);
    const Config fast = load({folder.path});
    const Config built = load({folder.path});
    built.values(); // every value as a YAML node: settings_from reads those
    check_same(commitmsg::settings_from(fast), commitmsg::settings_from(built));
  }
}

TEST_CASE("key defaults and shipped rule sets are layers read in order", "[config]") {
  Config config;
  config.use_key_defaults();
  config.add_rule_set(builtin("conventional").values, "<built-in rules/conventional.yaml>");
  config.add_rule_set(builtin("spec").values, "<built-in rules/spec.yaml>");
  // From the last set that has the key, else the key table.
  const Value* parser = config.find("commit_msg.parser");
  REQUIRE(parser);
  CHECK(parser->node.Scalar() == "spec");
  CHECK(parser->source.file == "<built-in rules/spec.yaml>");
  CHECK(config.find_literal("commit_msg.parser") == std::nullopt); // built now
  CHECK(config.find_literal("notebooks.mode") == std::optional<std::string_view>("strip"));
  const Value* mode = config.find("notebooks.mode");
  REQUIRE(mode);
  CHECK(mode->source.file.empty());
  CHECK(config.find("no.such.key") == nullptr);
  CHECK(config.find("commit_msg.rules") == nullptr); // a named map's default is not a value

  // A value set now is above the sets; a set added after it is above it again.
  config.set("commit_msg.rules.type-enum",
             Value{YAML::Load("[error, always, [x]]"), Location{".preflight.yaml", 3, 5}});
  auto entries = config.raw_entries("commit_msg.rules");
  REQUIRE(!entries.empty());
  CHECK(entries.back().name == "type-enum");
  CHECK(entries.back().value != nullptr);
  config.add_rule_set(builtin("conventional").values, "<built-in rules/conventional.yaml>");
  CHECK(config.find("commit_msg.parser")->node.Scalar() == "commitlint");
  CHECK(config.find("commit_msg.rules.type-enum")->source.file ==
        "<built-in rules/conventional.yaml>");

  // Listings hold every layer's values.
  std::size_t defaults = 0;
  for (const KeyDef& key : key_table())
    if (!key.default_yaml.empty() && key.type != ValueType::named_map)
      ++defaults;
  CHECK(config.values().size() >= defaults);
  CHECK(config.values().count("commit_msg.rules.subject-case") == 1);
  CHECK(config.entries("commit_msg.rules").size() == config.raw_entries("commit_msg.rules").size());
}

TEST_CASE("erase_prefix also removes values of lower layers", "[config]") {
  Config config;
  config.use_key_defaults();
  config.add_rule_set(builtin("conventional").values, "<built-in rules/conventional.yaml>");
  config.erase_prefix("commit_msg.");
  CHECK(config.find("commit_msg.parser") == nullptr);
  CHECK(config.find("commit_msg.rules.type-enum") == nullptr);
  CHECK(config.find("notebooks.mode") != nullptr);
}

TEST_CASE("parse_literal takes the project's flow subset and nothing else", "[config]") {
  auto list = parse_literal("[error, never, [a, 'b c', \"d\\\\e\"]]");
  REQUIRE(list);
  REQUIRE(list->IsSequence());
  REQUIRE(list->size() == 3);
  CHECK(list->items[1].Scalar() == "never");
  REQUIRE(list->items[2].size() == 3);
  CHECK(list->items[2][1].Scalar() == "b c");
  CHECK(list->items[2][2].Scalar() == "d\\e");
  auto scalar = parse_literal("9007199254740991");
  REQUIRE(scalar);
  CHECK(scalar->IsScalar());
  CHECK(scalar->Scalar() == "9007199254740991");
  for (const char* other : {"null", "~", "", "{a: 1}", "*x", "-1", "a: b", "[a", "'a"})
    CHECK_FALSE(parse_literal(other));
}

TEST_CASE("every key of a table part starts with the part's prefix", "[config]") {
  std::size_t rows = 0;
  for (const KeyPart& part : key_parts()) {
    for (const KeyDef& key : part.keys()) {
      INFO(key.path);
      CHECK(key.path.starts_with(part.prefix));
      CHECK(find_key(key.path) == &key);
      ++rows;
    }
  }
  CHECK(rows == key_table().size());
}

TEST_CASE("the rule table is sorted by name and holds every rule once", "[commitmsg]") {
  const auto table = commitmsg::rule_table();
  for (std::size_t i = 1; i < table.size(); ++i)
    CHECK(table[i - 1].name < table[i].name);
  for (const commitmsg::RuleDef& rule : table)
    CHECK(commitmsg::find_rule(rule.name) == &rule);
}

TEST_CASE("the shipped rule sets' tables are sorted by path", "[config]") {
  // Config finds their values by binary search.
  for (const BuiltinRuleSet& set : builtin_rule_sets()) {
    INFO(set.name);
    for (std::size_t i = 1; i < set.values.size(); ++i)
      CHECK(set.values[i - 1].path < set.values[i].path);
  }
}
