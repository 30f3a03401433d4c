// Writing the repository's own config file (<common dir>/config), for the
// settings `preflight install` adds and `preflight uninstall` takes out.
#pragma once

#include "git/repository.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::git {

// The value of key in the repository's config file only (not ~/.gitconfig,
// not `git -c`), or nullopt.
std::optional<std::string> local_config(const Repository& repo, std::string_view key);

// Sets key in the repository's config file. Throws Error.
void set_local_config(const Repository& repo, std::string_view key, std::string_view value);

// Removes key from the repository's config file, and its section when nothing
// else is left in it. Returns whether key was there. Throws Error.
bool unset_local_config(const Repository& repo, std::string_view key);

// The value git's attributes give path (relative to the working tree root)
// for attribute name, from every attributes file git reads; nullopt when
// unspecified or not a value (set, unset).
std::optional<std::string> attribute_value(const Repository& repo, const std::string& path,
                                           const std::string& name);

// The user's (~/.gitconfig, `git config --global`) or the system's
// (`git config --system`) config, for set-ups that reach every repository.
enum class UserScope { global, system };

// `git config --global|--system --get KEY`, or nullopt. Runs git (argv, no
// shell), which knows where each scope's file is.
std::optional<std::string> scope_config(UserScope scope, std::string_view key);

// Sets key in that scope's file. Throws Error with git's message.
void set_scope_config(UserScope scope, std::string_view key, std::string_view value);

// Removes key from that scope's file, and its section when nothing else is
// left in it. Returns whether key was there. Throws Error.
bool unset_scope_config(UserScope scope, std::string_view key);

// Reads config values as `git config KEY` does in the current folder: the
// repository's config at every level (and `git -c` values) when the folder is
// in one, else the user's and the system's files; with only, that scope alone
// (as `git config --global KEY`). Keys not set, or no config: nullopt.
using ConfigLookup = std::function<std::optional<std::string>(std::string_view key)>;
ConfigLookup config_here(std::optional<UserScope> only = std::nullopt);

} // namespace preflight::git
