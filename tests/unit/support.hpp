// Helpers shared by unit tests.
#pragma once

#include "commitmsg/lint.hpp"
#include "commitmsg/settings.hpp"
#include "config/config.hpp"
#include "util/fs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace preflight::test {

// A scratch folder, removed with everything in it when the test ends.
struct Folder {
  std::filesystem::path path;
  Folder() {
    char pattern[] = "/tmp/preflight-unit-XXXXXX";
    path = ::mkdtemp(pattern);
  }
  ~Folder() { std::filesystem::remove_all(path); }
  void write(const std::string& name, std::string_view text) {
    write_file_atomic(path / name, text);
  }
};

// The effective rules for a repository whose .preflight.yaml is text (none when
// text is empty), loaded from a scratch folder that is removed afterwards.
inline config::Config load_rules(std::string_view text = "") {
  Folder dir;
  if (!text.empty())
    dir.write(".preflight.yaml", text);
  return config::load({dir.path});
}

// Checks that two commit-msg rule settings say the same (where they were set aside).
inline void check_same_rule(const commitmsg::RuleSetting& got, const commitmsg::RuleSetting& want) {
  CHECK(got.level == want.level);
  CHECK(got.when == want.when);
  CHECK(got.value.number == want.value.number);
  CHECK(got.value.text == want.value.text);
  CHECK(got.value.list == want.value.list);
  CHECK(got.value.delimiters == want.value.delimiters);
}

// The conventional preset's commit-msg settings, read once.
inline const commitmsg::Settings& conventional() {
  static const commitmsg::Settings s = commitmsg::settings_from_yaml("extends: [conventional]\n");
  return s;
}

// A lint result's findings as "E:rule W:rule ...", in order.
inline std::string checks(const commitmsg::LintResult& r) {
  std::string out;
  for (const auto& f : r.findings)
    out += (out.empty() ? "" : " ") +
           std::string(f.severity == report::Severity::error ? "E:" : "W:") + f.check;
  return out;
}

} // namespace preflight::test
