// Rules-file keys of the ML workflow checks: commit identity (identity.*),
// jupytext pairs (jupytext.*) and post-checkout actions (post_checkout.*). As
// for the content checks, the key defaults leave the checks off and the
// shipped `default` rule set turns them on.
#include "config/schema.hpp"

namespace preflight::config {

namespace {

constexpr std::string_view k_compare[] = {"cells", "code", "presence"};
constexpr std::string_view k_missing[] = {"warn", "refuse", "ignore"};

constexpr KeyDef k_ml_keys[] = {
    {"identity", ValueType::section, "",
     "Author and committer of a commit (pre-commit): set, not a placeholder from "
     "documentation or a container image, and in an allowed domain (see docs/identity.md)."},
    {"identity.enabled", ValueType::boolean, "false",
     "Refuse commits whose author or committer name or email is unset or a placeholder."},
    {"identity.allowed_domains", ValueType::string_list, "[]",
     "Email domains allowed for author and committer (a domain also allows its subdomains); "
     "empty: any domain."},
    {"identity.allow", ValueType::string_list, "[]",
     "Names or emails let through although they look like placeholders (e.g. a CI robot)."},

    {"jupytext", ValueType::section, "",
     "Notebooks paired with scripts by jupytext (pre-commit): both sides committed together "
     "with the same cells (see docs/jupytext.md)."},
    {"jupytext.enabled", ValueType::boolean, "false",
     "Check notebooks paired through metadata.jupytext.formats or a jupytext config file."},
    {"jupytext.compare", ValueType::choice, "cells",
     "cells: code and markdown cell sources must match; code: only code cells; presence: only "
     "require the paired file in the commit.",
     k_compare},
    {"jupytext.missing", ValueType::choice, "warn",
     "A paired side that has never existed (not in HEAD, the index or the working tree): "
     "warn (one line), refuse, or ignore. A side that exists but is not staged, or that the "
     "commit deletes, is always refused.",
     k_missing},

    {"post_checkout.actions", ValueType::object_list, "[]",
     "After a branch checkout: reminders or commands when files matching globs differ between "
     "the old and the new HEAD."},
    {"post_checkout.actions[].name", ValueType::string, "", "What the action is called."},
    {"post_checkout.actions[].glob", ValueType::string_list, "",
     "Paths that trigger the action (gitignore patterns)."},
    {"post_checkout.actions[].message", ValueType::string, "",
     "The reminder printed; the changed files are listed under it."},
    {"post_checkout.actions[].run", ValueType::string_list, "",
     "A command (argv, no shell) run in the work tree root. From committed rules (or a tracked "
     ".preflight.local.yaml) only after `preflight trust`; until then shown, not run."},
    {"post_checkout.clean_pycache", ValueType::boolean, "false",
     "Remove untracked __pycache__/*.pyc files whose .py source is gone after a branch "
     "checkout."},
};

} // namespace

std::span<const KeyDef> ml_keys() {
  return k_ml_keys;
}

} // namespace preflight::config
