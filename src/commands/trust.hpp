// Trust for what the repository can make preflight run. Everything that runs a
// program goes through may_run(): the commands of every hook
// (`<hook>.commands`) and the post-checkout actions' `run`. What comes from
// committed rules (.preflight.yaml, or a .preflight.local.yaml that git tracks
// or has staged) runs only after `preflight trust`, which shows it and records
// the SHA-256 of exactly what it showed, in <git common dir>/preflight/trusted/
// (outside the working tree, so no commit, pull or checkout can write it).
//
// What is shown and hashed: the committed command and action lists as YAML,
// `trust.files`, and the git blob id of every tracked file the commands name
// (a word of an argv or of a shell script that is a tracked path, relative to
// the command's root: ./scripts/lint.sh, python tools/fix.py, sh -c
// "scripts/a.sh && make") and of every tracked file `trust.files` matches. A
// change to any of them needs trust again; the next `preflight trust` shows
// the difference from the last trusted text (and the changed files' diffs).
// Files a program finds by itself (python -m pkg, a Makefile's includes, a
// tool's own config) are seen only when `trust.files` lists them.
#pragma once

#include "config/config.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::commands {

struct TrustState {
  // What needs trust, as `preflight trust` shows it: one block per list,
  // "# from FILE" then "<section>.commands:" (or "post_checkout.actions:",
  // "trust.files:") and the list as YAML; then one "file ID PATH" line per
  // file (PATH quoted as quoted() does).
  std::string text;
  std::string hash;                         // SHA-256 of text (hex); "" when nothing needs trust
  std::vector<std::string> sections;        // "pre_commit", ..., "post_checkout" needing trust
  std::map<std::string, std::string> files; // path -> blob id of the files in text
  bool trusted = true;                      // nothing needs trust, or hash is recorded
};

TrustState trust_state(const config::Config& rules, const git::Repository& repo);

// The one gate: whether what section ("pre_commit", "commit_msg", "pre_push",
// "post_checkout") runs may run: it comes from untracked local rules, or the
// user trusted the current state.
bool may_run(const TrustState& state, std::string_view section);

// Records state as trusted (atomically; the newest 64 are kept, with their text).
void record_trust(const std::filesystem::path& common_dir, const TrustState& state);

// What changed since the last trust, as unified diffs (the text, then each
// changed file), or nullopt when nothing was trusted before in this repository
// (or its text is gone).
std::optional<std::string> changes_since_trust(const git::Repository& repo,
                                               const TrustState& state);

// SHA-256 of data, lower-case hex.
std::string sha256_hex(std::string_view data);

} // namespace preflight::commands
