// Helpers shared by unit tests.
#pragma once

#include "config/config.hpp"
#include "util/fs.hpp"

#include <filesystem>
#include <string_view>
#include <unistd.h>

namespace preflight::test {

// The effective rules for a repository whose .preflight.yaml is text (none when
// text is empty), loaded from a scratch folder that is removed afterwards.
inline config::Config load_rules(std::string_view text = "") {
  char pattern[] = "/tmp/preflight-unit-XXXXXX";
  std::filesystem::path dir = ::mkdtemp(pattern);
  if (!text.empty())
    write_file_atomic(dir / ".preflight.yaml", text);
  config::Config result = config::load({dir});
  std::filesystem::remove_all(dir);
  return result;
}

} // namespace preflight::test
