// pre-push (and the server): notebooks in pushed commits carry no outputs.
#pragma once

#include "checks/check.hpp"
#include "checks/content.hpp"

namespace preflight::checks {

// Adds a "notebook" error for each .ipynb file of input that the rules
// (notebooks.*) would strip, or that is not a notebook that can be read. Commits
// that no pre-commit hook saw (--no-verify, cherry-pick, rebase, am, a merge, a
// clone without preflight) bring them; the push is where they are still caught.
void check_pushed_notebooks(const Context& context, const ContentInput& input,
                            report::Report& report);

} // namespace preflight::checks
