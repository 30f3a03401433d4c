// pre-commit: Jupyter notebooks stripped in the index (see notebooks.cpp).
#pragma once

#include "checks/check.hpp"
#include "checks/content.hpp"
#include "notebook/settings.hpp"

#include <vector>

namespace preflight::checks {

void check_notebooks(const Context& context, report::Report& report);

// The files of input that the notebook checks read (.ipynb files that are no
// symbolic link, no submodule and not stored through LFS). When there are any,
// nbstripout's git keys of the repository are added to settings
// (docs/notebooks.md).
std::vector<const FileChange*>
notebooks_to_check(const ContentInput& input, notebook::Settings& settings, const RepoView& repo);

} // namespace preflight::checks
