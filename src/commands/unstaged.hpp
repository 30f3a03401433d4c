// Keeping unstaged changes safe while commands run on the staged content
// (pre-commit's "staged files only", done so that a crash loses nothing).
//
//   hide:    snapshot the index and the tracked files as a `git stash`-format
//            commit W (src/backup/snapshot.cpp), point refs/preflight/unstaged/<wt>
//            at it, and only then write the staged version of every file with
//            unstaged changes into the working tree.
//   restore: for each such file, three-way merge base = its staged version
//            (W's index parent), ours = the file now (a fixer may have changed
//            it), theirs = the user's version in W. A conflict keeps the user's
//            version in the working tree and the command's version under
//            refs/preflight/fixed/<wt>. The unstaged ref goes last.
//
// A hook killed in between leaves the ref: the next pre-commit (or `preflight
// restore-unstaged`) restores it as a leftover. The user may have edited the
// files since, so a leftover restore writes only files still exactly as the
// hide left them (base); any other file is left as it is now, and both versions
// go on refs/preflight/kept/<wt>: a commit whose parent is the snapshot (the
// set-aside version: <ref>^:path) and whose tree has the files as they are now
// (<ref>:path).
//
// Every ref here gets a reflog entry even where core.logAllRefUpdates would not
// log refs outside refs/heads, so an older conflict is not lost to a newer one.
#pragma once

#include "git/repository.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace preflight::commands {

using git::Repository;

// refs/preflight/unstaged/<worktree>: "main" for the main worktree, else the
// linked worktree's name.
std::string unstaged_ref(const Repository& repo);
std::string fixed_ref(const Repository& repo);
std::string kept_ref(const Repository& repo);

// The commit of a leftover snapshot, or nullopt.
std::optional<std::string> leftover_snapshot(const Repository& repo);

// Hides unstaged changes of tracked files (submodules aside). Returns the
// snapshot commit, or nullopt when nothing was unstaged. Throws Error.
std::optional<std::string> hide_unstaged(const Repository& repo);

struct RestoreResult {
  std::vector<std::string> restored;  // files given back their unstaged changes
  std::vector<std::string> merged;    // ... merged with a command's changes
  std::vector<std::string> conflicts; // kept the user's version; the command's is in fixed_ref
  std::vector<std::string> kept;      // leftover only: changed since; both versions in kept_ref
};

// Whose changes a file that is no longer as the hide left it holds.
enum class RestoreAfter {
  commands, // this run's commands: merge them with the user's changes
  leftover, // an interrupted run: anyone's (the user's own edits): never overwrite
};

// Gives the working tree back the unstaged changes of the snapshot the unstaged
// ref points at, then deletes the ref. Throws Error (the ref stays).
RestoreResult restore_unstaged(const Repository& repo, RestoreAfter after = RestoreAfter::commands);

// Tracked files whose working-tree content differs from the index (submodules
// aside), each with the id of its working-tree content ("" when deleted).
std::map<std::string, std::string> dirty_files(const Repository& repo);

// Which tracked files commands change, cheaply: one lstat per index entry per
// look, and a hash only for files whose stat data moved (or that git itself
// could not trust: dirty or racily clean). Untracked files are not watched.
class WorktreeWatch {
public:
  // Reads the hook's index and the state of every tracked file now.
  explicit WorktreeWatch(const Repository& repo);
  ~WorktreeWatch();
  WorktreeWatch(const WorktreeWatch&) = delete;
  WorktreeWatch& operator=(const WorktreeWatch&) = delete;

  // Tracked files whose content differs from the index now.
  std::vector<std::string> dirty() const;
  // Looks again: the files whose content changed since the last look (or since
  // construction), which then become the new state.
  std::vector<std::string> changed();
  // Forgets what is known about paths and reads them again now (after hiding).
  void refresh(const std::vector<std::string>& paths);

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Hides the unstaged changes of dirty (WorktreeWatch::dirty()) like
// hide_unstaged(), without looking for them again.
std::optional<std::string> hide_paths(const Repository& repo,
                                      const std::vector<std::string>& dirty);

// The id (hex) of path's stage-0 entry in the hook's index, or nullopt.
std::optional<std::string> index_entry_id(const Repository& repo, const std::string& path);

} // namespace preflight::commands
