// Reading git's arguments as git's parse-options does, as far as the guard
// needs: short options clustered (`-fdx`), values glued or separate (`-bname`,
// `-b name`, `--source=HEAD`, `--source HEAD`), and "--" ending the options.
#include "backup/guard_args.hpp"
#include "backup/reset_args.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace preflight::backup {

namespace {

// The options of git (before the subcommand) that take the next word as value.
constexpr std::string_view k_global_values[] = {"-C",           "-c",          "--git-dir",
                                                "--work-tree",  "--namespace", "--super-prefix",
                                                "--config-env", "--list-cmds"};

struct Words {
  std::set<std::string> flags;           // "-f", "--force": every option given
  std::vector<std::string> values;       // values of the options that take one
  std::vector<std::string> words;        // non-options before "--"
  std::vector<std::string> after_dashes; // everything after "--"
  bool dashes = false;
};

// short_values: the short letters that take a value; long_values: the long names.
Words parse(const std::vector<std::string>& args, std::string_view short_values,
            const std::set<std::string_view>& long_values) {
  Words out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (out.dashes) {
      out.after_dashes.push_back(arg);
    } else if (arg == "--") {
      out.dashes = true;
    } else if (arg.starts_with("--")) {
      std::size_t equals = arg.find('=');
      std::string name = arg.substr(0, equals);
      out.flags.insert(name);
      if (equals != std::string::npos)
        out.values.push_back(arg.substr(equals + 1));
      else if (long_values.contains(name) && i + 1 < args.size())
        out.values.push_back(args[++i]);
    } else if (arg.size() > 1 && arg[0] == '-') {
      for (std::size_t c = 1; c < arg.size(); ++c) {
        out.flags.insert(std::string("-") + arg[c]);
        if (short_values.find(arg[c]) == std::string_view::npos)
          continue;
        if (c + 1 < arg.size())
          out.values.push_back(arg.substr(c + 1));
        else if (i + 1 < args.size())
          out.values.push_back(args[++i]);
        break;
      }
    } else {
      out.words.push_back(arg);
    }
  }
  return out;
}

bool any(const Words& w, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(),
                     [&](std::string_view name) { return w.flags.contains(std::string(name)); });
}

// The pathspecs of a command that takes only paths (restore, rm): the words
// before and after "--"; none for --pathspec-from-file (every file counts);
// nullopt when there is no path at all, which git refuses.
std::optional<std::vector<std::string>> only_paths(const Words& w) {
  if (w.flags.contains("--pathspec-from-file"))
    return std::vector<std::string>{};
  std::vector<std::string> paths = w.words;
  paths.insert(paths.end(), w.after_dashes.begin(), w.after_dashes.end());
  if (paths.empty())
    return std::nullopt;
  return paths;
}

// `checkout --ours/--theirs/-m <paths>` and the same for restore: picking a
// side of a conflict, in an index with conflicts that no snapshot can hold.
// Left to git, so that the guard never stands in the way of resolving one.
bool resolves_conflict(const Words& w) {
  return any(w, {"--ours", "--theirs", "-2", "-3", "-m", "--merge", "--conflict"});
}

GuardPlan tracked(bool index, bool worktree, std::vector<std::string> paths = {}) {
  GuardPlan plan;
  plan.what = Discard::tracked;
  plan.index = index;
  plan.worktree = worktree;
  plan.paths = std::move(paths);
  return plan;
}

// checkout [-f] [<branch>] | checkout [<rev>] [--] <paths>
GuardPlan plan_checkout(const std::vector<std::string>& args, const IsCommit& is_commit) {
  Words w = parse(args, "bB", {"--orphan", "--conflict", "--pathspec-from-file"});
  bool force = any(w, {"-f", "--force"});
  if (resolves_conflict(w))
    return {};
  std::vector<std::string> paths = w.after_dashes;
  std::optional<std::string> revision;
  if (w.dashes) {
    if (!w.words.empty())
      revision = w.words.front();
  } else if (!w.words.empty() && is_commit(w.words.front())) {
    revision = w.words.front();
    paths.assign(w.words.begin() + 1, w.words.end());
  } else {
    paths = w.words;
  }
  bool from_file = w.flags.contains("--pathspec-from-file");
  if (paths.empty() && !from_file && !any(w, {"-p", "--patch"}))
    return force ? tracked(true, true) : GuardPlan{};
  // Paths from the index rewrite the files; paths from a commit the index too.
  return tracked(revision.has_value(), true, from_file ? std::vector<std::string>{} : paths);
}

// restore [--source=<tree>] [--staged] [--worktree] <paths>
GuardPlan plan_restore(const std::vector<std::string>& args) {
  Words w = parse(args, "s", {"--source", "--pathspec-from-file"});
  if (resolves_conflict(w))
    return {};
  bool staged = any(w, {"-S", "--staged"});
  bool worktree = any(w, {"-W", "--worktree"}) || !staged;
  auto paths = only_paths(w);
  if (!paths)
    return {};
  GuardPlan plan = tracked(staged, worktree, *paths);
  plan.both_needed = !worktree;
  return plan;
}

GuardPlan plan_switch(const std::vector<std::string>& args) {
  Words w = parse(args, "cC", {"--create", "--force-create", "--orphan", "--conflict"});
  return any(w, {"-f", "--force", "--discard-changes"}) ? tracked(true, true) : GuardPlan{};
}

GuardPlan plan_reset_guard(const std::vector<std::string>& args, const IsCommit& is_commit) {
  ResetPlan reset = backup::plan_reset(args, is_commit);
  // A mixed reset (of paths or of everything) resets the index and leaves the
  // files: a staged version is lost where the file no longer has it.
  if (reset.mode == ResetMode::mixed) {
    Words w = parse(args, "", {"--pathspec-from-file"});
    GuardPlan plan = tracked(true, false, w.after_dashes);
    if (!w.dashes && reset.paths && !w.words.empty())
      plan.paths.assign(w.words.begin() + (reset.revision ? 1 : 0), w.words.end());
    if (w.flags.contains("--pathspec-from-file"))
      plan.paths.clear();
    plan.both_needed = true;
    return plan;
  }
  if (reset.paths)
    return {};
  if (reset.mode == ResetMode::hard)
    return tracked(true, true);
  // --merge resets staged changes, files included where they match the index
  // (it refuses when they do not); --keep resets the index and keeps the files.
  if (reset.mode == ResetMode::merge)
    return tracked(true, false);
  if (reset.mode != ResetMode::keep)
    return {};
  GuardPlan plan = tracked(true, false);
  plan.both_needed = true;
  return plan;
}

// clean -f [-d] [-x|-X] [-e <pattern>] [<paths>]: what `clean --dry-run` lists.
GuardPlan plan_clean(const std::vector<std::string>& args) {
  Words w = parse(args, "e", {"--exclude"});
  if (any(w, {"-n", "--dry-run"}))
    return {};
  // The same arguments without -f, -i and -q (also inside a cluster such as
  // -fdx, up to a glued -e value), counting the -f: twice also removes nested
  // repositories, which --dry-run then lists as well.
  std::vector<std::string> kept;
  std::size_t forces = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      kept.insert(kept.end(), args.begin() + static_cast<long>(i), args.end());
      break;
    }
    if (arg == "--force") {
      ++forces;
    } else if (arg == "--exclude") {
      kept.push_back(arg);
      if (i + 1 < args.size())
        kept.push_back(args[++i]);
    } else if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-') {
      std::string letters;
      std::size_t c = 1;
      for (; c < arg.size() && arg[c] != 'e'; ++c) {
        if (arg[c] == 'f')
          ++forces;
        else if (arg[c] != 'i' && arg[c] != 'q')
          letters += arg[c];
      }
      if (!letters.empty())
        kept.push_back("-" + letters);
      if (c < arg.size()) {
        kept.push_back("-" + arg.substr(c));
        if (c + 1 == arg.size() && i + 1 < args.size())
          kept.push_back(args[++i]);
      }
    } else if (arg != "--interactive" && arg != "--quiet") {
      kept.push_back(arg);
    }
  }
  GuardPlan plan;
  plan.what = Discard::untracked;
  plan.clean_args = {"--dry-run"};
  if (forces >= 2)
    plan.clean_args.insert(plan.clean_args.end(), {"-f", "-f"});
  plan.clean_args.insert(plan.clean_args.end(), kept.begin(), kept.end());
  return plan;
}

// rm -f <paths> deletes files with changes; rm --cached -f drops their staged versions.
GuardPlan plan_rm(const std::vector<std::string>& args) {
  Words w = parse(args, "", {"--pathspec-from-file"});
  if (!any(w, {"-f", "--force"}) || any(w, {"-n", "--dry-run"}))
    return {};
  auto paths = only_paths(w);
  if (!paths)
    return {};
  bool cached = w.flags.contains("--cached");
  GuardPlan plan = tracked(true, !cached, *paths);
  plan.both_needed = cached;
  return plan;
}

// mv -f <source>... <destination> replaces what is at each destination: a
// tracked file with its uncommitted changes, or an untracked (even ignored)
// file. Where the files land is decided when saving (a folder destination).
GuardPlan plan_mv(const std::vector<std::string>& args) {
  Words w = parse(args, "", {});
  if (!any(w, {"-f", "--force"}) || any(w, {"-n", "--dry-run"}))
    return {};
  std::vector<std::string> paths = w.words;
  paths.insert(paths.end(), w.after_dashes.begin(), w.after_dashes.end());
  if (paths.size() < 2)
    return {};
  GuardPlan plan;
  plan.what = Discard::moved_onto;
  plan.paths = std::move(paths);
  return plan;
}

GuardPlan plan_stash(const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "drop" && args[0] != "clear"))
    return {};
  GuardPlan plan;
  plan.what = Discard::stash;
  if (args[0] == "clear")
    return plan;
  Words w = parse({args.begin() + 1, args.end()}, "", {});
  std::string entry = w.words.empty() ? "stash@{0}" : w.words.front();
  if (!entry.empty() && std::all_of(entry.begin(), entry.end(), ::isdigit))
    entry = "stash@{" + entry + "}";
  plan.targets.push_back(entry);
  return plan;
}

GuardPlan plan_worktree(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "remove")
    return {};
  Words w = parse({args.begin() + 1, args.end()}, "", {});
  std::vector<std::string> paths = w.words;
  paths.insert(paths.end(), w.after_dashes.begin(), w.after_dashes.end());
  if (paths.empty())
    return {};
  GuardPlan plan;
  plan.what = Discard::worktree;
  plan.targets.push_back(paths.front());
  return plan;
}

// branch -C [<old>] <new>, also -c with --force. (A rename over a branch,
// `branch -M`, deletes the old one in a ref transaction: the hook saves it.)
GuardPlan plan_branch(const std::vector<std::string>& args) {
  Words w = parse(args, "",
                  {"--set-upstream-to", "--sort", "--format", "--points-at", "--contains",
                   "--no-contains", "--merged", "--no-merged", "--color", "--column", "--track"});
  bool force = any(w, {"-f", "--force", "-C"});
  bool copy = any(w, {"-c", "-C", "--copy"});
  if (!force || !copy || w.words.empty() || w.words.size() > 2)
    return {};
  GuardPlan plan;
  plan.what = Discard::branch;
  plan.targets.push_back(w.words.back());
  if (w.words.size() == 2)
    plan.source = w.words.front();
  return plan;
}

} // namespace

GitCommandLine split_git_command(const std::vector<std::string>& argv) {
  GitCommandLine out;
  std::size_t i = 0;
  for (; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (!arg.starts_with("-"))
      break;
    bool takes_value = std::find(std::begin(k_global_values), std::end(k_global_values), arg) !=
                       std::end(k_global_values);
    if (arg == "-C" && i + 1 < argv.size()) {
      out.directories.push_back(argv[++i]);
      continue;
    }
    out.globals.push_back(arg);
    if (takes_value && i + 1 < argv.size())
      out.globals.push_back(argv[++i]);
  }
  if (i < argv.size()) {
    out.command = argv[i];
    out.args.assign(argv.begin() + static_cast<long>(i) + 1, argv.end());
  }
  return out;
}

GuardPlan plan_guard(const GitCommandLine& call, const IsCommit& is_commit) {
  const std::string& command = call.command;
  if (command == "checkout")
    return plan_checkout(call.args, is_commit);
  if (command == "restore")
    return plan_restore(call.args);
  if (command == "switch")
    return plan_switch(call.args);
  if (command == "reset")
    return plan_reset_guard(call.args, is_commit);
  if (command == "clean")
    return plan_clean(call.args);
  if (command == "rm")
    return plan_rm(call.args);
  if (command == "mv")
    return plan_mv(call.args);
  if (command == "stash")
    return plan_stash(call.args);
  if (command == "worktree")
    return plan_worktree(call.args);
  if (command == "branch")
    return plan_branch(call.args);
  return {};
}

} // namespace preflight::backup
