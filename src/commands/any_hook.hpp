// Team commands on the git hooks that have no checks of their own: every
// client-side hook of githooks(5) (git 2.39) besides the built-in five, e.g.
// prepare-commit-msg, post-commit, post-merge, post-rewrite, pre-rebase,
// pre-merge-commit, pre-auto-gc. The rules list them as `<hook>.commands`
// (post_merge.commands, ...); `preflight install` installs the hooks the rules
// use, each a launcher of the shared binary libexec/preflight/any-hook, which
// takes the hook's name from argv[0] as git runs it.
//
// Left out: the server-side hooks (pre-receive, update, proc-receive,
// post-receive, post-update, push-to-checkout: they belong to the server
// install), and fsmonitor-watchman (git reads its standard output as a file
// list, so it cannot run reporting commands).
//
// A command gets the hook's inputs: in a run list, an item "{args}" (or "{0}")
// becomes every argument git passed, one item each, and "{1}", "{2}", ... in an
// item become that argument (as lefthook writes them); a run string (a sh
// script) gets them as "$@", never spliced into the script. Standard input
// (post-rewrite's "old new" lines) goes to every command; PREFLIGHT_HOOK names
// the hook.
#pragma once

#include "config/config.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::commands {

struct AnyHook {
  std::string_view name;    // "post-merge"
  std::string_view section; // "post_merge"
  bool reads_stdin = false; // git writes data to its standard input
  bool may_refuse = false;  // a non-zero exit stops git's command
};

// Every hook of this kind, in the order githooks(5) lists them.
std::span<const AnyHook> any_hooks();

// The hook called name, or nullptr (the built-in five are not in this list).
const AnyHook* find_any_hook(std::string_view name);

// The name of the shared binary that runs these hooks (libexec/preflight/NAME).
inline constexpr std::string_view k_any_hook_binary = "any-hook";

// The hooks of this kind whose commands list in rules is not empty.
std::vector<std::string> hooks_in_use(const config::Config& rules);

// argv with the hook's arguments put in: "{args}"/"{0}" items expand to every
// argument, "{N}" inside an item becomes argument N ("" when there is none).
std::vector<std::string> with_hook_arguments(const std::vector<std::string>& argv,
                                             const std::vector<std::string>& args);

} // namespace preflight::commands
