// Golden data: every row of shared/conformance/commitlint/cases.jsonl through the
// conventional preset must give commitlint --edit's verdict, error rules and
// warning rules (the row's "edit" field).
#include "commitmsg/lint.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>

using namespace preflight;

namespace {

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z')
      return c - 'A';
    if (c >= 'a' && c <= 'z')
      return c - 'a' + 26;
    if (c >= '0' && c <= '9')
      return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  };
  std::string out;
  int bits = 0, acc = 0;
  for (const char c : in) {
    const int v = value(c);
    if (v < 0)
      continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::string names(const std::set<std::string>& s) {
  std::string out;
  for (const auto& n : s)
    out += (out.empty() ? "" : ",") + n;
  return "[" + out + "]";
}

} // namespace

TEST_CASE("conventional preset agrees with commitlint --edit on cases.jsonl",
          "[commitmsg][conformance]") {
  const auto settings = commitmsg::settings_from_yaml("extends: [conventional]\n");
  std::ifstream in(std::string(PREFLIGHT_SHARED_DIR) + "/conformance/commitlint/cases.jsonl");
  REQUIRE(in.good());
  std::string row;
  int total = 0, agree = 0;
  std::string mismatches;
  while (std::getline(in, row)) {
    if (row.empty())
      continue;
    const auto c = nlohmann::json::parse(row);
    const std::string bytes = c.contains("msg_b64") ? base64_decode(c["msg_b64"].get<std::string>())
                                                    : c["msg"].get<std::string>();
    const auto result = commitmsg::lint({bytes, std::nullopt, "msg"}, settings);
    std::set<std::string> errors, warnings;
    for (const auto& f : result.findings)
      (f.severity == report::Severity::error ? errors : warnings).insert(f.check);
    const auto& edit = c["edit"];
    const std::set<std::string> want_errors(edit["rules"].begin(), edit["rules"].end());
    const std::set<std::string> want_warnings(edit["warnings"].begin(), edit["warnings"].end());
    const int exit = errors.empty() ? 0 : 1;
    ++total;
    if (exit == edit["exit"].get<int>() && errors == want_errors && warnings == want_warnings) {
      ++agree;
    } else {
      mismatches += c["id"].get<std::string>() + " (" + c["note"].get<std::string>() +
                    "): got exit " + std::to_string(exit) + " errors " + names(errors) +
                    " warnings " + names(warnings) + "; commitlint " + edit.dump() + "\n";
    }
  }
  INFO(mismatches);
  CHECK(total == 85);
  CHECK(agree == total);
}
