// The pre-commit content checks (checkpoint, large-file, conflict-marker,
// private-key, case-conflict, broken-symlink) on the files the commit adds or
// changes, read from the index git hands the hook, never the working tree.
#include "checks/staged_content.hpp"

namespace preflight::checks {

const ContentInput& content_to_check(const Context& context, std::optional<ContentInput>& held) {
  const HookInput& input = context.input;
  if (input.all_files || input.files)
    return held.emplace(context.repo.index_content(input.files));
  return context.repo.staged_content();
}

void check_staged_content(const Context& context, report::Report& report) {
  std::optional<ContentInput> held;
  run_content_checks(context.config, content_to_check(context, held), context.skipped, report);
}

} // namespace preflight::checks
