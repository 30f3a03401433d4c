// pre-commit: notebooks paired with scripts by jupytext are committed together
// and in sync (see jupytext_pairs.cpp).
#pragma once

#include "checks/check.hpp"

namespace preflight::checks {

void check_jupytext_pairs(const Context& context, report::Report& report);

} // namespace preflight::checks
