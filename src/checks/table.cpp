// The checks table: one row per check, in the order they run. Adding a check:
// see STYLE.md ("Adding a check").
#include "checks/check.hpp"
#include "checks/commit_message.hpp"
#include "checks/identity.hpp"
#include "checks/jupytext_pairs.hpp"
#include "checks/notebooks.hpp"
#include "checks/pre_push.hpp"
#include "checks/staged_content.hpp"

#include <vector>

namespace preflight::checks {

std::span<const CheckDef> check_table() {
  static const std::vector<CheckDef> table = {
      // Before content: the content checks then see the stripped notebooks.
      {"notebook", "Jupyter notebooks committed without outputs (stripped in the index)",
       Hook::pre_commit, check_notebooks},
      {"content", "Checkpoints, large files, conflict markers, keys, case conflicts, symlinks",
       Hook::pre_commit, check_staged_content},
      {"identity", "Author and committer set, not placeholders, in the allowed domains",
       Hook::pre_commit, check_identity},
      {"jupytext-pairs", "Notebooks paired by jupytext committed with their scripts, in sync",
       Hook::pre_commit, check_jupytext_pairs},
      {"commit-message", "Conventional Commits rules on the commit message", Hook::commit_msg,
       check_commit_message},
      {"push", "Every pushed commit's message and files; protected and backup branches",
       Hook::pre_push, check_push},
  };
  return table;
}

} // namespace preflight::checks
