#include "install/chosen.hpp"

#include "git/config_edit.hpp"
#include "util/strings.hpp"

#include <algorithm>

namespace preflight::install {

namespace {

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& name : names)
    out += (out.empty() ? "" : ",") + name;
  return out;
}

// Writes the choice, or unsets it when it covers every name in all.
std::vector<std::string> record(const git::Repository& repo, const std::set<std::string>& chosen,
                                const std::vector<std::string>& all) {
  bool every = std::all_of(all.begin(), all.end(),
                           [&chosen](const std::string& name) { return chosen.count(name) > 0; });
  if (every) {
    if (git::unset_local_config(repo, k_chosen_hooks_key))
      return {std::string("every hook chosen again (") + k_chosen_hooks_key + " unset)"};
    return {};
  }
  std::string value = joined(chosen);
  if (git::local_config(repo, k_chosen_hooks_key) == value)
    return {};
  git::set_local_config(repo, k_chosen_hooks_key, value);
  return {"the other hooks are left out on purpose (kept in git config " +
          std::string(k_chosen_hooks_key) + "; preflight status says what each costs)"};
}

} // namespace

std::optional<std::set<std::string>> chosen_hooks(const git::Repository& repo) {
  auto value = git::local_config(repo, k_chosen_hooks_key);
  if (!value)
    return std::nullopt;
  std::set<std::string> names;
  for (const std::string& name : split(*value, ','))
    if (!trim(name).empty())
      names.emplace(trim(name));
  return names;
}

std::vector<std::string> remember_install(const git::Repository& repo,
                                          const std::vector<std::string>& names,
                                          const std::vector<std::string>& ours_before,
                                          const std::vector<std::string>& all) {
  if (names.empty()) {
    if (git::unset_local_config(repo, k_chosen_hooks_key))
      return {std::string("every hook chosen again (") + k_chosen_hooks_key + " unset)"};
    return {};
  }
  // With no choice recorded, hooks of ours there mean every hook was chosen
  // (a full install): one of them that has gone missing since stays a problem.
  std::set<std::string> chosen;
  if (auto before = chosen_hooks(repo))
    chosen = *before;
  else if (!ours_before.empty())
    chosen.insert(all.begin(), all.end());
  chosen.insert(names.begin(), names.end());
  return record(repo, chosen, all);
}

std::vector<std::string> remember_uninstall(const git::Repository& repo,
                                            const std::vector<std::string>& names,
                                            const std::vector<std::string>& all) {
  if (names.empty()) {
    git::unset_local_config(repo, k_chosen_hooks_key);
    return {};
  }
  std::set<std::string> chosen(all.begin(), all.end());
  if (auto before = chosen_hooks(repo))
    chosen = *before;
  for (const std::string& name : names)
    chosen.erase(name);
  return record(repo, chosen, all);
}

} // namespace preflight::install
