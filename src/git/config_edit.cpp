#include "git/config_edit.hpp"

#include "util/error.hpp"
#include "util/process.hpp"

#include <git2.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

namespace preflight::git {

namespace {

struct ConfigFree {
  void operator()(git_config* config) const { git_config_free(config); }
};
using ConfigPtr = std::unique_ptr<git_config, ConfigFree>;

ConfigPtr open_local(const Repository& repo) {
  git_config* all = nullptr;
  check(git_repository_config(&all, repo.get()), "cannot read the repository's config");
  ConfigPtr owned(all);
  git_config* local = nullptr;
  check(git_config_open_level(&local, all, GIT_CONFIG_LEVEL_LOCAL),
        "cannot open the repository's config file");
  return ConfigPtr(local);
}

// Whether no key of section ("filter.name") is left in config. Compares names
// by hand: libgit2 1.5's regex iterator leaks its PCRE2 match data whenever a
// name does not match.
bool section_is_empty(git_config* config, const std::string& section) {
  std::string prefix = section + ".";
  git_config_iterator* iterator = nullptr;
  if (git_config_iterator_new(&iterator, config) < 0)
    return false;
  bool empty = true;
  git_config_entry* entry = nullptr;
  while (empty && git_config_next(&entry, iterator) == 0)
    if (std::string_view(entry->name).substr(0, prefix.size()) == prefix)
      empty = false;
  git_config_iterator_free(iterator);
  return empty;
}

std::string scope_flag(UserScope scope) {
  return scope == UserScope::global ? "--global" : "--system";
}

RunResult run_git_config(UserScope scope, std::vector<std::string> args) {
  args.insert(args.begin(), {"git", "config", scope_flag(scope)});
  RunOptions quiet;
  quiet.capture_output = true;
  quiet.merge_stderr = true;
  quiet.null_input = true;
  return run_process(args, quiet);
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

std::optional<std::string> string_value(git_config* config, std::string_view key) {
  git_buf buffer = GIT_BUF_INIT;
  std::optional<std::string> value;
  if (git_config_get_string_buf(&buffer, config, std::string(key).c_str()) == 0)
    value = std::string(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  return value;
}

} // namespace

std::optional<std::string> attribute_value(const Repository& repo, const std::string& path,
                                           const std::string& name) {
  const char* value = nullptr;
  if (git_attr_get(&value, repo.get(), GIT_ATTR_CHECK_FILE_THEN_INDEX, path.c_str(), name.c_str()) <
          0 ||
      git_attr_value(value) != GIT_ATTR_VALUE_STRING)
    return std::nullopt;
  return std::string(value);
}

std::optional<std::string> scope_config(UserScope scope, std::string_view key) {
  RunResult result = run_git_config(scope, {"--get", std::string(key)});
  if (result.exit_code != 0)
    return std::nullopt;
  return trimmed(std::move(result.output));
}

void set_scope_config(UserScope scope, std::string_view key, std::string_view value) {
  RunResult result = run_git_config(scope, {std::string(key), std::string(value)});
  if (result.exit_code != 0)
    throw Error("cannot set " + std::string(key) + " in the " +
                (scope == UserScope::global ? "user's" : "system's") +
                " git config: " + trimmed(result.output));
}

bool unset_scope_config(UserScope scope, std::string_view key) {
  std::string name(key);
  RunResult result = run_git_config(scope, {"--unset-all", name});
  if (result.exit_code == 5) // not set
    return false;
  if (result.exit_code != 0)
    throw Error("cannot remove " + name + " from the " +
                (scope == UserScope::global ? "user's" : "system's") +
                " git config: " + trimmed(result.output));
  // git leaves the emptied "[section]" line behind, as libgit2 does.
  std::string prefix = name.substr(0, name.rfind('.') + 1);
  RunResult names = run_git_config(scope, {"--list", "--name-only"});
  bool empty = names.exit_code == 0;
  for (std::size_t start = 0; empty && start < names.output.size();) {
    std::size_t end = std::min(names.output.find('\n', start), names.output.size());
    empty = std::string_view(names.output).substr(start, end - start).substr(0, prefix.size()) !=
            prefix;
    start = end + 1;
  }
  if (empty)
    run_git_config(scope, {"--remove-section", prefix.substr(0, prefix.size() - 1)});
  return true;
}

ConfigLookup config_here(std::optional<UserScope> only) {
  init_library();
  git_config* config = nullptr;
  git_repository* repo = nullptr;
  if (!only && git_repository_open_ext(&repo, ".", 0, nullptr) == 0) {
    if (git_repository_config_snapshot(&config, repo) < 0)
      config = nullptr;
    git_repository_free(repo);
  } else {
    git_config* all = nullptr;
    if (git_config_open_default(&all) == 0) {
      git_config* level = nullptr;
      if (!only)
        config = all;
      else if (git_config_open_level(&level, all,
                                     *only == UserScope::global ? GIT_CONFIG_LEVEL_GLOBAL
                                                                : GIT_CONFIG_LEVEL_SYSTEM) == 0)
        config = level;
      if (config != all)
        git_config_free(all);
    }
  }
  std::shared_ptr<git_config> owned(config, ConfigFree());
  bool environment = !only;
  return [owned, environment](std::string_view key) -> std::optional<std::string> {
    if (environment)
      if (auto value = config_from_environment(key))
        return value;
    if (!owned)
      return std::nullopt;
    return string_value(owned.get(), key);
  };
}

std::optional<std::string> local_config(const Repository& repo, std::string_view key) {
  return string_value(open_local(repo).get(), key);
}

void set_local_config(const Repository& repo, std::string_view key, std::string_view value) {
  repo.forget_config();
  ConfigPtr config = open_local(repo);
  std::string name(key);
  check(git_config_set_string(config.get(), name.c_str(), std::string(value).c_str()),
        "cannot set " + name + " in the repository's config");
}

bool unset_local_config(const Repository& repo, std::string_view key) {
  repo.forget_config();
  ConfigPtr config = open_local(repo);
  std::string name(key);
  int rc = git_config_delete_entry(config.get(), name.c_str());
  if (rc == GIT_ENOTFOUND)
    return false;
  check(rc, "cannot remove " + name + " from the repository's config");
  // libgit2 leaves the emptied "[section]" line behind; git removes it.
  std::string section = name.substr(0, name.rfind('.'));
  if (section_is_empty(config.get(), section)) {
    config.reset();
    RunOptions quiet;
    quiet.capture_output = true;
    run_process({"git", "config", "--file", (repo.common_dir() / "config").string(),
                 "--remove-section", section},
                quiet);
  }
  return true;
}

} // namespace preflight::git
