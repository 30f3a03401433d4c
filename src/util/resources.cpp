#include "util/resources.hpp"

#include <algorithm>

namespace preflight {

std::optional<std::string_view> find_resource(std::string_view name) {
  auto table = resources();
  auto it =
      std::find_if(table.begin(), table.end(), [&](const Resource& r) { return r.name == name; });
  if (it == table.end())
    return std::nullopt;
  return it->data;
}

} // namespace preflight
