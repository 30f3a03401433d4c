#include "backup/hook.hpp"

#include "backup/git_cli.hpp"
#include "backup/naming.hpp"
#include "backup/policy.hpp"
#include "backup/ref_files.hpp"
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

// The worktree's git dir without libgit2: GIT_DIR (set in linked worktrees),
// else ./.git as a folder or a "gitdir:" file, else the current folder (bare).
fs::path find_git_dir() {
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

// The same, looked for once per hook call (HEAD, objects and the SHA-256 test all need it).
const fs::path& fast_git_dir() {
  static const fs::path dir = find_git_dir();
  return dir;
}

// The object folder without libgit2: GIT_OBJECT_DIRECTORY, else the common
// git dir's objects/.
fs::path fast_objects_dir(const fs::path& git_dir) {
  if (const char* dir = std::getenv("GIT_OBJECT_DIRECTORY"); dir && *dir)
    return dir;
  return backup::common_dir_of(git_dir) / "objects";
}

// Drops, before libgit2 is opened, the updates that the ref store shows to be
// no loss, or that the other state decides:
//   - in prepared, a ref given without an old value that does not exist (a
//     creation: a fetch of new tags, a new branch), whose loose value is the
//     new commit's parent (`git notes add`), or, for a ref that is not a
//     branch, that already holds the new value (pack-refs packing every ref);
//   - in committed, every update without an old value (prepared decided it);
//   - a tag's or another ref's deletion that carries its old value: decided
//     in committed, and dropped there while the ref still exists (pack-refs
//     pruning the loose copy of a packed ref). The stash is decided in
//     prepared only.
void drop_decided(std::vector<backup::RefUpdate>& updates, backup::State state) {
  std::optional<fs::path> common;
  std::optional<fs::path> objects;
  auto value_of = [&](const std::string& ref) {
    if (!common)
      common = backup::common_dir_of(fast_git_dir());
    return backup::ref_file_value(*common, ref);
  };
  bool committed = state == backup::State::committed;
  std::erase_if(updates, [&](const backup::RefUpdate& update) {
    if (update.ref == "HEAD")
      return false;
    backup::RefKind kind = backup::ref_kind(update.ref);
    if (kind == backup::RefKind::stash)
      return committed;
    bool branch = kind == backup::RefKind::branch;
    if (!update.old_id.empty()) {
      if (branch || !update.new_id.empty())
        return false;
      if (!committed)
        return true;
      auto value = value_of(update.ref);
      return value && !value->empty();
    }
    if (committed)
      return true;
    auto value = value_of(update.ref);
    if (!value)
      return true;
    if (value->empty() || update.new_id.empty())
      return false;
    if (!branch && *value == update.new_id)
      return true;
    if (!objects)
      objects = fast_objects_dir(fast_git_dir());
    return git::loose_commit_has_parent(*objects, update.new_id, *value);
  });
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
  return facts;
}

std::string short_id(const std::string& id) {
  return id.substr(0, 7);
}

// What a backup of ref is named after: the branch, "detached", or the whole
// ref name for anything else ("refs/tags/v1").
std::string label_of(const std::string& ref) {
  if (ref == "HEAD")
    return std::string(backup::k_detached);
  return backup::ref_kind(ref) == backup::RefKind::branch ? ref.substr(11) : ref;
}

std::string plural(std::size_t count, const char* word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

// Everything one hook call needs, opened on first use.
class Work {
public:
  // report_rules: say when the rules cannot be read (prepared says it once for
  // both calls of a transaction).
  Work(const hook::RunOptions& options, bool report_rules)
      : m_options(options), m_report_rules(report_rules) {}

  const git::Repository& repo() { return m_options.repo(); }

  // The backups.* rules; the built-in defaults when the rules cannot be read,
  // so that a broken rules file never turns backups off.
  const backup::Settings& settings() {
    if (!m_settings) {
      try {
        m_settings = backup::settings_from(m_options.rules());
      } catch (const std::exception& e) {
        if (m_report_rules)
          std::fprintf(stderr, "preflight: warning: %s; using the default backup rules\n",
                       e.what());
        m_settings = backup::Settings{};
      }
    }
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
      if (!update.new_id.empty()) // a tag's new value may be a tag object
        keep.extra.push_back(git::resolve_revision(repo(), update.new_id).value_or(""));
    }
    m_batch.emplace(repo(), olds, keep);
  }

  // What counts as kept once ref points at new_id (ref itself does not).
  KeepRefs keep(const std::string& ref, const std::string& new_id, bool remotes) {
    KeepRefs keep;
    keep.exclude.push_back(ref);
    keep.extra.push_back(new_id);
    keep.remotes = remotes;
    return keep;
  }

  // How many commits of old would be on no ref once ref points at new_id.
  // remotes: remote-tracking refs count as kept (a remote-tracking ref that
  // goes while another one has its commits loses nothing).
  std::size_t lost(const std::string& old_id, const std::string& ref, const std::string& new_id,
                   bool remotes = false) {
    if (remotes)
      return count_lost(repo(), old_id, keep(ref, new_id, true));
    if (m_batch && m_batch->covers(old_id)) {
      std::size_t count = m_batch->count(old_id);
      if (count == 0 || !settings().skip_if_pushed)
        return count;
    }
    std::size_t count = count_lost(repo(), old_id, keep(ref, new_id, false));
    if (count > 0 && settings().skip_if_pushed)
      count = count_lost(repo(), old_id, keep(ref, new_id, true));
    return count;
  }

  // Of those, how many make a change that the kept history does not make.
  std::size_t unmatched(const std::string& old_id, const std::string& ref,
                        const std::string& new_id) {
    return count_unmatched(repo(), old_id, keep(ref, new_id, settings().skip_if_pushed));
  }

  // Creates the backup and prints the one line that says so. A backup of a
  // ref that is not a branch (named after the whole ref) says so in its
  // reflog message, and keeps an annotated tag's object (object, when it is
  // not old_id itself).
  void save(const std::string& ref, const std::string& label, const std::string& old_id,
            std::size_t count, Operation op, const std::string& object) {
    std::string message = std::string(k_backup_message) + std::string(backup::operation_name(op));
    backup::RefKind kind = backup::ref_kind(ref);
    if (kind == backup::RefKind::other || kind == backup::RefKind::remote)
      message += " of " + ref;
    std::string name = create_backup(repo(), label, old_id, std::time(nullptr), message);
    if (!object.empty() && object != old_id)
      keep_tag_object(repo(), name, object);
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
  bool m_report_rules;
  std::optional<backup::Settings> m_settings;
  std::optional<LostSet> m_batch;
};

// One move that can drop commits: ref (excluded from what counts as kept) goes
// from old_id to new_id; label names the backup.
struct Move {
  std::string ref;
  std::string label;
  std::string old_id;
  std::string new_id; // "" for a deletion
  Operation op = Operation::other;
  std::string object;   // what the ref pointed at when that is not old_id (a tag object)
  bool remotes = false; // remote-tracking refs count as kept
};

// Backs up the old tip when the move drops commits the policy keeps. In
// prepared a backup that cannot be written refuses the move (returns 1), since
// the commits would be on no ref afterwards; SKIP=backup lets it go once.
int keep_commits(Work& work, const Move& move, bool can_refuse) {
  std::size_t count = work.lost(move.old_id, move.ref, move.new_id, move.remotes);
  if (count == 0 || !work.settings().enabled ||
      (move.op == Operation::checkout && !work.settings().detached))
    return 0;
  if (backup::decided_by_patch(move.op, work.settings()) &&
      work.unmatched(move.old_id, move.ref, move.new_id) == 0)
    return 0; // every dropped change is still in the kept history (a rewrite)
  try {
    work.save(move.ref, move.label, move.old_id, count, move.op, move.object);
    return 0;
  } catch (const std::exception& e) {
    std::string what = plural(count, "commit") + " of " +
                       (move.label == backup::k_detached ? "the detached HEAD" : move.label);
    if (!can_refuse || backup::skipped(std::getenv("SKIP"), backup::k_backup_check)) {
      std::fprintf(stderr, "preflight: warning: %s; %s (%s) now on no branch\n", e.what(),
                   what.c_str(), short_id(move.old_id).c_str());
      return 0;
    }
    std::fprintf(stderr,
                 "preflight: error: refusing the %s: %s would be on no branch and the backup "
                 "failed (%s); the ref did not move. Free disk space or clear the ref store "
                 "and run the command again, or let the commits go once with SKIP=%s\n",
                 std::string(backup::operation_name(move.op)).c_str(), what.c_str(), e.what(),
                 std::string(backup::k_backup_check).c_str());
    return 1;
  }
}

// git rebase --abort puts the branch back (an update to the value it holds)
// and re-attaches HEAD without telling the hook: commits made on the detached
// HEAD at a stop (edit, break, a resolved conflict) lose their last ref here.
int rebase_abort(Work& work, const backup::RefUpdate& update) {
  if (!git::rebase_in_progress(work.repo()) || !git::head_detached(work.repo()))
    return 0;
  auto head = git::resolve_ref(work.repo(), "HEAD");
  if (!head || *head == update.new_id)
    return 0;
  return keep_commits(
      work, {"HEAD", label_of(update.ref), *head, update.new_id, Operation::rebase, "", false},
      true);
}

// A ref that is neither a branch nor HEAD (a tag, a note, refs/foo/x, a
// remote-tracking ref being deleted): its old object, peeled to the commit
// whose history is kept; an annotated tag's object is kept too. git gives no
// old value for `tag -d` or `update-ref -d` (read it now), and one for
// `tag -f`, `push . :refs/tags/x` and `stash clear`.
int keep_ref(Work& work, const backup::RefUpdate& update, bool can_refuse) {
  bool remote = backup::ref_kind(update.ref) == backup::RefKind::remote;
  if (remote && !work.settings().remote_refs)
    return 0; // backups.remote_refs: off by default
  std::string object = update.old_id.empty() ? ref_object(work.repo(), update.ref) : update.old_id;
  if (object.empty() || object == update.new_id)
    return 0; // a creation, or pack-refs rewriting the ref with its own value
  auto old_commit = git::resolve_revision(work.repo(), object);
  if (!old_commit)
    return 0; // names no commit (a tag of a tree or a blob): a branch cannot hold it
  std::string new_commit;
  if (!update.new_id.empty())
    new_commit = git::resolve_revision(work.repo(), update.new_id).value_or("");
  Move move{update.ref,
            label_of(update.ref),
            *old_commit,
            new_commit,
            update.new_id.empty() ? Operation::remove : Operation::force,
            object,
            remote};
  return keep_commits(work, move, can_refuse);
}

// `git stash clear` (or `update-ref -d refs/stash`) deletes refs/stash with its
// reflog, which holds every entry; in prepared the reflog still lists them, and
// each entry that no backup has yet (the shell guard may have saved them) is
// saved as a snapshot that `backup restore` applies. Dropping or popping the
// last entry rewrites the reflog first, so it is empty here: pop has applied
// the entry, and the shell guard saves a dropped one.
int keep_stash(Work& work) {
  if (!work.settings().enabled)
    return 0;
  for (const auto& [entry, id] : stash_entries(work.repo())) {
    if (work.lost(id, "refs/stash", "") == 0)
      continue;
    try {
      std::string name =
          create_backup(work.repo(), std::string(backup::k_wip) + "/stash", id, std::time(nullptr),
                        "preflight: backup of " + entry + " before its deletion");
      std::fprintf(stderr,
                   "preflight: saved %s (deleted with refs/stash) as branch %s; restore with: "
                   "preflight backup restore %s\n",
                   entry.c_str(), name.c_str(), name.c_str());
    } catch (const std::exception& e) {
      if (backup::skipped(std::getenv("SKIP"), backup::k_backup_check)) {
        std::fprintf(stderr, "preflight: warning: %s; %s (%s) now on no ref\n", e.what(),
                     entry.c_str(), short_id(id).c_str());
        continue;
      }
      std::fprintf(stderr,
                   "preflight: error: refusing to delete refs/stash: %s would be on no ref and "
                   "the backup failed (%s); the stash is as it was. Free disk space or clear "
                   "the ref store and run the command again, or let it go once with SKIP=%s\n",
                   entry.c_str(), e.what(), std::string(backup::k_backup_check).c_str());
      return 1;
    }
  }
  return 0;
}

// What moved a ref that git gave an old value for, before the reflog says.
Operation operation_before(Work& work, const std::string& old_id, const std::string& new_id) {
  const char* action = std::getenv("GIT_REFLOG_ACTION");
  bool rebasing = git::rebase_in_progress(work.repo());
  bool orig_head = git::resolve_ref(work.repo(), "ORIG_HEAD") == old_id;
  bool same_parents = git::parent_ids(work.repo(), old_id) == git::parent_ids(work.repo(), new_id);
  return backup::classify_before(action ? action : "", rebasing, orig_head, same_parents);
}

// prepared: the refusal of published rewrites, and every backup of a ref that
// still exists afterwards (deletions that carry an old value wait for
// committed, where a rename or pack-refs shows the commits still on a ref).
int on_prepared(Work& work, const std::vector<backup::RefUpdate>& updates) {
  std::vector<std::string> olds;
  for (const backup::RefUpdate& update : updates)
    if (update.old_id.empty())
      if (auto before = git::resolve_ref(work.repo(), update.ref))
        olds.push_back(*before);
  if (olds.size() > 1)
    work.plan(updates, olds);
  for (const backup::RefUpdate& update : updates) {
    backup::RefKind kind = backup::ref_kind(update.ref);
    if (kind == backup::RefKind::stash) {
      if (int code = keep_stash(work))
        return code;
      continue;
    }
    if (kind == backup::RefKind::other || kind == backup::RefKind::remote) {
      if (update.old_id.empty() || !update.new_id.empty())
        if (int code = keep_ref(work, update, true))
          return code;
      continue; // a deletion that carries its old value: committed
    }
    std::string old_id = update.old_id;
    Operation op;
    if (old_id.empty()) {
      auto before = git::resolve_ref(work.repo(), update.ref);
      if (!before)
        continue; // a creation
      if (*before == update.new_id) {
        // pack-refs rewriting a ref with its own value, or rebase --abort
        if (int code = rebase_abort(work, update))
          return code;
        continue;
      }
      old_id = *before;
      op = update.new_id.empty() ? Operation::remove : Operation::force;
    } else if (update.new_id.empty()) {
      continue;
    } else {
      op = operation_before(work, old_id, update.new_id);
    }
    std::string upstream;
    if (!update.new_id.empty() && !git::is_ancestor(work.repo(), old_id, update.new_id) &&
        work.settings().published == backup::Published::refuse)
      if (std::size_t count = work.published(update.ref, old_id, update.new_id, upstream)) {
        std::fprintf(stderr,
                     "preflight: error: refusing to move %s: it would drop %s that %s already "
                     "has; undo published work with `git revert %s..%s` instead (or bypass once "
                     "with SKIP=%s)\n",
                     update.ref.substr(11).c_str(), plural(count, "commit").c_str(),
                     upstream.c_str(), short_id(update.new_id).c_str(), short_id(old_id).c_str(),
                     std::string(backup::k_published_check).c_str());
        return 1;
      }
    Move move{update.ref, label_of(update.ref), old_id, update.new_id, op, "", false};
    if (int code = keep_commits(work, move, true))
      return code;
  }
  return 0;
}

// committed: deletions that carried their old value, and the published-commit
// warning.
void on_committed(Work& work, const std::vector<backup::RefUpdate>& updates) {
  std::vector<std::string> olds;
  for (const backup::RefUpdate& update : updates)
    if (!update.old_id.empty())
      olds.push_back(update.old_id);
  if (olds.size() > 1)
    work.plan(updates, olds);
  for (const backup::RefUpdate& update : updates) {
    if (update.old_id.empty() || update.ref == "HEAD")
      continue; // decided in prepared
    backup::RefKind kind = backup::ref_kind(update.ref);
    if (kind == backup::RefKind::stash)
      continue; // decided in prepared, while the reflog lists the entries
    if (kind == backup::RefKind::other || kind == backup::RefKind::remote) {
      if (update.new_id.empty() && ref_object(work.repo(), update.ref).empty())
        keep_ref(work, update, false);
      continue;
    }
    std::string after = git::resolve_ref(work.repo(), update.ref).value_or("");
    if (after == update.old_id)
      continue; // pack-refs pruning a loose ref that is still packed
    if (after.empty())
      keep_commits(
          work, {update.ref, label_of(update.ref), update.old_id, "", Operation::remove, "", false},
          false);
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
  drop_decided(candidates, state);
  if (candidates.empty())
    return 0;
  if (state == backup::State::committed)
    std::erase_if(candidates, [](const backup::RefUpdate& u) { return u.ref == "HEAD"; });
  if (candidates.empty())
    return 0;
  try {
    if (git::uses_sha256(fast_git_dir())) {
      // Through git's command line: branches and a detached HEAD only.
      std::erase_if(candidates, [](const backup::RefUpdate& u) {
        backup::RefKind kind = backup::ref_kind(u.ref);
        return kind != backup::RefKind::branch && kind != backup::RefKind::head;
      });
      git_cli::on_reference_transaction(state, candidates, fast_head_facts(), options);
      return 0;
    }
    Work work(options, state == backup::State::prepared);
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
    Work work(options, true);
    if (work.repo().is_bare())
      return 0;
    // git's "you are leaving N commits behind": commits of the previous HEAD
    // that no ref (nor the new HEAD) reaches.
    std::string now = backup::is_zero_id(current) ? "" : current;
    keep_commits(
        work, {"", std::string(backup::k_detached), previous, now, Operation::checkout, "", false},
        false);
  } catch (const std::exception& e) {
    diagnostic(e.what());
  }
  return 0;
}

} // namespace preflight::backup
