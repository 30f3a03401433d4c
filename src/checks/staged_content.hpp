// pre-commit: content checks on the staged files (see content.hpp).
#pragma once

#include "checks/check.hpp"

namespace preflight::checks {

void check_staged_content(const Context& context, report::Report& report);

} // namespace preflight::checks
