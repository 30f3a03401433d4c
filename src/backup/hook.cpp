#include "backup/hook.hpp"

#include "backup/git_cli.hpp"
#include "backup/naming.hpp"
#include "backup/policy.hpp"
#include "backup/refs.hpp"
#include "backup/transaction.hpp"
#include "config/config.hpp"
#include "git/loose_object.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/stat.h>

namespace preflight::backup {
namespace fs = std::filesystem;

namespace {

bool path_exists(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// The worktree's git dir without libgit2: GIT_DIR (set in linked worktrees),
// else ./.git as a folder or a "gitdir:" file, else the current folder (bare).
fs::path fast_git_dir() {
  if (const char* dir = std::getenv("GIT_DIR"); dir && *dir)
    return dir;
  struct stat st {};
  if (::stat(".git", &st) == 0 && S_ISDIR(st.st_mode))
    return ".git";
  if (auto text = read_file_if_exists(".git"); text && text->starts_with("gitdir: ")) {
    std::string dir = text->substr(8);
    while (!dir.empty() && (dir.back() == '\n' || dir.back() == '\r'))
      dir.pop_back();
    return dir;
  }
  return ".";
}

// The object folder without libgit2: GIT_OBJECT_DIRECTORY, else the common
// git dir's objects/ (GIT_COMMON_DIR, or the git dir's "commondir" file).
fs::path fast_objects_dir(const fs::path& git_dir) {
  if (const char* dir = std::getenv("GIT_OBJECT_DIRECTORY"); dir && *dir)
    return dir;
  if (const char* dir = std::getenv("GIT_COMMON_DIR"); dir && *dir)
    return fs::path(dir) / "objects";
  if (auto text = read_file_if_exists(git_dir / "commondir")) {
    std::string common = *text;
    while (!common.empty() && (common.back() == '\n' || common.back() == '\r'))
      common.pop_back();
    fs::path path(common);
    return (path.is_absolute() ? path : git_dir / path) / "objects";
  }
  return git_dir / "objects";
}

// Drops the updates that move a ref to a child of its old tip (every commit,
// merge and fast-forward by one commit): nothing is lost and nothing published
// is dropped, so they are decided from the new commit's loose object alone,
// before the rules or the repository are opened.
void drop_children(std::vector<backup::RefUpdate>& updates) {
  std::optional<fs::path> objects;
  std::erase_if(updates, [&](const backup::RefUpdate& update) {
    if (update.old_id.empty() || update.new_id.empty())
      return false;
    if (!objects)
      objects = fast_objects_dir(fast_git_dir());
    return git::loose_commit_has_parent(*objects, update.new_id, update.old_id);
  });
}

backup::HeadFacts fast_head_facts() {
  backup::HeadFacts facts;
  fs::path dir = fast_git_dir();
  auto head = read_file_if_exists(dir / "HEAD");
  facts.head_symbolic = !head || head->starts_with("ref:");
  facts.rebasing = path_exists(dir / "rebase-merge") || path_exists(dir / "rebase-apply");
  return facts;
}

std::string short_id(const std::string& id) {
  return id.substr(0, 7);
}

std::string label_of(const std::string& ref) {
  return ref == "HEAD" ? std::string(backup::k_detached) : ref.substr(11);
}

std::string plural(std::size_t count, const char* word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

// Everything one hook call needs, opened on first use.
class Work {
public:
  explicit Work(const hook::RunOptions& options) : m_options(options) {}

  const git::Repository& repo() { return m_options.repo(); }

  const backup::Settings& settings() {
    if (!m_settings)
      m_settings = backup::settings_from(m_options.rules());
    return *m_settings;
  }

  // Finds, in one walk, the commits of every old tip of this transaction that
  // would be on no ref once all of its refs moved (and no new tip has them):
  // lost() then answers from it, and a backup saved for one update counts as
  // kept for the next.
  void plan(const std::vector<backup::RefUpdate>& updates, const std::vector<std::string>& olds) {
    KeepRefs keep;
    for (const backup::RefUpdate& update : updates) {
      keep.exclude.push_back(update.ref);
      keep.extra.push_back(update.new_id);
    }
    m_batch.emplace(repo(), olds, keep);
  }

  // How many commits of old would be on no ref once ref points at new_id.
  std::size_t lost(const std::string& old_id, const std::string& ref, const std::string& new_id,
                   bool exclude_ref) {
    if (m_batch && m_batch->covers(old_id)) {
      std::size_t count = m_batch->count(old_id);
      if (count == 0 || !settings().skip_if_pushed)
        return count;
    }
    KeepRefs keep;
    if (exclude_ref)
      keep.exclude.push_back(ref);
    keep.extra.push_back(new_id);
    std::size_t count = count_lost(repo(), old_id, keep);
    if (count > 0 && settings().skip_if_pushed) {
      keep.remotes = true;
      count = count_lost(repo(), old_id, keep);
    }
    return count;
  }

  // Creates the backup and prints the one line that says so.
  void save(const std::string& label, const std::string& old_id, std::size_t count, Operation op) {
    std::string message = "preflight: backup before " + std::string(backup::operation_name(op));
    std::string name = create_backup(repo(), label, old_id, std::time(nullptr), message);
    if (m_batch && m_batch->covers(old_id))
      m_batch->take(old_id);
    std::string what =
        label == backup::k_detached ? "left on a detached HEAD" : "that left " + label;
    std::fprintf(stderr,
                 "preflight: saved %s %s (%s) as branch %s; restore with: preflight backup "
                 "restore %s\n",
                 plural(count, "commit").c_str(), what.c_str(),
                 std::string(backup::operation_name(op)).c_str(), name.c_str(), name.c_str());
  }

  // Commits of old that new_id lacks and the upstream of ref already has.
  std::size_t published(const std::string& ref, const std::string& old_id,
                        const std::string& new_id, std::string& upstream) {
    if (ref == "HEAD" || new_id.empty() || git::is_ancestor(repo(), old_id, new_id))
      return 0;
    if (settings().published == backup::Published::off ||
        backup::skipped(std::getenv("SKIP"), backup::k_published_check))
      return 0;
    auto found = git::upstream_of(repo(), ref);
    if (!found)
      return 0;
    upstream = found->starts_with("refs/remotes/") ? found->substr(13) : *found;
    return published_dropped(repo(), old_id, new_id, *found);
  }

private:
  const hook::RunOptions& m_options;
  std::optional<backup::Settings> m_settings;
  std::optional<LostSet> m_batch;
};

// prepared: updates without an old value, and the refusal of published rewrites.
int on_prepared(Work& work, const std::vector<backup::RefUpdate>& updates) {
  std::vector<std::string> olds;
  for (const backup::RefUpdate& update : updates)
    if (update.old_id.empty())
      if (auto before = git::resolve_ref(work.repo(), update.ref))
        olds.push_back(*before);
  if (olds.size() > 1)
    work.plan(updates, olds);
  for (const backup::RefUpdate& update : updates) {
    std::string old_id = update.old_id;
    if (old_id.empty()) {
      auto before = git::resolve_ref(work.repo(), update.ref);
      if (!before || *before == update.new_id)
        continue; // a creation, or pack-refs rewriting a ref with its own value
      old_id = *before;
      std::size_t count = work.lost(old_id, update.ref, update.new_id, true);
      if (count > 0 && work.settings().enabled)
        work.save(label_of(update.ref), old_id, count,
                  update.new_id.empty() ? Operation::remove : Operation::force);
    }
    std::string upstream;
    if (update.new_id.empty() || git::is_ancestor(work.repo(), old_id, update.new_id) ||
        work.settings().published != backup::Published::refuse)
      continue;
    if (std::size_t count = work.published(update.ref, old_id, update.new_id, upstream)) {
      std::fprintf(stderr,
                   "preflight: error: refusing to move %s: it would drop %s that %s already "
                   "has; undo published work with `git revert %s..%s` instead (or bypass once "
                   "with SKIP=%s)\n",
                   update.ref.substr(11).c_str(), plural(count, "commit").c_str(), upstream.c_str(),
                   short_id(update.new_id).c_str(), short_id(old_id).c_str(),
                   std::string(backup::k_published_check).c_str());
      return 1;
    }
  }
  return 0;
}

// committed: updates that carried their old value.
void on_committed(Work& work, const std::vector<backup::RefUpdate>& updates) {
  std::vector<std::string> olds;
  for (const backup::RefUpdate& update : updates)
    if (!update.old_id.empty())
      olds.push_back(update.old_id);
  if (olds.size() > 1)
    work.plan(updates, olds);
  for (const backup::RefUpdate& update : updates) {
    if (update.old_id.empty())
      continue; // decided in prepared, while the old value was still readable
    if (update.ref == "HEAD" && !git::head_detached(work.repo()))
      continue;
    std::string after = git::resolve_ref(work.repo(), update.ref).value_or("");
    if (after == update.old_id)
      continue; // pack-refs pruning a loose ref that is still packed
    std::size_t count = work.lost(update.old_id, update.ref, after, false);
    Operation op = Operation::other;
    if (count > 0) {
      const char* action = std::getenv("GIT_REFLOG_ACTION");
      op = backup::classify(git::newest_reflog_subject(work.repo(), update.ref),
                            action ? action : "", git::rebase_in_progress(work.repo()),
                            after.empty());
      if (backup::wants_backup(op, work.settings()))
        work.save(label_of(update.ref), update.old_id, count, op);
    }
    std::string upstream;
    if (!after.empty() && !git::is_ancestor(work.repo(), update.old_id, after) &&
        work.settings().published == backup::Published::warn)
      if (std::size_t dropped = work.published(update.ref, update.old_id, after, upstream))
        std::fprintf(stderr,
                     "preflight: warning: %s no longer has %s that %s already has; a push now "
                     "needs --force-with-lease, and `git revert` undoes published work "
                     "without rewriting it\n",
                     update.ref.substr(11).c_str(), plural(dropped, "commit").c_str(),
                     upstream.c_str());
  }
}

void diagnostic(const std::string& message) {
  std::fprintf(stderr, "preflight: backups skipped (%s); git goes on\n", message.c_str());
}

} // namespace

int on_reference_transaction(const checks::HookInput& input, const hook::RunOptions& options) {
  if (std::getenv(backup::k_internal_env))
    return 0;
  backup::State state = backup::parse_state(input.args.empty() ? "" : input.args[0]);
  if (state != backup::State::prepared && state != backup::State::committed)
    return 0;
  auto updates = backup::parse_updates(input.stdin_data);
  backup::HeadFacts head;
  if (backup::mentions_head(updates))
    head = fast_head_facts();
  auto candidates = backup::candidates(updates, head);
  drop_children(candidates);
  if (candidates.empty())
    return 0;
  try {
    if (git::uses_sha256(fast_git_dir())) {
      git_cli::on_reference_transaction(state, candidates, fast_head_facts(), options);
      return 0;
    }
    Work work(options);
    if (work.repo().is_bare())
      return 0;
    if (state == backup::State::prepared)
      return on_prepared(work, candidates);
    on_committed(work, candidates);
  } catch (const std::exception& e) {
    diagnostic(e.what());
  }
  return 0;
}

int on_post_checkout(const checks::HookInput& input, const hook::RunOptions& options) {
  if (std::getenv(backup::k_internal_env) || input.args.size() < 3 || input.args[2] != "1")
    return 0;
  const std::string& previous = input.args[0];
  const std::string& current = input.args[1];
  if (previous == current || previous.size() < 40 || backup::is_zero_id(previous))
    return 0;
  try {
    if (git::uses_sha256(fast_git_dir())) {
      git_cli::on_post_checkout(previous, current, options);
      return 0;
    }
    Work work(options);
    if (work.repo().is_bare())
      return 0;
    // git's "you are leaving N commits behind": commits of the previous HEAD
    // that no ref (nor the new HEAD) reaches.
    std::string now = backup::is_zero_id(current) ? "" : current;
    std::size_t count = work.lost(previous, "HEAD", now, false);
    if (count > 0 && work.settings().enabled && work.settings().detached)
      work.save(std::string(backup::k_detached), previous, count, Operation::checkout);
  } catch (const std::exception& e) {
    diagnostic(e.what());
  }
  return 0;
}

} // namespace preflight::backup
