// `preflight status` in a bare repository: the server hooks that
// `preflight install --server` installs (pre-receive, update) and the
// server's rules, instead of the client hooks a bare repository never runs.
#pragma once

#include "cli/command.hpp"

namespace preflight::git {
class Repository;
}

namespace preflight::cli {

// Prints the status (text or json) and returns ok, or blocked when a server
// hook is missing, replaced or stale, the binaries fail verification or the
// rules do not load.
Exit server_status(const git::Repository& repo, const GlobalOptions& global);

} // namespace preflight::cli
