#include "commands/any_hook.hpp"

#include <algorithm>

namespace preflight::commands {

namespace {

// githooks(5) of git 2.39, client side, less the built-in five. may_refuse:
// git stops its command when the hook fails.
constexpr AnyHook k_any_hooks[] = {
    {"applypatch-msg", "applypatch_msg", false, true},
    {"pre-applypatch", "pre_applypatch", false, true},
    {"post-applypatch", "post_applypatch", false, false},
    {"pre-merge-commit", "pre_merge_commit", false, true},
    {"prepare-commit-msg", "prepare_commit_msg", false, true},
    {"post-commit", "post_commit", false, false},
    {"pre-rebase", "pre_rebase", false, true},
    {"post-merge", "post_merge", false, false},
    {"post-rewrite", "post_rewrite", true, false},
    {"sendemail-validate", "sendemail_validate", false, true},
    {"pre-auto-gc", "pre_auto_gc", false, true},
    {"post-index-change", "post_index_change", false, false},
    {"p4-changelist", "p4_changelist", false, true},
    {"p4-prepare-changelist", "p4_prepare_changelist", false, true},
    {"p4-post-changelist", "p4_post_changelist", false, false},
    {"p4-pre-submit", "p4_pre_submit", false, true},
};

// "{N}" at text[at] (N a whole number): its length and N.
std::optional<std::pair<std::size_t, std::size_t>> placeholder(const std::string& text,
                                                               std::size_t at) {
  std::size_t end = at + 1;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9' && end - at < 6)
    ++end;
  if (end == at + 1 || end >= text.size() || text[end] != '}')
    return std::nullopt;
  return std::make_pair(end + 1 - at, std::stoul(text.substr(at + 1, end - at - 1)));
}

} // namespace

std::span<const AnyHook> any_hooks() {
  return k_any_hooks;
}

const AnyHook* find_any_hook(std::string_view name) {
  for (const AnyHook& hook : k_any_hooks)
    if (hook.name == name)
      return &hook;
  return nullptr;
}

std::vector<std::string> hooks_in_use(const config::Config& rules) {
  std::vector<std::string> out;
  for (const AnyHook& hook : k_any_hooks) {
    const config::Value* value = rules.find(std::string(hook.section) + ".commands");
    if (value && value->node.IsSequence() && value->node.size() > 0)
      out.emplace_back(hook.name);
  }
  return out;
}

std::vector<std::string> with_hook_arguments(const std::vector<std::string>& argv,
                                             const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& item : argv) {
    if (item == "{args}" || item == "{0}") {
      out.insert(out.end(), args.begin(), args.end());
      continue;
    }
    std::string text;
    for (std::size_t i = 0; i < item.size(); ++i) {
      auto found = item[i] == '{' ? placeholder(item, i) : std::nullopt;
      if (!found || found->second == 0) {
        text += item[i];
        continue;
      }
      if (found->second <= args.size())
        text += args[found->second - 1];
      i += found->first - 1;
    }
    out.push_back(std::move(text));
  }
  return out;
}

} // namespace preflight::commands
