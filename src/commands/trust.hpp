// Trust for commands the repository brings. Commands in the committed
// .preflight.yaml run only after the user ran `preflight trust`, which shows
// them and records the SHA-256 of exactly what it showed in
// <git common dir>/preflight/trusted (outside the working tree, so no commit,
// pull or checkout can write it). Any change to those commands changes the hash.
// A .preflight.local.yaml that git tracks counts as committed too.
#pragma once

#include "config/config.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace preflight::commands {

struct TrustState {
  // The committed command lists, as `preflight trust` shows them: one block per
  // hook, "# from FILE" then "<hook>.commands:" and the list as YAML.
  std::string text;
  std::string hash;                  // SHA-256 of text (hex); "" without committed commands
  std::vector<std::string> sections; // "pre_commit", ... whose commands need trust
  bool trusted = true;               // nothing needs trust, or hash is recorded
};

// local_tracked: whether git tracks .preflight.local.yaml.
TrustState trust_state(const config::Config& rules, const std::filesystem::path& common_dir,
                       bool local_tracked);

// Adds hash to the trusted set (atomically; the newest 64 are kept).
void record_trust(const std::filesystem::path& common_dir, const std::string& hash);

// SHA-256 of data, lower-case hex.
std::string sha256_hex(std::string_view data);

} // namespace preflight::commands
