// Whole numbers in rules files as YAML 1.2 reads them (config/numbers.hpp).
#include "config/numbers.hpp"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <limits>

using namespace preflight::config;

namespace {

std::optional<std::int64_t> integer(const char* yaml) {
  return whole_number(YAML::Load(yaml));
}

std::optional<std::uint64_t> size(const char* yaml) {
  return size_value(YAML::Load(yaml));
}

} // namespace

TEST_CASE("a plain scalar is the whole number YAML 1.2 reads, a quoted one a decimal string") {
  CHECK(integer("3") == 3);
  CHECK(integer("+3") == 3);
  CHECK(integer("-3") == -3);
  CHECK(integer("007") == 7);
  CHECK(integer("0x10") == 16);
  CHECK(integer("0o17") == 15);
  CHECK(integer("1.0") == 1);
  CHECK(integer("1e3") == 1000);
  CHECK(integer("7.") == 7);
  CHECK(integer("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
  CHECK(integer("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
  CHECK(integer("\"3\"") == 3);
  CHECK(integer("\"-999999999999999999\"") == -999999999999999999);
  for (const char* refused : {"9223372036854775808", "-9223372036854775809", "3.5", ".inf", ".nan",
                              "1_000", "-0x10", "0x", "\"+3\"", "\"0x10\"", "\"3.0\"", "\" 3\"",
                              "\"9223372036854775807\"", "~", "[1]", "true", "30s"})
    CHECK_FALSE(integer(refused));
}

TEST_CASE("a size: a plain whole number, or digits that fit before their unit") {
  CHECK(size("5") == 5);
  CHECK(size("0x10") == 16);
  CHECK(size("+5") == 5);
  CHECK(size("1.5e7") == 15000000);
  CHECK(size("-0") == 0);
  CHECK(size("18446744073709551615") == std::numeric_limits<std::uint64_t>::max());
  CHECK(size("5 MiB") == 5u << 20);
  CHECK(size("\"5\"") == 5);
  CHECK(size("9999999T") == 9999999ull << 40);
  CHECK(size("\"9999999999999999999\"") == 9999999999999999999ull);
  for (const char* refused : {"18446744073709551616", "-5", "\"-5\"", "\"+5\"", "1.5MB", "1.5",
                              "99999999999T", "\"99999999999999999999\"", "5 parsecs", "~", "\"\""})
    CHECK_FALSE(size(refused));
}
