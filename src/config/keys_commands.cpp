// Rules-file keys of team commands: `<hook>.commands`, a list of programs to run
// on the hook's files (src/commands/). The items' defaults are applied by the
// command reader, so they are stated in the documentation only.
#include "config/diagnostics.hpp"
#include "config/schema.hpp"

#include <yaml-cpp/yaml.h>

namespace preflight::config {

namespace {

void validate_env(std::string_view name, const YAML::Node& value, Diagnostics& diags) {
  if (!value.IsScalar())
    diags.error(value, "env \"" + std::string(name) + "\" must be a string");
}

// The env row of a hook's command list (the same for every hook).
#define PREFLIGHT_ENV_ROW(prefix)                                                                  \
  {                                                                                                \
    prefix ".commands[].env", ValueType::named_map, "",                                            \
        "Environment variables to set for the command.", {}, {}, validate_env                      \
  }

// The rows of one hook's command list; prefix is a string literal.
#define PREFLIGHT_COMMAND_KEYS(prefix)                                                             \
  {prefix ".commands", ValueType::object_list, "",                                                 \
   "Programs to run on this hook's files, in order (see the README's Team commands section). "     \
   "Commands in "                                                                                  \
   ".preflight.yaml run only after `preflight trust`; .preflight.local.yaml replaces the list."},  \
      {prefix ".commands[].name", ValueType::string, "",                                           \
       "What the command is called in output and in SKIP=name (required, unique)."},               \
      {prefix ".commands[].run", ValueType::string_list, "",                                       \
       "The program and its arguments as a list, run without a shell, the files appended. A "      \
       "single string is a sh script that gets the files as \"$@\" (never spliced into it)."},     \
      {prefix ".commands[].glob", ValueType::string_list, "",                                      \
       "Only files matching one of these patterns (gitignore syntax; default: every file)."},      \
      {prefix ".commands[].exclude", ValueType::string_list, "",                                   \
       "Leave out files matching one of these patterns (gitignore syntax)."},                      \
      {prefix ".commands[].pass_files", ValueType::boolean, "",                                    \
       "Append the matching files to the command (default true). With false the command runs "     \
       "once, without file arguments, when any file matches."},                                    \
      {prefix ".commands[].root", ValueType::string, "",                                           \
       "A folder of the repository to run in: only files below it, named relative to it."},        \
      {prefix ".commands[].timeout", ValueType::integer, "",                                       \
       "Seconds after which the command is stopped and fails, 1 to 86400 (default: no limit)."},   \
      PREFLIGHT_ENV_ROW(prefix),                                                                   \
      {prefix ".commands[].stage_fixed", ValueType::boolean, "",                                   \
       "Stage the command's changes to its files, so that the commit has them (default false)."},  \
      {prefix ".commands[].fail_on_changes", ValueType::boolean, "",                               \
       "Fail when the command changes tracked files (default: true unless stage_fixed)."},         \
      {prefix ".commands[].read_only", ValueType::boolean, "",                                     \
       "The command never writes files, so it may run alongside other read_only commands on the "  \
       "same files (default false; commands on disjoint files run in parallel anyway)."},          \
      {prefix ".commands[].required", ValueType::boolean, "",                                      \
       "SKIP cannot skip this command (only git's --no-verify can; default false)."},              \
  {                                                                                                \
    prefix ".parallel", ValueType::boolean, "true",                                                \
        "Run commands at the same time when their files are disjoint (or all are read_only)."      \
  }

// The rows of a hook that has commands only (src/commands/any_hook.hpp):
// commands run once per hook call, with git's arguments and standard input.
#define PREFLIGHT_ANY_HOOK_KEYS(part, hook)                                                        \
  {part, ValueType::section, "", "The " hook " hook (commands only)."},                            \
      {part ".commands", ValueType::object_list, "",                                               \
       "Programs to run when git runs " hook ", in order, once each, with git's arguments: a run " \
       "list item \"{args}\" becomes all of them, \"{1}\", \"{2}\"... one; a run string gets "     \
       "them as \"$@\". Standard input is passed on. Only after `preflight trust`."},              \
      {part ".commands[].name", ValueType::string, "",                                             \
       "What the command is called in output and in SKIP=name (required, unique)."},               \
      {part ".commands[].run", ValueType::string_list, "",                                         \
       "The program and its arguments as a list, run without a shell; a single string is a sh "    \
       "script."},                                                                                 \
      {part ".commands[].root", ValueType::string, "", "A folder of the repository to run in."},   \
      {part ".commands[].timeout", ValueType::integer, "",                                         \
       "Seconds after which the command is stopped and fails, 1 to 86400 (default: no limit)."},   \
      PREFLIGHT_ENV_ROW(part), {                                                                   \
    part ".commands[].required", ValueType::boolean, "",                                           \
        "SKIP cannot skip this command (default false)."                                           \
  }

#define PREFLIGHT_REQUIRED_KEY(section)                                                            \
  {                                                                                                \
    "checks." section ".required", ValueType::boolean, "false",                                    \
        "SKIP cannot skip this check (only git's --no-verify can)."                                \
  }

constexpr KeyDef k_command_keys[] = {
    PREFLIGHT_COMMAND_KEYS("pre_commit"),
    PREFLIGHT_COMMAND_KEYS("commit_msg"),
    PREFLIGHT_COMMAND_KEYS("pre_push"),
    // Must match commands::any_hooks() (src/commands/any_hook.cpp).
    PREFLIGHT_ANY_HOOK_KEYS("applypatch_msg", "applypatch-msg"),
    PREFLIGHT_ANY_HOOK_KEYS("pre_applypatch", "pre-applypatch"),
    PREFLIGHT_ANY_HOOK_KEYS("post_applypatch", "post-applypatch"),
    PREFLIGHT_ANY_HOOK_KEYS("pre_merge_commit", "pre-merge-commit"),
    PREFLIGHT_ANY_HOOK_KEYS("prepare_commit_msg", "prepare-commit-msg"),
    PREFLIGHT_ANY_HOOK_KEYS("post_commit", "post-commit"),
    PREFLIGHT_ANY_HOOK_KEYS("pre_rebase", "pre-rebase"),
    PREFLIGHT_ANY_HOOK_KEYS("post_merge", "post-merge"),
    PREFLIGHT_ANY_HOOK_KEYS("post_rewrite", "post-rewrite"),
    PREFLIGHT_ANY_HOOK_KEYS("sendemail_validate", "sendemail-validate"),
    PREFLIGHT_ANY_HOOK_KEYS("pre_auto_gc", "pre-auto-gc"),
    PREFLIGHT_ANY_HOOK_KEYS("post_index_change", "post-index-change"),
    PREFLIGHT_ANY_HOOK_KEYS("p4_changelist", "p4-changelist"),
    PREFLIGHT_ANY_HOOK_KEYS("p4_prepare_changelist", "p4-prepare-changelist"),
    PREFLIGHT_ANY_HOOK_KEYS("p4_post_changelist", "p4-post-changelist"),
    PREFLIGHT_ANY_HOOK_KEYS("p4_pre_submit", "p4-pre-submit"),
    {"trust", ValueType::section, "", "What `preflight trust` covers besides the commands."},
    {"trust.files", ValueType::string_list, "[]",
     "Tracked files (gitignore patterns) that the commands use without naming them (python -m "
     "pkg, a Makefile's includes): a change to one needs `preflight trust` again, as a change "
     "to a file a command names does."},
    // Must match checks::requirable_checks() (src/checks/required.cpp).
    PREFLIGHT_REQUIRED_KEY("checkpoints"),
    PREFLIGHT_REQUIRED_KEY("large_files"),
    PREFLIGHT_REQUIRED_KEY("conflict_markers"),
    PREFLIGHT_REQUIRED_KEY("private_keys"),
    PREFLIGHT_REQUIRED_KEY("case_conflicts"),
    PREFLIGHT_REQUIRED_KEY("symlinks"),
    PREFLIGHT_REQUIRED_KEY("lfs"),
};

#undef PREFLIGHT_REQUIRED_KEY

#undef PREFLIGHT_ANY_HOOK_KEYS

#undef PREFLIGHT_ENV_ROW

#undef PREFLIGHT_COMMAND_KEYS

} // namespace

std::span<const KeyDef> command_keys() {
  return k_command_keys;
}

} // namespace preflight::config
