#include "git/config_edit.hpp"

#include "util/error.hpp"
#include "util/process.hpp"

#include <git2.h>

#include <memory>
#include <string_view>

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

} // namespace

std::optional<std::string> local_config(const Repository& repo, std::string_view key) {
  ConfigPtr config = open_local(repo);
  git_buf buffer = GIT_BUF_INIT;
  std::optional<std::string> value;
  if (git_config_get_string_buf(&buffer, config.get(), std::string(key).c_str()) == 0)
    value = std::string(buffer.ptr, buffer.size);
  git_buf_dispose(&buffer);
  return value;
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
