#include "hook/post_checkout_actions.hpp"
#include "hook/runner.hpp"

#include "backup/hook.hpp"
#include "backup/policy.hpp"
#include "backup/transaction.hpp"
#include "checks/glob.hpp"
#include "commands/trust.hpp"
#include "config/config.hpp"
#include "git/checkout_diff.hpp"
#include "report/output.hpp"
#include "util/process.hpp"
#include "util/strings.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace preflight::hook {

namespace {

constexpr std::size_t k_listed_files = 10;

void note(const std::string& line) {
  report::note(line);
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& word : argv)
    out += (out.empty() ? "" : " ") + shell_word(word);
  return out;
}

void run_actions(const config::Config& rules, const git::Repository& repo,
                 const std::vector<git::TreeChange>& changes,
                 const std::set<std::string, std::less<>>& skipped) {
  const config::Value* actions = rules.find("post_checkout.actions");
  if (!actions || !actions->node.IsSequence() || skipped.count("post-checkout-actions"))
    return;
  std::optional<bool> allowed; // decided at the first command that would run
  for (const auto& action : actions->node) {
    std::string name = action["name"] ? action["name"].Scalar() : "post-checkout action";
    if (skipped.count(name))
      continue;
    std::vector<std::string> globs = config::strings_of(action["glob"]);
    std::vector<std::string> matched;
    for (const git::TreeChange& change : changes)
      if (checks::first_match(globs, change.path))
        matched.push_back(change.path);
    if (matched.empty())
      continue;
    std::string message = action["message"] ? action["message"].Scalar() : "";
    note(name + ": " + (message.empty() ? "files changed by this checkout" : message));
    for (std::size_t i = 0; i < matched.size() && i < k_listed_files; ++i)
      report::print_line(stderr, "  " + preflight::quoted(matched[i]));
    if (matched.size() > k_listed_files)
      std::fprintf(stderr, "  ... and %zu more\n", matched.size() - k_listed_files);
    std::vector<std::string> argv = config::strings_of(action["run"]);
    if (argv.empty())
      continue;
    if (!allowed)
      allowed = commands::may_run(commands::trust_state(rules, repo), "post_checkout");
    if (!*allowed) {
      note(name + ": not running `" + command_line(argv) + "` from " + actions->source.file +
           ": the committed rules (or the files they run) are new or changed since you last "
           "trusted them; review them with `preflight trust`, or run it yourself");
      continue;
    }
    note(name + ": running `" + command_line(argv) + "`");
    try {
      int code = run_process(argv).exit_code;
      if (code != 0)
        note(name + ": `" + command_line(argv) + "` exited with " + std::to_string(code) +
             "; the checkout itself is done");
    } catch (const std::exception& e) {
      note(name + ": " + e.what());
    }
  }
}

// A folder below root, opened without following symbolic links at any step.
// -1 when a step is missing, not a folder, or a link.
int open_below(int root, const std::string& dir) {
  int fd = ::dup(root);
  std::size_t start = 0;
  while (fd >= 0 && start < dir.size()) {
    std::size_t slash = dir.find('/', start);
    std::string part = dir.substr(start, slash == std::string::npos ? slash : slash - start);
    start = slash == std::string::npos ? dir.size() : slash + 1;
    if (part.empty() || part == "." || part == "..") {
      ::close(fd);
      return -1;
    }
    int next = ::openat(fd, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    ::close(fd);
    fd = next;
  }
  return fd;
}

bool exists_at(int dir, const std::string& name) {
  struct stat st {};
  return ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 || errno != ENOENT;
}

bool regular_at(int dir, const std::string& name) {
  struct stat st {};
  return ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
}

std::string join(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

// Removes the compiled files of the modules of dir (dir/STEM.py for each of
// stems) that the checkout deleted, when the .py is really gone. Each folder is
// listed once, however many of its modules went.
std::size_t clean_dir(const git::Repository& repo, int root, const std::string& dir,
                      const std::set<std::string>& stems) {
  int parent = open_below(root, dir);
  if (parent < 0)
    return 0;
  std::set<std::string> gone;
  for (const std::string& stem : stems)
    if (!exists_at(parent, stem + ".py"))
      gone.insert(stem);
  std::size_t removed = 0;
  auto remove = [&](int folder, const std::string& name, const std::string& path) {
    if (regular_at(folder, name) && !git::is_tracked(repo, path) &&
        ::unlinkat(folder, name.c_str(), 0) == 0)
      ++removed;
  };
  // Python 2 and sourceless layouts: dir/STEM.pyc.
  for (const std::string& stem : gone)
    remove(parent, stem + ".pyc", join(dir, stem + ".pyc"));
  int cache = gone.empty() ? -1
                           : ::openat(parent, "__pycache__",
                                      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (cache >= 0) {
    std::vector<std::string> names;
    if (DIR* listing = ::fdopendir(::dup(cache))) {
      while (const dirent* entry = ::readdir(listing)) {
        // STEM.cpython-311.pyc, STEM.cpython-311.opt-1.pyc
        std::string name = entry->d_name;
        std::size_t dot = name.find('.');
        if (name.ends_with(".pyc") && dot != std::string::npos && dot + 4 < name.size() &&
            gone.count(name.substr(0, dot)))
          names.push_back(name);
      }
      ::closedir(listing);
    }
    for (const std::string& name : names)
      remove(cache, name, join(dir, "__pycache__/" + name));
    ::close(cache);
    if (removed > 0)
      ::unlinkat(parent, "__pycache__", AT_REMOVEDIR); // fails when other files remain
  }
  ::close(parent);
  // The folder git would have removed but for __pycache__.
  if (removed > 0 && !dir.empty()) {
    std::size_t slash = dir.rfind('/');
    int up = open_below(root, slash == std::string::npos ? "" : dir.substr(0, slash));
    if (up >= 0) {
      ::unlinkat(up, dir.substr(slash == std::string::npos ? 0 : slash + 1).c_str(), AT_REMOVEDIR);
      ::close(up);
    }
  }
  return removed;
}

void clean_pycache(const git::Repository& repo, const RunOptions& options,
                   const std::vector<git::TreeChange>& changes) {
  std::map<std::string, std::set<std::string>> deleted; // folder -> module stems
  for (const git::TreeChange& change : changes) {
    if (!change.deleted || !change.path.ends_with(".py"))
      continue;
    std::size_t slash = change.path.rfind('/');
    std::string dir = slash == std::string::npos ? "" : change.path.substr(0, slash);
    std::string file = slash == std::string::npos ? change.path : change.path.substr(slash + 1);
    deleted[dir].insert(file.substr(0, file.size() - 3));
  }
  if (deleted.empty())
    return;
  int root = ::open(options.root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (root < 0)
    return;
  std::size_t removed = 0;
  // Deepest folders first, so that a parent emptied by its child's clean-up goes too.
  for (auto it = deleted.rbegin(); it != deleted.rend(); ++it)
    removed += clean_dir(repo, root, it->first, it->second);
  ::close(root);
  if (removed > 0)
    note("removed " + std::to_string(removed) + " stale compiled Python file" +
         (removed == 1 ? "" : "s") + " whose .py is gone (post_checkout.clean_pycache)");
}

} // namespace

int post_checkout_actions(const checks::HookInput& input, const RunOptions& options) {
  if (std::getenv(backup::k_internal_env) || input.args.size() < 3 || input.args[2] != "1")
    return 0;
  const std::string& previous = input.args[0];
  const std::string& current = input.args[1];
  if (previous == current || backup::is_zero_id(previous) || backup::is_zero_id(current))
    return 0;
  if (options.rules_failed())
    return 0; // the backups step has reported the broken rules file already
  try {
    const config::Config& rules = options.rules();
    if (!rules.get_bool("post_checkout.enabled"))
      return 0;
    const config::Value* actions = rules.find("post_checkout.actions");
    bool any_action = actions && actions->node.IsSequence() && actions->node.size() > 0;
    auto skipped = skipped_ids();
    bool clean = rules.get_bool("post_checkout.clean_pycache") && !skipped.count("clean-pycache");
    if (!any_action && !clean)
      return 0;
    const git::Repository& repo = options.repo();
    if (repo.is_bare())
      return 0;
    std::vector<git::TreeChange> changes = git::changed_paths(repo, previous, current);
    if (any_action)
      run_actions(rules, repo, changes, skipped);
    if (clean)
      clean_pycache(repo, options, changes);
  } catch (const std::exception& e) {
    note("post-checkout actions skipped: " + std::string(e.what()));
  }
  return 0;
}

int post_checkout(const checks::HookInput& input, const RunOptions& options) {
  int code = backup::on_post_checkout(input, options);
  post_checkout_actions(input, options);
  return code;
}

} // namespace preflight::hook
