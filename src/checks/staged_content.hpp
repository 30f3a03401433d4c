// pre-commit: content checks on the staged files (see content.hpp).
#pragma once

#include "checks/check.hpp"

namespace preflight::checks {

void check_staged_content(const Context& context, report::Report& report);

// What the pre-commit checks look at: the files the commit adds or changes, or
// for `preflight run pre-commit --all-files` / `--files` every file of the index
// / those files as the index holds them (in CI: as committed). The staged files
// are the view's own (no copy); the index's are read into held.
const ContentInput& content_to_check(const Context& context, std::optional<ContentInput>& held);

} // namespace preflight::checks
