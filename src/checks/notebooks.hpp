// pre-commit: Jupyter notebooks stripped in the index (see notebooks.cpp).
#pragma once

#include "checks/check.hpp"
#include "checks/content.hpp"
#include "notebook/settings.hpp"

namespace preflight::checks {

void check_notebooks(const Context& context, report::Report& report);

// Whether the notebook checks read file: a .ipynb that is no symbolic link, no
// submodule and not stored through LFS.
bool is_checked_notebook(const FileChange& file, const BlobReader& blobs);

// Adds nbstripout's git keys of the repository, when it has them, to settings
// (docs/notebooks.md).
void add_repository_keys(notebook::Settings& settings, const RepoView& repo);

} // namespace preflight::checks
