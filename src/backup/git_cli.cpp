#include "backup/git_cli.hpp"

#include "backup/naming.hpp"
#include "backup/policy.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace preflight::backup::git_cli {

namespace {

// Runs git with argv; its standard output without the last newline, or nullopt
// when it fails. The hooks of the refs it writes leave backups to us.
std::optional<std::string> git(std::vector<std::string> argv) {
  argv.insert(argv.begin(), "git");
  preflight::RunOptions options;
  options.capture_output = true;
  options.null_input = true;
  options.env.emplace_back(k_internal_env, "1");
  RunResult result = run_process(argv, options);
  if (result.exit_code != 0)
    return std::nullopt;
  while (!result.output.empty() && result.output.back() == '\n')
    result.output.pop_back();
  return result.output;
}

} // namespace

std::optional<std::string> commit_of(const std::string& rev) {
  auto id = git({"rev-parse", "--verify", "--quiet", rev + "^{commit}"});
  return id && !id->empty() ? id : std::nullopt;
}

std::size_t count_lost(const std::string& id, const std::string& exclude_ref,
                       const std::string& extra, bool with_head) {
  std::vector<std::string> argv{"rev-list", "--count", id, "--not"};
  // --exclude takes the name without refs/heads/ before --branches (git-rev-list(1)).
  if (exclude_ref.starts_with("refs/heads/"))
    argv.push_back("--exclude=" + exclude_ref.substr(11));
  argv.insert(argv.end(), {"--branches", "--tags"});
  if (with_head)
    argv.push_back("HEAD");
  if (!extra.empty())
    argv.push_back(extra);
  argv.push_back("--");
  auto count = git(argv);
  if (!count)
    throw Error("git rev-list cannot count the commits of " + id);
  return std::stoul(*count);
}

std::string create_backup(std::string_view label, const std::string& id, std::time_t when,
                          const std::string& log_message) {
  for (std::string_view space : {k_namespace, k_fallback_namespace}) {
    for (const std::string& name : backup_branch_tries(space, label, when, id)) {
      // The empty old value: create only, never overwrite.
      if (git({"update-ref", "-m", log_message, "refs/heads/" + name, id, ""}))
        return name;
    }
  }
  throw Error("cannot create a backup branch for " + std::string(label) + " with git update-ref");
}

std::string newest_reflog_subject(const std::string& ref) {
  return git({"log", "-g", "-1", "--format=%gs", ref, "--"}).value_or("");
}

namespace {

Settings settings_or_defaults(const hook::RunOptions& options) {
  try {
    return settings_from(options.rules());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "preflight: %s; backups use the built-in defaults\n", e.what());
    return {};
  }
}

// A rebase is in progress in this worktree.
bool rebasing() {
  auto dir = git({"rev-parse", "--git-dir"});
  if (!dir)
    return false;
  std::string folder = *dir;
  while (!folder.empty() && (folder.back() == '\n' || folder.back() == '\r'))
    folder.pop_back();
  std::error_code ec;
  return std::filesystem::exists(folder + "/rebase-merge", ec) ||
         std::filesystem::exists(folder + "/rebase-apply", ec);
}

void save(const std::string& label, const std::string& old_id, std::size_t count, Operation op) {
  std::string name = create_backup(label, old_id, std::time(nullptr),
                                   "preflight: backup before " + std::string(operation_name(op)));
  std::fprintf(stderr,
               "preflight: saved %zu commit%s that left %s (%s) as branch %s; restore with: git "
               "branch NEW-BRANCH %s (SHA-256 repository: preflight backup does not read it)\n",
               count, count == 1 ? "" : "s", label.c_str(), std::string(operation_name(op)).c_str(),
               name.c_str(), name.c_str());
}

} // namespace

void on_reference_transaction(State state, const std::vector<RefUpdate>& candidates,
                              const HeadFacts& head, const hook::RunOptions& options) {
  if (git({"rev-parse", "--is-bare-repository"}).value_or("") == "true")
    return; // a server's refs: no backups, as in hook.cpp
  Settings settings = settings_or_defaults(options);
  if (!settings.enabled)
    return;
  for (const RefUpdate& update : candidates) {
    std::string old_id = update.old_id, after, exclude;
    if (state == State::prepared) {
      // As in hook.cpp: only updates without an old value, while the ref still has it.
      auto before = old_id.empty() ? commit_of(update.ref) : std::nullopt;
      if (!before || *before == update.new_id)
        continue;
      old_id = *before;
      after = update.new_id;
      exclude = update.ref;
    } else {
      if (old_id.empty())
        continue;
      after = commit_of(update.ref).value_or("");
      if (after == old_id)
        continue;
    }
    bool with_head = !head.head_symbolic && exclude != "HEAD";
    std::size_t count = count_lost(old_id, exclude, after, with_head);
    if (count == 0)
      continue;
    const char* action = std::getenv("GIT_REFLOG_ACTION");
    Operation op = state == State::prepared
                       ? (after.empty() ? Operation::remove : Operation::force)
                       : classify(newest_reflog_subject(update.ref), action ? action : "",
                                  rebasing(), after.empty());
    // No patch ids here: every rewrite that drops commits is backed up (needless
    // for a rewrite that kept each change, never a loss).
    save(update.ref == "HEAD" ? std::string(k_detached) : update.ref.substr(11), old_id, count, op);
  }
}

void on_post_checkout(const std::string& previous, const std::string& current,
                      const hook::RunOptions& options) {
  Settings settings = settings_or_defaults(options);
  if (!settings.enabled || !settings.detached)
    return;
  if (std::size_t count = count_lost(previous, "", is_zero_id(current) ? "" : current, false))
    save(std::string(k_detached), previous, count, Operation::checkout);
}

} // namespace preflight::backup::git_cli
