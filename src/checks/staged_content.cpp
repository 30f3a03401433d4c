// The pre-commit content checks (checkpoint, large-file, conflict-marker,
// private-key, case-conflict, broken-symlink) on the files the commit adds or
// changes, read from the index git hands the hook, never the working tree.
#include "checks/staged_content.hpp"

namespace preflight::checks {

void check_staged_content(const Context& context, report::Report& report) {
  ContentInput input = context.repo.staged_content();
  run_content_checks(context.config, input, context.skipped, report);
}

} // namespace preflight::checks
