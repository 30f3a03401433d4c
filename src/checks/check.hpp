// The interface between hooks and checks. A check reads plain data from its
// Context (rules, the hook's input, repository facts through RepoView) and appends
// findings to a Report. Checks never include <git2.h>.
#pragma once

#include "config/config.hpp"
#include "report/finding.hpp"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::checks {

enum class Hook { pre_commit, commit_msg, pre_push, post_checkout, reference_transaction };

// "pre-commit", "commit-msg", ...
std::string_view hook_name(Hook hook);
std::optional<Hook> hook_from_name(std::string_view name);

// What git handed the hook: its arguments and, for pre-push and
// reference-transaction, everything it wrote to standard input.
struct HookInput {
  Hook hook = Hook::pre_commit;
  std::vector<std::string> args;
  std::string stdin_data;
};

// Repository facts a check may ask for. Implemented over libgit2 in git/, opened
// lazily so that hooks with nothing to check never pay for it.
class RepoView {
public:
  virtual ~RepoView() = default;
  // A git config value as git would read it for this repository (including
  // `git -c` values exported to hooks), or nullopt when unset.
  virtual std::optional<std::string> config_string(std::string_view key) const = 0;
};

struct Context {
  const config::Config& config;
  const HookInput& input;
  std::filesystem::path root; // worktree root (the hook's working directory)
  const RepoView& repo;
};

using CheckFn = void (*)(const Context& context, report::Report& report);

struct CheckDef {
  std::string_view id;      // kebab-case; what SKIP= names
  std::string_view summary; // one line for `preflight status` and docs
  Hook hook;
  CheckFn run;
};

// Every check, in the order they run. One row per check (src/checks/table.cpp).
std::span<const CheckDef> check_table();

} // namespace preflight::checks
