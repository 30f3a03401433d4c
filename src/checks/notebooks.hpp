// pre-commit: Jupyter notebooks stripped in the index (see notebooks.cpp).
#pragma once

#include "checks/check.hpp"

namespace preflight::checks {

void check_notebooks(const Context& context, report::Report& report);

} // namespace preflight::checks
