#include "commands/nested.hpp"

#include "git/index_lookup.hpp"
#include "git/repository.hpp"

#include <string>

namespace preflight::commands {

std::vector<config::Scope> nested_scopes(const config::Config& rules, const git::Repository& repo) {
  auto root = repo.workdir();
  if (!root)
    return {};
  auto dirs = git::nested_rules_dirs(repo);
  if (dirs.empty())
    return {};
  return config::load_scopes(rules, *root, std::move(dirs));
}

std::vector<config::Scope> nested_scopes_for(const config::Config& rules,
                                             const git::Repository& repo,
                                             const checks::ContentInput& changes) {
  auto root = repo.workdir();
  if (!root)
    return {};
  if (!changes.tree)
    return nested_scopes(rules, repo);
  std::vector<std::string> dirs = checks::nested_rules_folders(
      changes, [&](const std::string& file) { return changes.tree->contains(file, false); });
  if (dirs.empty())
    return {};
  return config::load_scopes(rules, *root, std::move(dirs));
}

bool sets_itself(const config::Scope& scope, std::string_view key) {
  const config::Value* value = scope.rules.find(key);
  return value && value->source.file == scope.file;
}

std::vector<CommandSpec> nested_commands(const std::vector<config::Scope>& scopes,
                                         checks::Hook hook) {
  std::vector<CommandSpec> out;
  if (hook != checks::Hook::pre_commit)
    return out;
  for (const config::Scope& scope : scopes) {
    if (!sets_itself(scope, "pre_commit.commands"))
      continue;
    for (CommandSpec& spec : read_commands(scope.rules, hook)) {
      spec.root = spec.root.empty() ? scope.dir : scope.dir + "/" + spec.root;
      out.push_back(std::move(spec));
    }
  }
  return out;
}

} // namespace preflight::commands
