// identity (pre-commit): the author and committer of the commit being made are
// a real person's name and email, not unset, not a placeholder copied from
// documentation or a container image, and within identity.allowed_domains when
// the rules give it. See identity.cpp for the placeholder lists.
#pragma once

#include "checks/check.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace preflight::checks {

void check_identity(const Context& context, report::Report& report);

namespace identity {

// Why name is not a person's name ("is a placeholder from documentation"), or
// nullopt when it is acceptable. An empty name is reported as unset.
std::optional<std::string> name_problem(std::string_view name);

// Why email is not a usable address, or nullopt.
std::optional<std::string> email_problem(std::string_view email);

// Whether email's domain is one of domains or below one (case-insensitive);
// true when domains is empty.
bool domain_allowed(std::string_view email, std::span<const std::string> domains);

enum class Role { author, committer };

// One value of an identity and where git took it from: an environment
// variable ("GIT_AUTHOR_NAME", "EMAIL") or a config key ("user.name").
struct Part {
  std::string value;
  std::string source; // empty when unset
  bool from_env() const { return !source.empty() && source.find('.') == std::string::npos; }
};

struct Person {
  Part name;
  Part email;
};

using Lookup = std::function<std::optional<std::string>(std::string_view)>;

// The identity git would record for role, resolved as git does: the
// GIT_<ROLE>_NAME/EMAIL environment, then <role>.name/email, then
// user.name/email, then (email only) the EMAIL environment variable. git's
// last resort (the system user name and host name) is left unset here: it is
// what the check refuses anyway. While `git commit` runs its hooks, the author
// always comes from the environment git exports (--author, amend, config);
// then a value equal to the config's is attributed to the config key so that
// the message names the setting to change.
Person resolve(Role role, const Lookup& env, const Lookup& config);

} // namespace identity
} // namespace preflight::checks
