// Rules-file keys that are not owned by one feature.
#include "config/schema.hpp"

namespace preflight::config {

namespace {

constexpr KeyDef k_core_keys[] = {
    {"extends", ValueType::string_list, "",
     "Rule sets to start from, in order: shipped ones by name (see rules/), or a rules file "
     "in the repository as `- path: FILE` (docs/rules.md). A file without this key "
     "extends [default]; write [] to start from the key defaults alone. Root file only."},
    {"extends[].path", ValueType::string, "",
     "A rules file in the repository, relative to its root (no `..`, no absolute path, no "
     "symbolic link); its own extends are read first, and the file naming it wins."},
    {"pre_commit", ValueType::section, "", "The pre-commit hook."},
    {"pre_commit.enabled", ValueType::boolean, "true", "Run the pre-commit hook's checks."},
    {"commit_msg", ValueType::section, "", "The commit-msg hook: Conventional Commits rules."},
    {"commit_msg.enabled", ValueType::boolean, "true", "Run the commit-msg hook's checks."},
    {"pre_push", ValueType::section, "", "The pre-push hook."},
    {"pre_push.enabled", ValueType::boolean, "true", "Run the pre-push hook's checks."},
    {"post_checkout", ValueType::section, "", "The post-checkout hook."},
    {"post_checkout.enabled", ValueType::boolean, "true", "Run the post-checkout hook's checks."},
    {"server", ValueType::section, "",
     "The server hooks (preflight install --server): the pre-push checks on what a push "
     "brings (docs/server.md)."},
    {"server.per_ref", ValueType::boolean, "false",
     "Refuse only the pushed refs with problems (the update hook) instead of the whole push "
     "(pre-receive)."},
    {"server.skip_by_push_option", ValueType::boolean, "false",
     "Let pushers skip checks that are not required with git push -o SKIP=<id> (needs "
     "receive.advertisePushOptions)."},
    {"reference_transaction", ValueType::section, "", "The reference-transaction hook."},
    {"reference_transaction.enabled", ValueType::boolean, "true",
     "Run the reference-transaction hook's checks (backups)."},
};

} // namespace

std::span<const KeyDef> core_keys() {
  return k_core_keys;
}

} // namespace preflight::config
