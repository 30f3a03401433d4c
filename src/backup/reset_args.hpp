// `git reset` arguments as safe-reset needs to understand them: the mode, and
// whether the reset moves HEAD (a commit argument) or only resets paths.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace preflight::backup {

enum class ResetMode { soft, mixed, hard, merge, keep };

struct ResetPlan {
  ResetMode mode = ResetMode::mixed;
  std::optional<std::string> revision; // the commit argument, when one was given
  bool paths = false;                  // paths given (or -p): HEAD does not move
  std::vector<std::string> pathspec;   // the paths given as words (not -p, not from a file)
};

// Splits args the way git does: options, an optional commit, then paths (after
// "--", or any word after the commit). is_commit tells whether a word names a
// commit; a first word that does not is a path, as in git.
ResetPlan plan_reset(const std::vector<std::string>& args,
                     const std::function<bool(const std::string&)>& is_commit);

} // namespace preflight::backup
