// The checks table: one row per check, in the order they run. Adding a check:
// see STYLE.md ("Adding a check").
#include "checks/check.hpp"

#include <vector>

namespace preflight::checks {

std::span<const CheckDef> check_table() {
  static const std::vector<CheckDef> table = {
  };
  return table;
}

} // namespace preflight::checks
