#include "backup/refs.hpp"

#include "backup/naming.hpp"
#include "git/handles.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace preflight::backup {

using namespace git;

namespace {

git_oid to_oid(const std::string& id) {
  git_oid oid;
  check(git_oid_fromstr(&oid, id.c_str()), "bad object id \"" + id + "\"");
  return oid;
}

// Every commit a ref that counts as "kept" points at. A ref that cannot be read
// or names no commit protects nothing: its commits count as lost, so the
// answer errs towards a backup.
std::vector<std::string> kept_tips(const Repository& repo, const KeepRefs& keep) {
  std::vector<std::string> tips;
  for (const std::string& extra : keep.extra)
    if (!extra.empty())
      tips.push_back(extra);
  std::unordered_set<std::string_view> exclude(keep.exclude.begin(), keep.exclude.end());
  auto excluded = [&](std::string_view name) { return exclude.count(name) > 0; };
  git_reference_iterator* raw = nullptr;
  check(git_reference_iterator_new(&raw, repo.get()), "cannot list refs");
  IteratorPtr iterator(raw);
  git_reference* ref = nullptr;
  for (int broken = 0;;) {
    int rc = git_reference_next(&ref, iterator.get());
    if (rc == GIT_ITEROVER)
      break;
    if (rc < 0 && ++broken < 1000)
      continue; // a corrupt ref file: the iterator has moved past it
    check(rc, "cannot list refs");
    ReferencePtr owned(ref);
    std::string_view name = git_reference_name(ref);
    bool counts = name.starts_with("refs/heads/") || name.starts_with("refs/tags/") ||
                  (keep.remotes && name.starts_with("refs/remotes/"));
    if (!keep.backups && name.starts_with("refs/heads/") && parse_backup_branch(name.substr(11)))
      counts = false;
    if (!counts || excluded(git_reference_name(ref)))
      continue;
    // Branches point at commits: no object read (1,000 refs cost 1,000 inflates).
    if (const git_oid* target = git_reference_target(ref);
        target && !name.starts_with("refs/tags/")) {
      tips.push_back(hex(target));
      continue;
    }
    git_object* object = nullptr;
    if (git_reference_peel(&object, ref, GIT_OBJECT_COMMIT) < 0)
      continue; // names no commit (a tag of a tree), or is broken: protects nothing
    ObjectPtr owned_object(object);
    tips.push_back(hex(git_object_id(object)));
  }
  if (!excluded("HEAD") && head_detached(repo))
    if (auto head = resolve_ref(repo, "HEAD"))
      tips.push_back(*head);
  return tips;
}

} // namespace

std::size_t count_lost(const Repository& repo, const std::string& id, const KeepRefs& keep,
                       std::size_t limit) {
  // The common case (a fast-forward) is answered without listing every ref.
  for (const std::string& extra : keep.extra)
    if (!extra.empty() && is_ancestor(repo, id, extra))
      return 0;
  std::vector<std::string> tips = kept_tips(repo, keep);
  // A tip another ref points at exactly (a branch just copied or merged) needs no walk.
  if (std::find(tips.begin(), tips.end(), id) != tips.end())
    return 0;
  return reachable(repo, {id}, tips, limit).size();
}

std::size_t count_unmatched(const Repository& repo, const std::string& id, const KeepRefs& keep) {
  constexpr std::size_t k_limit = 10000;
  std::vector<std::string> tips = kept_tips(repo, keep);
  std::vector<std::string> lost = reachable(repo, {id}, tips, k_limit);
  if (lost.empty())
    return 0;
  // The kept history beyond the lost commits' base (their parents that are
  // kept): where a rewritten copy of a lost commit can be.
  std::set<std::string> lost_set(lost.begin(), lost.end());
  std::vector<std::string> base;
  for (const std::string& commit : lost)
    for (const std::string& parent : parent_ids(repo, commit))
      if (!lost_set.count(parent))
        base.push_back(parent);
  std::vector<std::string> kept = reachable(repo, tips, base, k_limit);
  if (kept.size() >= k_limit)
    return lost.size(); // too much history to compare: every commit counts
  // Diffs are costly: only kept commits with a lost commit's author and author
  // time can be its rewrite (a rewrite that resets the date is not recognised,
  // and is backed up).
  std::set<std::string> stamps;
  for (const std::string& commit : lost)
    stamps.insert(author_stamp(repo, commit));
  std::set<std::string> patches;
  for (const std::string& commit : kept)
    if (stamps.count(author_stamp(repo, commit)))
      if (auto patch = patch_id(repo, commit))
        patches.insert(*patch);
  std::size_t count = 0;
  for (const std::string& commit : lost) {
    auto patch = patch_id(repo, commit);
    if (!patch || !patches.count(*patch))
      ++count;
  }
  return count;
}

std::vector<CommitInfo> lost_commits(const Repository& repo, const std::string& id,
                                     const KeepRefs& keep, std::size_t limit) {
  std::vector<CommitInfo> out;
  for (const std::string& commit : reachable(repo, {id}, kept_tips(repo, keep), limit))
    out.push_back(commit_info(repo, commit));
  return out;
}

std::string create_backup(const Repository& repo, std::string_view label, const std::string& id,
                          std::time_t when, const std::string& log_message) {
  git_oid oid = to_oid(id);
  std::string last_error;
  for (std::string_view space : {k_namespace, k_fallback_namespace}) {
    for (const std::string& name : backup_branch_tries(space, label, when, id)) {
      git_reference* ref = nullptr;
      int rc = git_reference_create(&ref, repo.get(), ("refs/heads/" + name).c_str(), &oid, 0,
                                    log_message.c_str());
      if (rc == 0) {
        git_reference_free(ref);
        return name;
      }
      const git_error* error = git_error_last();
      last_error = error ? error->message : "unknown error";
      if (rc != GIT_EEXISTS)
        break; // a file in the way of the folder (a branch named "backup"): next namespace
    }
  }
  throw Error("cannot create a backup branch for " + std::string(label) + ": " + last_error);
}

std::vector<BackupRef> list_backups(const Repository& repo) {
  std::vector<BackupRef> out;
  for (std::string_view space : {k_namespace, k_fallback_namespace}) {
    std::string glob = "refs/heads/" + std::string(space) + "/*";
    git_reference_iterator* raw = nullptr;
    check(git_reference_iterator_glob_new(&raw, repo.get(), glob.c_str()), "cannot list backups");
    IteratorPtr iterator(raw);
    git_reference* ref = nullptr;
    for (;;) {
      int rc = git_reference_next(&ref, iterator.get());
      if (rc == GIT_ITEROVER)
        break;
      check(rc, "cannot list backups");
      ReferencePtr owned(ref);
      std::string name = git_reference_name(ref) + 11;
      auto parsed = parse_backup_branch(name);
      const git_oid* target = git_reference_target(ref);
      if (!parsed || !target)
        continue;
      out.push_back({name, parsed->branch, parsed->time, hex(target)});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const BackupRef& a, const BackupRef& b) { return a.name < b.name; });
  return out;
}

std::string ref_object(const Repository& repo, const std::string& ref) {
  git_reference* raw = nullptr;
  int rc = git_reference_lookup(&raw, repo.get(), ref.c_str());
  if (rc == GIT_ENOTFOUND)
    return "";
  check(rc, "cannot read " + ref);
  ReferencePtr owned(raw);
  git_reference* resolved = nullptr;
  rc = git_reference_resolve(&resolved, raw);
  if (rc == GIT_ENOTFOUND)
    return ""; // a symbolic ref to nothing
  check(rc, "cannot read " + ref);
  ReferencePtr owned_resolved(resolved);
  const git_oid* target = git_reference_target(resolved);
  return target ? hex(target) : "";
}

void keep_tag_object(const Repository& repo, const std::string& backup_name,
                     const std::string& tag_id) {
  git_oid oid = to_oid(tag_id);
  git_reference* ref = nullptr;
  std::string name = std::string(k_tag_objects) + backup_name;
  check(git_reference_create(&ref, repo.get(), name.c_str(), &oid, 1,
                             "preflight: the tag object of a backup"),
        "cannot create " + name);
  git_reference_free(ref);
}

std::optional<std::string> kept_tag_object(const Repository& repo, const std::string& backup_name) {
  std::string id = ref_object(repo, std::string(k_tag_objects) + backup_name);
  return id.empty() ? std::nullopt : std::optional(id);
}

void delete_backup(const Repository& repo, const std::string& name) {
  delete_branch(repo, name);
  std::string companion = std::string(k_tag_objects) + name;
  int rc = git_reference_remove(repo.get(), companion.c_str());
  if (rc != GIT_ENOTFOUND)
    check(rc, "cannot delete " + companion);
}

std::vector<std::pair<std::string, std::string>> stash_entries(const Repository& repo) {
  std::vector<std::pair<std::string, std::string>> entries;
  int rc = git_stash_foreach(
      repo.get(),
      [](std::size_t index, const char*, const git_oid* id, void* payload) {
        static_cast<decltype(entries)*>(payload)->emplace_back(
            "stash@{" + std::to_string(index) + "}", hex(id));
        return 0;
      },
      &entries);
  if (rc != GIT_ENOTFOUND)
    check(rc, "cannot read the stash");
  return entries;
}

std::size_t published_dropped(const Repository& repo, const std::string& old_id,
                              const std::string& new_id, const std::string& upstream) {
  auto upstream_id = resolve_ref(repo, upstream);
  if (!upstream_id)
    return 0;
  std::vector<std::string> hide;
  if (!new_id.empty())
    hide.push_back(new_id);
  std::size_t count = 0;
  for (const std::string& commit : reachable(repo, {old_id}, hide, 10000))
    if (is_ancestor(repo, commit, *upstream_id))
      ++count;
  return count;
}

LostSet::LostSet(const Repository& repo, const std::vector<std::string>& ids,
                 const KeepRefs& keep) {
  std::vector<std::string> commits;
  for (const std::string& id : ids) {
    git_oid oid = to_oid(id);
    git_commit* commit = nullptr;
    if (git_commit_lookup(&commit, repo.get(), &oid) < 0)
      continue; // a tip that is no commit has no commits
    git_commit_free(commit);
    m_tips.insert(id);
    commits.push_back(id);
  }
  for (const std::string& commit : reachable(repo, commits, kept_tips(repo, keep), 100000))
    m_parents[commit] = parent_ids(repo, commit);
}

std::unordered_set<std::string> LostSet::reach(const std::string& id) const {
  std::unordered_set<std::string> seen;
  std::vector<std::string> todo{id};
  while (!todo.empty()) {
    std::string next = std::move(todo.back());
    todo.pop_back();
    auto found = m_parents.find(next);
    if (found == m_parents.end() || m_taken.count(next) || !seen.insert(next).second)
      continue;
    todo.insert(todo.end(), found->second.begin(), found->second.end());
  }
  return seen;
}

std::size_t LostSet::count(const std::string& id) const {
  return reach(id).size();
}

void LostSet::take(const std::string& id) {
  for (const std::string& commit : reach(id))
    m_taken.insert(commit);
}

std::vector<std::size_t> lost_counts(const Repository& repo,
                                     const std::vector<BackupRef>& backups) {
  KeepRefs keep;
  keep.backups = false;
  std::vector<std::string> ids;
  for (const BackupRef& backup : backups)
    ids.push_back(backup.id);
  LostSet lost(repo, ids, keep);
  std::vector<std::size_t> counts;
  for (const BackupRef& backup : backups)
    counts.push_back(lost.count(backup.id));
  return counts;
}

namespace {

CommitPtr lookup_commit(const Repository& repo, const git_oid& oid) {
  git_commit* raw = nullptr;
  return CommitPtr(git_commit_lookup(&raw, repo.get(), &oid) < 0 ? nullptr : raw);
}

bool message_starts(const git_commit* commit, std::string_view prefix) {
  const char* message = git_commit_message(commit);
  return message && std::string_view(message).starts_with(prefix);
}

// The message of the oldest reflog entry of ref: what created it.
std::string first_reflog_message(const Repository& repo, const std::string& ref) {
  git_reflog* raw = nullptr;
  if (git_reflog_read(&raw, repo.get(), ref.c_str()) < 0)
    return "";
  ReflogPtr reflog(raw);
  std::size_t count = git_reflog_entrycount(raw);
  const char* message =
      count ? git_reflog_entry_message(git_reflog_entry_byindex(raw, count - 1)) : nullptr;
  return message ? message : "";
}

} // namespace

std::optional<std::string> backed_up_ref(const Repository& repo, const BackupRef& backup) {
  std::string message = first_reflog_message(repo, "refs/heads/" + backup.name);
  std::string suffix = " of " + backup.label;
  if (!backup.label.starts_with("refs/") || !message.starts_with(k_backup_message) ||
      !message.ends_with(suffix))
    return std::nullopt;
  return backup.label;
}

std::optional<SnapshotContent> snapshot_of(const Repository& repo, const BackupRef& backup) {
  if (first_reflog_message(repo, "refs/heads/" + backup.name).starts_with(k_backup_message))
    return std::nullopt;
  CommitPtr w = lookup_commit(repo, to_oid(backup.id));
  if (!w || !(message_starts(w.get(), "WIP on ") || message_starts(w.get(), "On ")))
    return std::nullopt;
  std::vector<CommitPtr> parents;
  for (unsigned i = 0; i < git_commit_parentcount(w.get()); ++i)
    parents.push_back(lookup_commit(repo, *git_commit_parent_id(w.get(), i)));
  // With a base: base, index [, untracked]. On an unborn branch: index [, untracked].
  std::size_t index = parents.size() >= 2 && message_starts(parents[1].get(), "index on ") ? 1 : 0;
  CommitPtr* base = index == 1 ? &parents[0] : nullptr;
  if (parents.empty() || parents.size() > index + 2 ||
      std::any_of(parents.begin(), parents.end(), [](const CommitPtr& p) { return !p; }))
    return std::nullopt;
  const git_commit* i_commit = parents[index].get();
  if (!message_starts(i_commit, "index on ") ||
      (base && (git_commit_parentcount(i_commit) == 0 ||
                !git_oid_equal(git_commit_parent_id(i_commit, 0), git_commit_id(base->get())))))
    return std::nullopt;
  // The index commit's other parent, if any, holds the conflicts (snapshot.cpp).
  for (unsigned i = base ? 1 : 0; i < git_commit_parentcount(i_commit); ++i) {
    CommitPtr other = lookup_commit(repo, *git_commit_parent_id(i_commit, i));
    if (!other || !message_starts(other.get(), "conflicts on "))
      return std::nullopt;
  }
  const git_commit* u_commit = parents.size() == index + 2 ? parents[index + 1].get() : nullptr;
  if (u_commit &&
      (!message_starts(u_commit, "untracked files on ") || git_commit_parentcount(u_commit) != 0))
    return std::nullopt;
  SnapshotContent content;
  content.trees = hex(git_commit_tree_id(w.get())) + " " + hex(git_commit_tree_id(i_commit)) + " " +
                  (u_commit ? hex(git_commit_tree_id(u_commit)) : "-");
  if (base) {
    content.base = hex(git_commit_id(base->get()));
    const git_oid* base_tree = git_commit_tree_id(base->get());
    content.empty = !u_commit && git_oid_equal(git_commit_tree_id(w.get()), base_tree) &&
                    git_oid_equal(git_commit_tree_id(i_commit), base_tree);
  }
  return content;
}

} // namespace preflight::backup
