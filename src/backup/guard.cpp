// What the shell guard saves, command by command. git itself answers the
// questions its own rules decide (does a pathspec match a change, which files
// would `clean` delete), so the guard never guesses differently from git.
#include "backup/guard.hpp"
#include "backup/naming.hpp"
#include "backup/refs.hpp"
#include "backup/snapshot.hpp"
#include "git/handles.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

#include <ctime>
#include <filesystem>
#include <system_error>

namespace preflight::backup {

namespace fs = std::filesystem;

namespace {

using Lines = std::vector<std::string>;

std::string count_text(std::size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string saved(const std::string& what, const std::string& name,
                  const std::string& restore = "") {
  return "preflight: saved " + what + " as branch " + name +
         "; restore with: " + (restore.empty() ? "preflight backup restore " + name : restore);
}

// Runs `git <globals> <args>` where git will run the guarded command, in the C
// locale so that its output can be read.
RunResult run_git(const GitCommandLine& call, const std::vector<std::string>& args, bool capture) {
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), call.globals.begin(), call.globals.end());
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions options;
  options.capture_output = capture;
  options.null_input = true;
  options.env = {{"LC_ALL", "C"}, {"LANGUAGE", ""}};
  return run_process(argv, options);
}

std::string label_of(const Repository& repo) {
  auto branch = git::head_branch(repo);
  return branch && !git::head_detached(repo) ? *branch : std::string(k_detached);
}

// Staged and unstaged changes: the whole tracked state, when git says the
// command's pathspecs touch a change.
Lines save_tracked(const Repository& repo, const GitCommandLine& call, const GuardPlan& plan,
                   std::time_t now) {
  auto differs = [&](bool cached) {
    std::vector<std::string> args{"diff", "--quiet"};
    if (cached)
      args.push_back("--cached");
    args.push_back("--");
    args.insert(args.end(), plan.paths.begin(), plan.paths.end());
    // 1: differs. Anything but 0 (a bad pathspec) counts too: the snapshot
    // below finds out whether there is anything to save.
    return run_git(call, args, false).exit_code != 0;
  };
  bool lost = plan.both_needed ? differs(true) && differs(false)
                               : (plan.index && differs(true)) || (plan.worktree && differs(false));
  if (!lost)
    return {};
  std::string label = label_of(repo);
  auto snapshot = snapshot_worktree(repo, false, label);
  if (!snapshot)
    return {};
  std::string name = create_backup(repo, std::string(k_wip) + "/" + label, *snapshot, now,
                                   "preflight: snapshot before git " + call.command);
  return {saved("the uncommitted changes that `git " + call.command + "` would discard", name)};
}

// `git clean --dry-run` quotes odd names as C strings ("a\nb", "\303\251").
std::string c_unquote(const std::string& text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"')
    return text;
  std::string out;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\' || i + 2 >= text.size()) {
      out += c;
      continue;
    }
    char e = text[++i];
    if (e >= '0' && e <= '7') {
      int value = 0;
      for (int digits = 0; digits < 3 && text[i] >= '0' && text[i] <= '7'; ++digits, ++i)
        value = value * 8 + (text[i] - '0');
      --i;
      out += static_cast<char>(value);
      continue;
    }
    const std::string_view from = "abtnvfr", to = "\a\b\t\n\v\f\r";
    std::size_t at = from.find(e);
    out += at == std::string_view::npos ? e : to[at];
  }
  return out;
}

struct CleanFile {
  std::string path; // relative to the worktree root
  std::uint64_t size = 0;
  bool ignored = false;
};

// Files (and links) under what clean lists, skipping nested repositories.
void collect(const Repository& repo, const fs::path& root, const fs::path& full,
             std::vector<CleanFile>& files, Lines& nested) {
  std::error_code error;
  auto add = [&](const fs::path& file, bool link) {
    CleanFile entry{file.lexically_relative(root).generic_string(), 0, false};
    entry.size = link ? 0 : fs::file_size(file, error);
    int ignored = 0;
    git_ignore_path_is_ignored(&ignored, repo.get(), entry.path.c_str());
    entry.ignored = ignored == 1;
    files.push_back(std::move(entry));
  };
  fs::file_status status = fs::symlink_status(full, error);
  if (!fs::is_directory(status)) {
    if (fs::is_regular_file(status) || fs::is_symlink(status))
      add(full, fs::is_symlink(status));
    return;
  }
  if (fs::exists(full / ".git", error)) {
    nested.push_back(full.lexically_relative(root).generic_string() + "/");
    return;
  }
  for (auto it = fs::recursive_directory_iterator(full, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    fs::file_status entry = it->symlink_status(error);
    if (fs::is_directory(entry) && fs::exists(it->path() / ".git", error)) {
      it.disable_recursion_pending();
      continue;
    }
    if (fs::is_regular_file(entry) || fs::is_symlink(entry))
      add(it->path(), fs::is_symlink(entry));
  }
}

// The files `git clean` would delete, as `git clean --dry-run` lists them.
Lines save_untracked(const Repository& repo, const GitCommandLine& call, const GuardPlan& plan,
                     std::uint64_t max_ignored, std::time_t now) {
  std::vector<std::string> args{"-c", "core.quotePath=false", "clean"};
  args.insert(args.end(), plan.clean_args.begin(), plan.clean_args.end());
  RunResult listed = run_git(call, args, true);
  if (listed.exit_code != 0)
    return {}; // git will refuse the same arguments with its own message
  fs::path root = fs::weakly_canonical(*repo.workdir());
  fs::path here = fs::current_path();
  std::vector<CleanFile> files;
  Lines nested;
  for (std::string_view line : lines_of(listed.output)) {
    constexpr std::string_view prefix = "Would remove ";
    if (!line.starts_with(prefix))
      continue;
    std::string path = c_unquote(std::string(line.substr(prefix.size())));
    collect(repo, root, (here / path).lexically_normal(), files, nested);
  }

  Lines lines;
  for (const std::string& folder : nested)
    lines.push_back("preflight: not saved: " + preflight::quoted(folder) +
                    " is a nested repository, which `git clean -ff` deletes with its history");
  std::uint64_t ignored_size = 0;
  std::vector<std::string> ignored;
  for (const CleanFile& file : files)
    if (file.ignored) {
      ignored_size += file.size;
      ignored.push_back(file.path);
    }
  bool keep_ignored = ignored_size <= max_ignored && (max_ignored > 0 || ignored.empty());
  if (!keep_ignored) {
    std::erase_if(files, [](const CleanFile& file) { return file.ignored; });
    std::string shown;
    for (std::size_t i = 0; i < ignored.size() && i < 3; ++i)
      shown += (i ? ", " : "") + preflight::quoted(ignored[i]);
    lines.push_back(
        "preflight: not saved: " + count_text(ignored.size(), "ignored file", "ignored files") +
        " (" + std::to_string(ignored_size >> 20) +
        " MiB, over backups.guard_max_size) that `git clean` will delete: " + shown +
        (ignored.size() > 3 ? ", ..." : ""));
  }
  if (files.empty())
    return lines;
  std::vector<std::string> paths;
  for (const CleanFile& file : files)
    paths.push_back(file.path);
  std::string label = label_of(repo);
  std::string snapshot = snapshot_files(repo, paths, label);
  std::string name = create_backup(repo, std::string(k_wip) + "/" + label, snapshot, now,
                                   "preflight: snapshot before git clean");
  lines.push_back(
      saved(count_text(paths.size(), "file", "files") + " that `git clean` would delete", name));
  return lines;
}

// Stash entries: each one's commit, on a backup branch that restore applies.
Lines save_stash(const Repository& repo, const GuardPlan& plan, std::time_t now) {
  std::vector<std::pair<std::string, std::string>> entries; // stash@{n}, commit
  if (plan.targets.empty()) {
    entries = stash_entries(repo);
  } else if (auto id = git::resolve_revision(repo, plan.targets.front())) {
    entries.emplace_back(plan.targets.front(), *id);
  }
  Lines lines;
  for (const auto& [entry, id] : entries) {
    std::string name = create_backup(repo, std::string(k_wip) + "/stash", id, now,
                                     "preflight: backup of " + entry + " before git stash");
    lines.push_back(saved(entry + " (" + git::commit_info(repo, id).summary + ")", name));
  }
  return lines;
}

// A linked worktree: its uncommitted work (untracked files too: `remove
// --force` deletes them), or the commits of its detached HEAD.
Lines save_worktree(const Repository& repo, const GuardPlan& plan, std::time_t now) {
  const std::string& path = plan.targets.front();
  std::optional<Repository> opened;
  try {
    opened.emplace(Repository::discover(path));
  } catch (const Error&) {
    return {}; // not a worktree: git says so
  }
  const Repository& tree = *opened;
  if (tree.git_dir() == tree.common_dir() || !tree.workdir())
    return {}; // the main worktree, which git refuses to remove
  auto head = git::resolve_ref(tree, "HEAD");
  if (!head)
    return {};
  std::string label = label_of(tree);
  bool detached = label == k_detached;
  std::string add =
      "git worktree add " + (detached ? "--detach " + shell_word(path) + " " + head->substr(0, 12)
                                      : shell_word(path) + " " + shell_word(label));
  if (auto snapshot = snapshot_worktree(tree, true, label)) {
    std::string name = create_backup(repo, std::string(k_wip) + "/" + label, *snapshot, now,
                                     "preflight: snapshot before git worktree remove");
    return {saved("the uncommitted work of worktree " + preflight::quoted(path), name,
                  add + " && preflight -C " + shell_word(path) + " backup restore " + name)};
  }
  if (!detached)
    return {};
  if (std::size_t count = count_lost(repo, *head, {})) {
    std::string name =
        create_backup(repo, k_detached, *head, now, "preflight: backup before git worktree remove");
    return {saved(count_text(count, "commit", "commits") + " of the detached HEAD of worktree " +
                      preflight::quoted(path),
                  name, "preflight backup restore " + name + " --as NEW-BRANCH")};
  }
  return {};
}

// `branch -C` over an existing branch: git runs no reference-transaction
// hook for the branch overwritten, so its old tip is saved here.
Lines save_branch(const Repository& repo, const GuardPlan& plan, std::time_t now) {
  const std::string& target = plan.targets.front();
  auto old = git::resolve_ref(repo, "refs/heads/" + target);
  auto tip = git::resolve_ref(repo, plan.source.empty() ? "HEAD" : "refs/heads/" + plan.source);
  if (!old || old == tip)
    return {};
  KeepRefs keep;
  keep.exclude = {"refs/heads/" + target};
  if (tip)
    keep.extra = {*tip};
  std::size_t count = count_lost(repo, *old, keep);
  if (count == 0)
    return {};
  std::string name =
      create_backup(repo, target, *old, now, "preflight: backup before git branch -C");
  return {
      saved(count_text(count, "commit", "commits") + " that `git branch` would take off " + target,
            name)};
}

// The files `mv -f` lands on (relative to the current folder, as git reads
// them): <destination>/<name> of each source when the destination is a folder
// or there are several sources, else the destination itself.
std::vector<std::string> move_targets(const std::vector<std::string>& paths) {
  std::vector<std::string> sources(paths.begin(), paths.end() - 1);
  const fs::path destination = paths.back();
  std::error_code ec;
  if (sources.size() == 1 && !fs::is_directory(destination, ec))
    return {destination.string()};
  std::vector<std::string> targets;
  for (const std::string& source : sources) {
    fs::path name = fs::path(source).lexically_normal();
    if (!name.has_filename())
      name = name.parent_path();
    targets.push_back((destination / name.filename()).string());
  }
  return targets;
}

// mv -f: the uncommitted changes of tracked files it moves onto (one snapshot,
// as for rm -f), and untracked or ignored files there (as for clean -x).
Lines save_moved_onto(const Repository& repo, const GitCommandLine& call, const GuardPlan& plan,
                      std::uint64_t max_ignored, std::time_t now) {
  std::vector<std::string> targets = move_targets(plan.paths);
  GuardPlan tracked;
  tracked.what = Discard::tracked;
  tracked.index = tracked.worktree = true;
  tracked.paths = targets;
  Lines lines = save_tracked(repo, call, tracked, now);
  GuardPlan untracked;
  untracked.what = Discard::untracked;
  untracked.clean_args = {"--dry-run", "-x", "--"};
  untracked.clean_args.insert(untracked.clean_args.end(), targets.begin(), targets.end());
  for (std::string& line : save_untracked(repo, call, untracked, max_ignored, now))
    lines.push_back(std::move(line));
  return lines;
}

} // namespace

std::vector<std::string> guard_save(const Repository& repo, const GitCommandLine& call,
                                    const GuardPlan& plan, std::uint64_t max_ignored) {
  std::time_t now = std::time(nullptr);
  switch (plan.what) {
  case Discard::nothing: return {};
  case Discard::tracked: return save_tracked(repo, call, plan, now);
  case Discard::untracked: return save_untracked(repo, call, plan, max_ignored, now);
  case Discard::stash: return save_stash(repo, plan, now);
  case Discard::worktree: return save_worktree(repo, plan, now);
  case Discard::branch: return save_branch(repo, plan, now);
  case Discard::moved_onto: return save_moved_onto(repo, call, plan, max_ignored, now);
  }
  return {};
}

} // namespace preflight::backup
