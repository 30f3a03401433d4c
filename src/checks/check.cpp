#include "checks/check.hpp"

#include <array>

namespace preflight::checks {

namespace {

constexpr std::array<std::pair<Hook, std::string_view>, 5> k_names = {{
    {Hook::pre_commit, "pre-commit"},
    {Hook::commit_msg, "commit-msg"},
    {Hook::pre_push, "pre-push"},
    {Hook::post_checkout, "post-checkout"},
    {Hook::reference_transaction, "reference-transaction"},
}};

} // namespace

std::string_view hook_name(Hook hook) {
  for (const auto& [h, name] : k_names)
    if (h == hook)
      return name;
  return "?";
}

std::optional<Hook> hook_from_name(std::string_view name) {
  for (const auto& [h, n] : k_names)
    if (n == name)
      return h;
  return std::nullopt;
}

} // namespace preflight::checks
