// Backups in repositories that libgit2 1.5 cannot open: SHA-256 object ids
// (`git init --object-format=sha256`). The few operations a backup needs (read a
// ref, count the commits no other ref has, create a branch) go through the git
// command line there, so a reset never loses commits silently; everything else
// of preflight says plainly that such repositories are not supported.
#pragma once

#include "backup/transaction.hpp"
#include "hook/runner.hpp"

#include <cstddef>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::backup::git_cli {

// The commit rev names (`git rev-parse --verify --quiet rev^{commit}`), or nullopt.
std::optional<std::string> commit_of(const std::string& rev);

// How many commits of id no branch (but exclude_ref, a refs/heads/ name or ""),
// tag, HEAD (when with_head: it is detached) or extra (when not empty) has.
std::size_t count_lost(const std::string& id, const std::string& exclude_ref,
                       const std::string& extra, bool with_head);

// Creates the backup branch of label at id (as create_backup in refs.hpp) and
// returns its name without refs/heads/.
std::string create_backup(std::string_view label, const std::string& id, std::time_t when,
                          const std::string& log_message);

// The newest reflog subject of ref (`git log -g -1 --format=%gs`), "" when none.
std::string newest_reflog_subject(const std::string& ref);

// The reference-transaction and post-checkout backups of hook.hpp, for such a
// repository: the same decisions (old tip on no other ref, backups.* rules),
// made with the functions above.
void on_reference_transaction(State state, const std::vector<RefUpdate>& candidates,
                              const HeadFacts& head, const hook::RunOptions& options);
void on_post_checkout(const std::string& previous, const std::string& current,
                      const hook::RunOptions& options);

} // namespace preflight::backup::git_cli
