// The hooks a repository chose to have: `preflight install --hooks` and
// `preflight uninstall --hooks` pick a subset on purpose (a repository with
// tens of thousands of refs may want no reference-transaction hook), and
// `preflight status` must tell a hook left out on purpose from one that was
// installed and has since gone missing or been replaced. The choice is kept
// in the repository's own git config as `preflight.hooks`, a comma-separated
// list of hook names; unset means every hook. A full `preflight install` or
// `preflight uninstall` unsets it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace preflight::git {
class Repository;
}

namespace preflight::install {

inline constexpr const char* k_chosen_hooks_key = "preflight.hooks";

// The hooks chosen, or nullopt when every hook is (the key is unset).
std::optional<std::set<std::string>> chosen_hooks(const git::Repository& repo);

// Records the choice after `install --hooks names` (names empty: every hook,
// the key is unset). Adds to the hooks chosen before; with no choice recorded,
// to every hook when any hook was ours before this install (ours_before: a full
// install, whose missing hooks stay problems), else to none. A choice that
// covers every name in all unsets the key. Returns what the user is told.
std::vector<std::string> remember_install(const git::Repository& repo,
                                          const std::vector<std::string>& names,
                                          const std::vector<std::string>& ours_before,
                                          const std::vector<std::string>& all);

// Records the choice after `uninstall --hooks names` (names empty: unset):
// the hooks chosen before (else every name in all) less names.
std::vector<std::string> remember_uninstall(const git::Repository& repo,
                                            const std::vector<std::string>& names,
                                            const std::vector<std::string>& all);

} // namespace preflight::install
