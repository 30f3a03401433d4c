// The setup function of every subcommand (see command.hpp).
#pragma once

#include "cli/command.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace preflight::git {
class Repository;
}

namespace preflight::cli {

Action setup_install(CLI::App& sub, const GlobalOptions& global);
Action setup_uninstall(CLI::App& sub, const GlobalOptions& global);
Action setup_status(CLI::App& sub, const GlobalOptions& global);
Action setup_init(CLI::App& sub, const GlobalOptions& global);
Action setup_config(CLI::App& sub, const GlobalOptions& global);
Action setup_run(CLI::App& sub, const GlobalOptions& global);
Action setup_version(CLI::App& sub, const GlobalOptions& global);
Action setup_backup(CLI::App& sub, const GlobalOptions& global);
Action setup_safe_reset(CLI::App& sub, const GlobalOptions& global);
Action setup_shell_init(CLI::App& sub, const GlobalOptions& global);
Action setup_guard(CLI::App& sub, const GlobalOptions& global);
Action setup_check_msg(CLI::App& sub, const GlobalOptions& global);
Action setup_nbstrip(CLI::App& sub, const GlobalOptions& global);
Action setup_filter_process(CLI::App& sub, const GlobalOptions& global);
Action setup_trust(CLI::App& sub, const GlobalOptions& global);
Action setup_restore_unstaged(CLI::App& sub, const GlobalOptions& global);
Action setup_hook(CLI::App& sub, const GlobalOptions& global);
Action setup_help(CLI::App& sub, const GlobalOptions& global);
Action setup_completion(CLI::App& sub, const GlobalOptions& global);
Action setup_manpage(CLI::App& sub, const GlobalOptions& global);
Action setup_schema(CLI::App& sub, const GlobalOptions& global);
Action setup_migrate(CLI::App& sub, const GlobalOptions& global);

// `preflight hook NAME ARGS...`: executes the shared hook binary NAME with ARGS,
// before any option parsing (the arguments are git's, passed as they are).
int run_hook_command(int argc, char** argv);

// The repository for the current folder (after -C).
git::Repository open_repository();

// The folder holding the rules file: the worktree root, or the git dir when bare.
std::filesystem::path rules_root(const git::Repository& repo);

// path (relative to the current folder) relative to the worktree root ("" for
// the root itself), or nullopt when the repository is bare or path is outside.
std::optional<std::string> worktree_path(const git::Repository& repo, const std::string& path);

} // namespace preflight::cli
