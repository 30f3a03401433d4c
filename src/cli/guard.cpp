// preflight shell-init bash|zsh|fish, and preflight guard -- <git arguments>.
//
// git runs no hook before its commands that discard uncommitted work
// (`checkout -- .`, `restore`, `clean -f`, `reset --hard`, `stash drop`, ...).
// shell-init prints a `git` shell function that, for exactly those commands,
// first runs `preflight guard` with the same arguments, then git itself: git's
// output, exit status and terminal are its own. The function decides from its
// arguments in shell code, so every other git command starts no extra process.
#include "backup/guard.hpp"
#include "backup/policy.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "git/refs.hpp"
#include "git/repository.hpp"
#include "install/notebook_filter.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <unistd.h>

namespace preflight::cli {

namespace {

// bash and zsh. The subcommand is the first word that is not an option of git
// itself; for switch, stash, worktree, branch, rm and mv only the forms that can
// discard anything call the guard (every reset does: which forms lose
// something depends on the index). `function git` (not `git()`) so that an
// existing alias named git does not break the definition.
constexpr std::string_view k_posix =
    R"(# preflight shell guard (preflight shell-init): before git's destructive commands
# that run no hook, preflight saves what they would discard, then runs git as typed.
function git {
  local __pf_word __pf_command= __pf_value= __pf_guard=
  for __pf_word in "$@"; do
    if [ -n "$__pf_value" ]; then
      __pf_value=
    elif [ -z "$__pf_command" ]; then
      case $__pf_word in
        -C|-c|--git-dir|--work-tree|--namespace|--super-prefix|--config-env|--list-cmds)
          __pf_value=1 ;;
        -*) ;;
        checkout|restore|clean|reset) __pf_guard=1; break ;;
        switch|stash|worktree|branch|rm|mv) __pf_command=$__pf_word ;;
        *) break ;;
      esac
    else
      case $__pf_command:$__pf_word in
        switch:--force|switch:--discard-changes|branch:--force|rm:--force|mv:--force|\
stash:drop|stash:clear|worktree:remove)
          __pf_guard=1; break ;;
        *:--*) ;;
        switch:-*f*|branch:-*[Cf]*|rm:-*f*|mv:-*f*) __pf_guard=1; break ;;
      esac
    fi
  done
  if [ -n "$__pf_guard" ]; then
    @PREFLIGHT@ guard -- "$@" || return
  fi
  command git "$@"
}
export PREFLIGHT_GUARD=1
)";

constexpr std::string_view k_fish =
    R"(# preflight shell guard (preflight shell-init fish): before git's destructive
# commands that run no hook, preflight saves what they would discard, then runs git as typed.
function git --wraps git --description 'git, after preflight saves what it would discard'
    set -l command
    set -l value 0
    set -l guard 0
    for word in $argv
        if test $value = 1
            set value 0
        else if test -z "$command"
            switch $word
                case -C -c --git-dir --work-tree --namespace --super-prefix --config-env --list-cmds
                    set value 1
                case '-*'
                case checkout restore clean reset
                    set guard 1
                    break
                case switch stash worktree branch rm mv
                    set command $word
                case '*'
                    break
            end
        else
            switch "$command:$word"
                case switch:--force switch:--discard-changes branch:--force rm:--force mv:--force stash:drop stash:clear worktree:remove
                    set guard 1
                    break
                case '*:--*'
                case 'switch:-*f*' 'branch:-*C*' 'branch:-*f*' 'rm:-*f*' 'mv:-*f*'
                    set guard 1
                    break
            end
        end
    end
    if test $guard = 1
        @PREFLIGHT@ guard -- $argv; or return $status
    end
    command git $argv
end
set -gx PREFLIGHT_GUARD 1
)";

std::string fish_word(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'')
      out += '\\';
    out += c;
  }
  return out + "'";
}

Exit shell_init(const std::string& shell) {
  std::string self = install::self_path().string();
  std::string text(shell == "fish" ? k_fish : k_posix);
  std::string word = shell == "fish" ? fish_word(self) : shell_word(self);
  text.replace(text.find("@PREFLIGHT@"), 11, word);
  std::fputs(text.c_str(), stdout);
  return Exit::ok;
}

// git's own options that name the repository: git exports them to everything
// it runs, and so does the guard before it opens the repository.
void export_repository_options(const std::vector<std::string>& globals) {
  for (std::size_t i = 0; i < globals.size(); ++i)
    for (auto [option, variable] :
         {std::pair{"--git-dir", "GIT_DIR"}, std::pair{"--work-tree", "GIT_WORK_TREE"}}) {
      std::string_view word = globals[i];
      std::string prefix = std::string(option) + "=";
      if (word == option && i + 1 < globals.size())
        ::setenv(variable, globals[i + 1].c_str(), 1);
      else if (word.starts_with(prefix))
        ::setenv(variable, std::string(word.substr(prefix.size())).c_str(), 1);
    }
}

Exit guard(std::vector<std::string> argv) {
  backup::GitCommandLine call = backup::split_git_command(argv);
  if (call.command.empty())
    return Exit::ok;
  // Wherever git would fail first (a missing -C folder, no repository), let
  // git say so in its own words.
  for (const std::string& folder : call.directories)
    if (!folder.empty() && ::chdir(folder.c_str()) != 0)
      return Exit::ok;
  export_repository_options(call.globals);
  std::optional<git::Repository> repo;
  try {
    repo.emplace(git::Repository::open_for_hook());
  } catch (const Error&) {
    return Exit::ok;
  }
  backup::GuardPlan plan = backup::plan_guard(call, [&](const std::string& word) {
    return git::resolve_revision(*repo, word).has_value();
  });
  if (plan.what == backup::Discard::nothing)
    return Exit::ok;
  backup::Settings settings;
  try {
    settings = backup::settings_from(config::load({rules_root(*repo)}));
  } catch (const Error& e) {
    std::fprintf(stderr, "preflight: warning: %s; using the default backup rules\n", e.what());
  }
  try {
    for (const std::string& line : backup::guard_save(*repo, call, plan, settings.guard_max_size))
      std::fprintf(stderr, "%s\n", line.c_str());
  } catch (const Error& e) {
    throw Error(std::string(e.what()) + "; nothing was saved, so `git " + call.command +
                    "` did not run (to run it anyway, without a backup: command git " +
                    call.command + " ...)",
                e.exit() == Exit::ok ? Exit::internal : e.exit());
  }
  return Exit::ok;
}

} // namespace

Action setup_shell_init(CLI::App& sub, const GlobalOptions&) {
  auto shell = std::make_shared<std::string>();
  sub.add_option("shell", *shell, "The shell: bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  sub.footer(
      "Add to ~/.bashrc: eval \"$(preflight shell-init bash)\"; ~/.zshrc: eval \"$(preflight "
      "shell-init zsh)\"; fish: preflight shell-init fish | source");
  return [shell] { return shell_init(*shell); };
}

Action setup_guard(CLI::App& sub, const GlobalOptions&) {
  // Every word after `guard --` is git's, options included.
  auto args = std::make_shared<std::vector<std::string>>();
  sub.add_option("git-arguments", *args, "The arguments of git, after --");
  sub.footer(
      "Run by the function that preflight shell-init prints: preflight guard -- reset --hard");
  return [args] { return guard(*args); };
}

} // namespace preflight::cli
