#include "hook/skip.hpp"
#include "report/output.hpp"

#include "checks/required.hpp"
#include "commands/spec.hpp"
#include "commitmsg/rules.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cstdio>

namespace preflight::hook {

using checks::Hook;

namespace {

// Checks outside the checks table that SKIP names, with the hooks they run in.
struct NamedCheck {
  std::string_view id;
  bool pre_commit, pre_push;
};

constexpr NamedCheck k_named_checks[] = {
    {"protected-branch", false, true},   {"backup-branch", false, true},
    {"published-commits", false, false}, {"post-checkout-actions", false, false},
    {"clean-pycache", false, false},     {"backup", false, false},
    {"notebook", false, true}, // pre-push's notebook check
};

std::vector<std::string> command_names(const config::Config& rules, Hook hook) {
  std::vector<std::string> names;
  try {
    for (const commands::CommandSpec& spec : commands::read_commands(rules, hook))
      names.push_back(spec.name);
  } catch (const std::exception&) {
    // A broken command list is reported where the commands run.
  }
  return names;
}

// The checks of hook that SKIP can name and that print "skipped:" here.
std::vector<std::string> checks_of(Hook hook) {
  std::vector<std::string> ids;
  for (const checks::CheckDef& check : checks::check_table())
    if (check.hook == hook)
      ids.emplace_back(check.id);
  bool content = hook == Hook::pre_commit || hook == Hook::pre_push;
  bool messages = hook == Hook::commit_msg || hook == Hook::pre_push;
  if (content)
    for (const checks::RequiredKey& check : checks::requirable_checks())
      ids.emplace_back(check.id);
  for (const NamedCheck& check : k_named_checks)
    if ((hook == Hook::pre_commit && check.pre_commit) ||
        (hook == Hook::pre_push && check.pre_push))
      ids.emplace_back(check.id);
  if (messages) {
    ids.emplace_back("commit-message");
    for (const commitmsg::RuleDef& rule : commitmsg::rule_table())
      ids.emplace_back(rule.name);
  }
  return ids;
}

} // namespace

std::vector<std::string> skip_names(const config::Config& rules) {
  std::vector<std::string> names;
  for (Hook hook : {Hook::pre_commit, Hook::commit_msg, Hook::pre_push}) {
    auto ids = checks_of(hook);
    names.insert(names.end(), ids.begin(), ids.end());
  }
  for (const NamedCheck& check : k_named_checks)
    names.emplace_back(check.id);
  for (Hook hook : {Hook::pre_commit, Hook::commit_msg, Hook::pre_push, Hook::post_checkout}) {
    auto commands = command_names(rules, hook);
    names.insert(names.end(), commands.begin(), commands.end());
  }
  if (const config::Value* actions = rules.find("post_checkout.actions");
      actions && actions->node.IsSequence())
    for (const auto& action : actions->node)
      if (action.IsMap() && action["name"] && action["name"].IsScalar())
        names.push_back(action["name"].Scalar());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

void report_skip(Hook hook, const config::Config& rules,
                 const std::set<std::string, std::less<>>& requested,
                 const std::set<std::string, std::less<>>& skipped,
                 const std::vector<std::string>& nested) {
  if (requested.empty())
    return;
  std::vector<std::string> names = skip_names(rules);
  names.insert(names.end(), nested.begin(), nested.end());
  std::sort(names.begin(), names.end());
  std::vector<std::string_view> views(names.begin(), names.end());
  // git commit runs pre-commit, then commit-msg: one warning is enough.
  for (const std::string& name : requested)
    if (hook != Hook::commit_msg && !std::binary_search(names.begin(), names.end(), name))
      std::fprintf(stderr,
                   "preflight: warning: SKIP names %s, which is no check, rule or command; "
                   "nothing is skipped for it%s\n",
                   preflight::quoted(name).c_str(), did_you_mean_hint(name, views).c_str());
  for (const std::string& id : checks_of(hook))
    if (skipped.count(id))
      report::info("skipped: " + id + " (SKIP)");
}

std::set<std::string> unskippable(Hook hook, const config::Config& rules,
                                  const std::vector<std::string>& nested) {
  std::set<std::string> names(nested.begin(), nested.end());
  for (const std::string& id : checks::required_check_ids(rules))
    names.insert(id);
  try {
    for (const commands::CommandSpec& spec : commands::read_commands(rules, hook))
      if (spec.required)
        names.insert(spec.name);
  } catch (const std::exception&) {
    // Reported where the commands run.
  }
  return names;
}

} // namespace preflight::hook
