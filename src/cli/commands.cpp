#include "cli/commands.hpp"

#include "git/repository.hpp"

#include <vector>

namespace preflight::cli {

std::span<const Command> command_table() {
  static const std::vector<Command> table = {
      {"install", "Install the hooks into this repository", setup_install},
      {"uninstall", "Remove the hooks and restore the ones they replaced", setup_uninstall},
      {"status", "Show what is installed where, the rules in effect, and problems", setup_status},
      {"init", "Write a starter .preflight.yaml", setup_init},
      {"migrate",
       "Write a .preflight.yaml from a pre-commit, lefthook, commitlint or nbstripout set-up",
       setup_migrate},
      {"config", "Print the effective rules and where each value came from", setup_config},
      {"run", "Run a hook's checks by hand on the staged state", setup_run},
      {"nbstrip", "Strip notebook outputs, as nbstripout does", setup_nbstrip},
      {"filter-process", "Notebook clean filter for git (filter.<driver>.process; run by git)",
       setup_filter_process},
      {"backup", "List, show, restore and prune backup branches", setup_backup},
      {"safe-reset", "git reset that first saves uncommitted work and the old tip",
       setup_safe_reset},
      {"shell-init", "Print the git shell function that saves work before destructive commands",
       setup_shell_init},
      {"guard", "Save what a git command would discard (run by the shell-init function)",
       setup_guard},
      {"version", "Print the version", setup_version},
      {"check-msg", "Check a commit message against the commit_msg rules", setup_check_msg},
      {"trust", "Show the commands the committed rules run, and trust them", setup_trust},
      {"hook", "Run one of preflight's hooks with git's arguments (portable hook scripts)",
       setup_hook},
      {"restore-unstaged", "Give back unstaged changes an interrupted hook set aside",
       setup_restore_unstaged},
      {"help", "Show the help of preflight or of one command", setup_help},
      {"completion", "Print the completion script for bash, zsh or fish", setup_completion},
      {"schema", "Print the JSON Schema of .preflight.yaml and .preflight.local.yaml",
       setup_schema},
      {"manpage", "Print the man page preflight(1) in roff (the build writes it)", setup_manpage},
  };
  return table;
}

git::Repository open_repository() {
  return git::Repository::discover(".");
}

std::filesystem::path rules_root(const git::Repository& repo) {
  auto root = repo.workdir();
  return root ? *root : repo.git_dir();
}

std::optional<std::string> worktree_path(const git::Repository& repo, const std::string& path) {
  namespace fs = std::filesystem;
  auto root = repo.workdir();
  if (!root)
    return std::nullopt;
  std::string out = fs::absolute(path)
                        .lexically_normal()
                        .lexically_relative(fs::absolute(*root).lexically_normal())
                        .generic_string();
  if (out.empty() || out == ".." || out.starts_with("../"))
    return std::nullopt;
  return out == "." ? "" : out;
}

} // namespace preflight::cli
