// The command line's small pieces: --color words, durations in the progress
// summary, and the JSON Schema's shape for each kind of key.
#include "commands/progress.hpp"
#include "config/json_schema.hpp"
#include "report/output.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>

using namespace preflight;

TEST_CASE("colour modes: auto, always and never only, as --color and PREFLIGHT_COLOR spell them") {
  CHECK(report::parse_color_mode("auto") == report::ColorMode::automatic);
  CHECK(report::parse_color_mode("always") == report::ColorMode::always);
  CHECK(report::parse_color_mode("never") == report::ColorMode::never);
  CHECK_FALSE(report::parse_color_mode("Always").has_value());
  CHECK_FALSE(report::parse_color_mode("").has_value());
  CHECK_FALSE(report::parse_color_mode("yes").has_value());
}

TEST_CASE("durations in the progress line and summary") {
  using std::chrono::milliseconds;
  CHECK(commands::format_duration(milliseconds(0)) == "0.0s");
  CHECK(commands::format_duration(milliseconds(399)) == "0.3s");
  CHECK(commands::format_duration(milliseconds(9999)) == "9.9s");
  CHECK(commands::format_duration(milliseconds(10000)) == "10s");
  CHECK(commands::format_duration(milliseconds(59999)) == "59s");
  CHECK(commands::format_duration(milliseconds(125000)) == "2m05s");
}

TEST_CASE("the JSON Schema nests the key table") {
  auto schema = nlohmann::json::parse(config::json_schema());
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK(schema["additionalProperties"] == false);
  const auto& top = schema["properties"];
  // A section: only its keys.
  CHECK(top["pre_commit"]["additionalProperties"] == false);
  CHECK(top["pre_commit"]["properties"].contains("enabled"));
  // A list of maps: its items take only their keys.
  const auto& command = top["pre_commit"]["properties"]["commands"]["items"];
  CHECK(command["additionalProperties"] == false);
  CHECK(command["properties"].contains("stage_fixed"));
  // A choice: its words.
  CHECK(top["commit_msg"]["properties"]["parser"]["enum"] ==
        nlohmann::json::array({"commitlint", "spec"}));
  // A named map with fixed names: only those.
  const auto& rules = top["commit_msg"]["properties"]["rules"];
  CHECK(rules["propertyNames"]["enum"].size() > 20);
  // Each rule's setting: a level, [level, when, value] or {level, when, value}.
  const auto& length = rules["properties"]["header-max-length"]["anyOf"];
  CHECK(length[1]["items"][1]["enum"] == nlohmann::json::array({"always", "never"}));
  CHECK(length[2]["required"] == nlohmann::json::array({"level"}));
  // A size: a whole number within 64 bits, or a number with a unit and at
  // most the digits that fit before it (config/numbers.hpp).
  const auto& size = top["checks"]["properties"]["large_files"]["properties"]["max_size"];
  CHECK(size["anyOf"][0]["maximum"] == std::numeric_limits<std::uint64_t>::max());
  CHECK(size["anyOf"][1]["pattern"] ==
        "^([0-9]{1,19} *[bB]?|[0-9]{1,16} *[kK][iI]?[bB]?|[0-9]{1,13} *[mM][iI]?[bB]?"
        "|[0-9]{1,10} *[gG][iI]?[bB]?|[0-9]{1,7} *[tT][iI]?[bB]?)$");
  // An integer: a whole number within 64 bits, or a quoted one of 18 digits.
  const auto& keep = top["backups"]["properties"]["keep_per_branch"];
  CHECK(keep["anyOf"][0]["minimum"] == std::numeric_limits<std::int64_t>::min());
  CHECK(keep["anyOf"][1]["pattern"] == "^-?[0-9]{1,18}$");
  // env: a map whose values are strings.
  CHECK(command["properties"]["env"]["additionalProperties"]["type"] ==
        nlohmann::json::array({"string", "number", "boolean"}));
}
