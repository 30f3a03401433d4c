// Writing the repository's own config file (<common dir>/config), for the
// settings `preflight install` adds and `preflight uninstall` takes out.
#pragma once

#include "git/repository.hpp"

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

} // namespace preflight::git
