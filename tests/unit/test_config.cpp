// The rules loader: validation messages (whole strings), layering and sources.
#include "config/builtin_rules.hpp"
#include "config/config.hpp"
#include "config/diagnostics.hpp"
#include "config/schema.hpp"
#include "util/fs.hpp"
#include "util/resources.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <chrono>

#include <filesystem>
#include <thread>
#include <unistd.h>

using namespace preflight;
using test::Folder;
using namespace preflight::config;

namespace {

std::string problems(std::string_view text) {
  Diagnostics diags;
  validate_text(text, ".preflight.yaml", diags);
  return diags.str();
}

} // namespace

TEST_CASE("a valid rules file has no problems", "[config]") {
  CHECK(problems("extends: [default]\npre_commit:\n  enabled: false\n") == "");
  CHECK(problems("") == "");
  CHECK(problems("# only a comment\n") == "");
}

TEST_CASE("syntax errors are located", "[config]") {
  CHECK(problems("pre_commit:\n  enabled: [true\n") ==
        ".preflight.yaml:3:1: invalid YAML: end of sequence flow not found");
  CHECK(problems("a: b: c\n") == ".preflight.yaml:1:5: invalid YAML: illegal map value");
}

TEST_CASE("unknown keys get a did-you-mean hint", "[config]") {
  CHECK(problems("pre_comit: {}\n") ==
        ".preflight.yaml:1:1: unknown key \"pre_comit\" (did you mean \"pre_commit\"?)");
  CHECK(problems("pre_push:\n  enabeld: true\n") ==
        ".preflight.yaml:2:3: unknown key \"enabeld\" in \"pre_push\" (did you mean \"enabled\"?)");
  CHECK(problems("enabled: true\n") ==
        ".preflight.yaml:1:1: unknown key \"enabled\" (did you mean \"pre_commit.enabled\"?)");
  CHECK(problems("zzzzzz: 1\n") == ".preflight.yaml:1:1: unknown key \"zzzzzz\"");
}

TEST_CASE("every problem is reported in one run", "[config]") {
  CHECK(problems("pre_commit: {enabled: 3}\npre_push: [1]\npre_push: {}\nextends: {a: 1}\n") ==
        ".preflight.yaml:1:23: \"pre_commit.enabled\" must be true or false\n"
        ".preflight.yaml:2:11: \"pre_push\" must be a map of keys\n"
        ".preflight.yaml:3:1: duplicate key \"pre_push\"\n"
        ".preflight.yaml:4:10: \"extends\" must be a list of strings");
}

TEST_CASE("the top level must be a map", "[config]") {
  CHECK(problems("- a\n- b\n") ==
        ".preflight.yaml:1:1: a rules file must be a map of keys, such as \"extends: [default]\"");
}

TEST_CASE("hostile rules files are bounded", "[config]") {
  std::string big(2 << 20, '#');
  CHECK(problems(big) ==
        ".preflight.yaml: rules file too large (2097152 bytes; the limit is 1 MiB)");
  // Aliases make a tree exponentially larger than its text (2^30 maps here),
  // placed under a key the validator reads: it must not walk the expansion.
  std::string bomb = "pre_commit:\n  commands:\n    - &a {name: a, run: [x]}\n";
  for (int i = 0; i < 30; ++i) {
    std::string previous = i == 0 ? "a" : "b" + std::to_string(i - 1);
    bomb += "    - &b" + std::to_string(i) + " [*" + previous + ", *" + previous + "]\n";
  }
  auto started = std::chrono::steady_clock::now();
  std::string result = problems(bomb);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
  std::string expected;
  for (int line = 4; line < 34; ++line)
    expected += (expected.empty() ? "" : "\n") + std::string(".preflight.yaml:") +
                std::to_string(line) +
                ":7: each item of \"pre_commit.commands\" must be a map of keys";
  CHECK(result == expected);
}

TEST_CASE("sizes and levels parse", "[config]") {
  CHECK(parse_size("1048576") == 1048576u);
  CHECK(parse_size("500k") == 500u * 1024);
  CHECK(parse_size("5MB") == 5u << 20);
  CHECK(parse_size("5MiB") == 5u << 20);
  CHECK(parse_size("2 GB") == 2ull << 30);
  CHECK_FALSE(parse_size("5 parsecs"));
  CHECK_FALSE(parse_size("MB"));
  CHECK_FALSE(parse_size("99999999999999T"));
  CHECK(parse_level(YAML::Load("error")) == Level::error);
  CHECK(parse_level(YAML::Load("warn")) == Level::warning);
  CHECK(parse_level(YAML::Load("off")) == Level::off);
  CHECK(parse_level(YAML::Load("2")) == Level::error);
  CHECK_FALSE(parse_level(YAML::Load("loud")));
}

TEST_CASE("layers: defaults, rule sets, the file, the local file", "[config]") {
  Folder folder;
  SECTION("no file: the default rule set") {
    Config rules = load({folder.path});
    CHECK(rules.files() == std::vector<std::string>{"<built-in rules/conventional.yaml>",
                                                    "<built-in rules/default.yaml>"});
    CHECK(rules.get_bool("pre_push.enabled"));
  }
  SECTION("a file overrides, the local file overrides that") {
    folder.write(".preflight.yaml", "pre_push:\n  enabled: false\npre_commit: {enabled: false}\n");
    folder.write(".preflight.local.yaml", "pre_commit:\n  enabled: true\n");
    Config rules = load({folder.path});
    CHECK(rules.files() == std::vector<std::string>{"<built-in rules/conventional.yaml>",
                                                    "<built-in rules/default.yaml>",
                                                    ".preflight.yaml", ".preflight.local.yaml"});
    CHECK_FALSE(rules.get_bool("pre_push.enabled"));
    CHECK(rules.find("pre_push.enabled")->source.str() == ".preflight.yaml:2:12");
    CHECK(rules.get_bool("pre_commit.enabled"));
    CHECK(rules.find("pre_commit.enabled")->source.str() == ".preflight.local.yaml:2:12");
  }
  SECTION("extends: [] starts from the key defaults") {
    folder.write(".preflight.yaml", "extends: []\n");
    Config rules = load({folder.path});
    CHECK(rules.files() == std::vector<std::string>{".preflight.yaml"});
    CHECK(rules.find("pre_push.enabled")->source.file.empty());
  }
  SECTION("problems in both files are all reported") {
    folder.write(".preflight.yaml", "extends: [nope]\n");
    folder.write(".preflight.local.yaml", "pre_push: 1\n");
    try {
      load({folder.path});
      FAIL("load did not throw");
    } catch (const Error& e) {
      CHECK(e.exit() == Exit::usage);
      CHECK_THAT(e.what(), Catch::StartsWith(".preflight.yaml:1:11: unknown rule set \"nope\"; "
                                             "shipped rule sets: ") &&
                               Catch::Contains("default") &&
                               Catch::EndsWith("\n.preflight.local.yaml:1:11: \"pre_push\" must be "
                                               "a map of keys"));
    }
  }
}

TEST_CASE("every key in the table is documented and has a valid default", "[config]") {
  for (const KeyDef& key : key_table()) {
    INFO(key.path);
    CHECK_FALSE(key.doc.empty());
    if (!key.default_yaml.empty() && key.type != ValueType::named_map) {
      Diagnostics diags;
      // Rebuild the key as YAML from its path and validate the default through it.
      std::string text, indent;
      std::string path(key.path);
      if (path.find("[]") != std::string::npos)
        continue;
      std::size_t start = 0, dot;
      while ((dot = path.find('.', start)) != std::string::npos) {
        text += indent + path.substr(start, dot - start) + ":\n";
        indent += "  ";
        start = dot + 1;
      }
      text += indent + path.substr(start) + ": " + std::string(key.default_yaml) + "\n";
      validate_text(text, "defaults", diags);
      CHECK(diags.str() == "");
    }
  }
}

namespace {

// Same structure and scalars (tags aside).
bool same_yaml(const YAML::Node& a, const YAML::Node& b) {
  if (a.Type() != b.Type())
    return false;
  switch (a.Type()) {
  case YAML::NodeType::Scalar: return a.Scalar() == b.Scalar();
  case YAML::NodeType::Sequence:
    if (a.size() != b.size())
      return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_yaml(a[i], b[i]))
        return false;
    return true;
  case YAML::NodeType::Map:
    if (a.size() != b.size())
      return false;
    for (const auto& entry : a)
      if (!b[entry.first.Scalar()] || !same_yaml(entry.second, b[entry.first.Scalar()]))
        return false;
    return true;
  default: return true;
  }
}

} // namespace

TEST_CASE("literal_node reads the project's literals as yaml-cpp does", "[config]") {
  std::vector<std::string> literals = {"true",
                                       "10MB",
                                       "[]",
                                       "[a, 'b/*', \"c\\\\d\", 'it''s']",
                                       "[error, never, [x, y]]",
                                       "[error, never, .]",
                                       "release/*",
                                       "[\"/\", \"\\\\\", \",\"]",
                                       "lower case",
                                       "null",
                                       "~",
                                       "",
                                       "-1",
                                       "*alias",
                                       "{a: 1}",
                                       "[a, [b, [c]], []]",
                                       "'a: b'",
                                       "a # not a comment"};
  for (const BuiltinRuleSet& set : builtin_rule_sets())
    for (const BuiltinValue& value : set.values)
      literals.emplace_back(value.literal);
  for (const KeyDef& key : key_table())
    literals.emplace_back(key.default_yaml);
  for (const std::string& text : literals) {
    INFO(text);
    YAML::Node expected;
    try {
      expected = YAML::Load(text);
    } catch (const YAML::Exception&) {
      continue; // not a literal anybody writes; yaml-cpp's error stands
    }
    CHECK(same_yaml(literal_node(text), expected));
  }
}

TEST_CASE("the shipped rule sets load from their tables as through the validator", "[config]") {
  // The tables skip validation: load each set's text as a user file too (which
  // validates it) and compare every effective value and where it comes from.
  for (const BuiltinRuleSet& set : builtin_rule_sets()) {
    INFO(set.name);
    auto text = find_resource("rules/" + std::string(set.name) + ".yaml");
    REQUIRE(text);
    Folder fast, checked;
    fast.write(".preflight.yaml", "extends: [" + std::string(set.name) + "]\n");
    std::string validated(*text);
    if (set.extends.empty())
      validated = "extends: []\n" + validated;
    checked.write(".preflight.yaml", validated);
    Config a = load({fast.path});
    Config b = load({checked.path});
    REQUIRE(a.values().size() == b.values().size());
    for (const auto& [path, value] : a.values()) {
      INFO(path);
      const Value* other = b.find(path);
      REQUIRE(other);
      CHECK(same_yaml(value.node, other->node));
      if (other->source.file == ".preflight.yaml") {
        CHECK(value.source.file == "<built-in rules/" + std::string(set.name) + ".yaml>");
        int shift = set.extends.empty() ? 1 : 0; // the "extends: []" line above
        CHECK(value.source.line + shift == other->source.line);
        CHECK(value.source.column == other->source.column);
      } else {
        CHECK(value.source.str() == other->source.str());
      }
    }
    CHECK(set.values.size() > 0);
  }
}

TEST_CASE("values written as literals are built when first read, in layering order", "[config]") {
  Config config;
  config.set_literal("a.x", "true", Location{"<built-in rules/x.yaml>", 3, 4});
  config.set_literal("a.y", "[1, 2]", {});
  config.set("a.y", Value{YAML::Node("over"), Location{".preflight.yaml", 1, 1}});
  config.set("m.k", Value{YAML::Node("first"), {}});
  config.set_literal("m.k", "second", {});
  config.set_literal("m.other", "[x]", {});
  config.set_literal("gone.p", "1", {});
  config.erase_prefix("gone.");
  CHECK(config.get_bool("a.x"));
  CHECK(config.find("a.x")->source.str() == "<built-in rules/x.yaml>:3:4");
  CHECK(config.get_string("a.y") == "over");
  CHECK(config.find("gone.p") == nullptr);
  auto entries = config.entries("m");
  REQUIRE(entries.size() == 2);
  CHECK(entries.at("k")->node.Scalar() == "second");
  CHECK(entries.at("other")->node.IsSequence());
  // Several threads reading at once build each value once.
  for (int i = 0; i < 200; ++i)
    config.set_literal("t." + std::to_string(i), "[a, b]", {});
  std::vector<std::thread> threads;
  std::vector<const Value*> seen[4];
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i)
        seen[t].push_back(config.find("t." + std::to_string(i)));
    });
  for (auto& thread : threads)
    thread.join();
  for (int t = 1; t < 4; ++t)
    CHECK(seen[t] == seen[0]);
  CHECK(config.values().size() == 204); // a.x, a.y, m.k, m.other and t.*
}

TEST_CASE("extends items: a shipped name or path: FILE, nothing else", "[config]") {
  CHECK(problems("extends: [default, {path: ci/rules.yaml}]\n") == "");
  CHECK(problems("extends:\n  - {path: a.yaml, rev: v1}\n  - {path: ''}\n  - [x]\n") ==
        ".preflight.yaml:2:20: an item of \"extends\" is a shipped rule set's name or a map with "
        "one key, path: FILE\n"
        ".preflight.yaml:3:5: \"extends\" item needs path: FILE (a rules file in the repository)\n"
        ".preflight.yaml:4:5: each item of \"extends\" must be a string");
}

TEST_CASE("nested rules files: closest folder wins, repository-wide keys refused", "[config]") {
  Folder folder;
  std::filesystem::create_directories(folder.path / "web/admin");
  std::filesystem::create_directories(folder.path / "api");
  folder.write(".preflight.yaml", "checks:\n  large_files:\n    max_size: 1k\n");
  folder.write("web/.preflight.yaml", "checks:\n  large_files:\n    max_size: 2k\n");
  folder.write("web/admin/.preflight.yaml", "checks:\n  symlinks:\n    enabled: false\n");
  Config rules = load({folder.path});
  SECTION("each folder on top of its parent's") {
    auto scopes = load_scopes(rules, folder.path, {"web/admin", "web"});
    REQUIRE(scopes.size() == 2);
    CHECK(scopes[0].dir == "web");
    CHECK(scopes[1].file == "web/admin/.preflight.yaml");
    CHECK(scopes[1].rules.get_size("checks.large_files.max_size") == 2048);
    CHECK(scopes[1].rules.find("checks.large_files.max_size")->source.str() ==
          "web/.preflight.yaml:3:15");
    CHECK_FALSE(scopes[1].rules.get_bool("checks.symlinks.enabled"));
    CHECK(rules.get_size("checks.large_files.max_size") == 1024);
    CHECK(scope_of(scopes, "web/admin/x.ts") == &scopes[1]);
    CHECK(scope_of(scopes, "web/a.ts") == &scopes[0]);
    CHECK(scope_of(scopes, "webby/a.ts") == nullptr);
    CHECK(scope_of(scopes, "web") == nullptr);
  }
  SECTION("a folder whose file is gone is left out") {
    CHECK(load_scopes(rules, folder.path, {"gone"}).empty());
  }
  SECTION("keys a nested file cannot set are errors, all reported") {
    folder.write("web/.preflight.yaml",
                 "backups:\n  enabled: false\nnotebooks: {mode: check}\ntrust: {files: [x]}\n");
    folder.write("api/.preflight.yaml", "pre_commit: {parallel: false}\n");
    try {
      load_scopes(rules, folder.path, {"web", "api"});
      FAIL("load_scopes did not throw");
    } catch (const Error& e) {
      CHECK(e.exit() == Exit::usage);
      std::string tail = "applies to the whole repository: set it in the root .preflight.yaml (a "
                         "nested rules file sets only checks.* and pre_commit.commands)";
      CHECK(std::string(e.what()) == "api/.preflight.yaml:1:24: \"pre_commit.parallel\" " + tail +
                                         "\nweb/.preflight.yaml:2:12: \"backups.enabled\" " + tail +
                                         "\nweb/.preflight.yaml:3:19: \"notebooks.mode\" " + tail +
                                         "\nweb/.preflight.yaml:4:16: \"trust.files\" " + tail);
    }
  }
  CHECK(nested_key("checks.private_keys.allow"));
  CHECK(nested_key("pre_commit.commands"));
  CHECK_FALSE(nested_key("pre_commit.enabled"));
  CHECK_FALSE(nested_key("extends"));
}
