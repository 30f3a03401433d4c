// The pre-commit content checks (checkpoint, large-file, conflict-marker,
// private-key, case-conflict, broken-symlink) on the files the commit adds or
// changes, read from the index git hands the hook, never the working tree.
#include "checks/staged_content.hpp"

namespace preflight::checks {

ContentInput content_to_check(const Context& context) {
  const HookInput& input = context.input;
  if (input.all_files || input.files)
    return context.repo.index_content(input.files);
  return context.repo.staged_content();
}

void check_staged_content(const Context& context, report::Report& report) {
  ContentInput input = content_to_check(context);
  run_content_checks(context.config, input, context.skipped, report);
}

} // namespace preflight::checks
