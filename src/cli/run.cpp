// preflight run <hook> [ARGS...]: a hook's checks by hand, as git would run them.
#include "cli/commands.hpp"
#include "git/repo_view.hpp"
#include "git/repository.hpp"
#include "hook/any_hook.hpp"
#include "hook/runner.hpp"
#include "install/install.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>
#include <unistd.h>

namespace preflight::cli {

namespace fs = std::filesystem;

namespace {

struct RunOptions {
  std::string hook;
  std::vector<std::string> args;
  std::string from_ref;
  std::string to_ref;
  bool all_files = false;
  std::vector<std::string> files;
};

// F as a repository-relative path (F is relative to the current folder).
std::string repo_path(const git::Repository& repo, const std::string& file) {
  if (!repo.workdir())
    throw Error("--files needs a working tree", Exit::usage);
  auto text = worktree_path(repo, file);
  if (!text || text->empty())
    throw Error("--files: " + preflight::quoted(file) + " is not a file of this repository",
                Exit::usage);
  return *text;
}

} // namespace

Action setup_run(CLI::App& sub, const GlobalOptions& global) {
  auto options = std::make_shared<RunOptions>();
  sub.add_option("hook", options->hook, "pre-commit, commit-msg, pre-push, ...")->required();
  sub.add_option("args", options->args, "Arguments as git would pass them (commit-msg: FILE)");
  sub.add_option("--from-ref", options->from_ref,
                 "pre-push: check the commits after this one (with --to-ref), as in CI");
  sub.add_option("--to-ref", options->to_ref, "pre-push: check the commits up to this one");
  sub.add_flag("--all-files", options->all_files,
               "Every check and command runs on every file of the index (unstaged changes stay "
               "in place)");
  sub.add_option("--files", options->files,
                 "Every check and command runs on these files (as the index holds them) "
                 "instead of the staged ones")
      ->expected(1, -1);
  return [options, &global] {
    auto hook = checks::hook_from_name(options->hook);
    if (const commands::AnyHook* any = commands::find_any_hook(options->hook)) {
      if (options->all_files || !options->files.empty() || !options->from_ref.empty())
        throw Error(options->hook + " runs its commands once, with no files: --all-files, "
                                    "--files and --from-ref are for pre-commit and pre-push",
                    Exit::usage);
      git::Repository repo = open_repository();
      hook::AnyHookRun run;
      run.hook = any;
      run.args = options->args;
      if (any->reads_stdin && ::isatty(STDIN_FILENO) == 0)
        run.stdin_data = read_stdin();
      run.root = rules_root(repo);
      run.repository = &repo;
      run.color = global.color;
      return static_cast<Exit>(hook::run_any_hook(run));
    }
    if (!hook) {
      const auto& names = install::hook_names();
      std::vector<std::string_view> views(names.begin(), names.end());
      for (const commands::AnyHook& any : commands::any_hooks())
        views.push_back(any.name);
      throw Error("unknown hook \"" + options->hook + "\"" +
                      did_you_mean_hint(options->hook, views),
                  Exit::usage);
    }
    if (options->from_ref.empty() != options->to_ref.empty())
      throw Error("--from-ref and --to-ref go together", Exit::usage);
    if (!options->from_ref.empty() && *hook != checks::Hook::pre_push)
      throw Error("--from-ref and --to-ref are for pre-push", Exit::usage);
    git::Repository repo = open_repository();
    checks::HookInput input;
    input.hook = *hook;
    input.args = options->args;
    if (options->all_files && !options->files.empty())
      throw Error("--all-files and --files exclude each other", Exit::usage);
    input.all_files = options->all_files;
    if (!options->files.empty()) {
      input.files.emplace();
      git::LazyRepoView view(&repo);
      for (const std::string& file : options->files) {
        input.files->push_back(repo_path(repo, file));
        // Checks read the index: a file it lacks would go unchecked unsaid.
        if (!view.index_entry(input.files->back()))
          std::fprintf(stderr,
                       "preflight: warning: --files: %s is not a file of the index (untracked, "
                       "ignored, deleted or a folder): not checked; `git add` it to check it\n",
                       preflight::quoted(file).c_str());
      }
    }
    if (!options->from_ref.empty())
      input.range = std::make_pair(options->from_ref, options->to_ref);
    else if (hook::reads_stdin(*hook) && ::isatty(STDIN_FILENO) == 0)
      input.stdin_data = read_stdin();
    hook::RunOptions run;
    run.root = rules_root(repo);
    run.format = global.format;
    run.color = global.color;
    run.repository = &repo;
    return static_cast<Exit>(hook::run(input, run));
  };
}

} // namespace preflight::cli
