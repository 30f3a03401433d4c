// Files of rules/ and templates/ compiled into every binary, so that a hook
// reads no data files to find the shipped rule sets.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace preflight {

struct Resource {
  std::string_view name; // "rules/default.yaml", "templates/minimal.yaml"
  std::string_view data;
};

// Every embedded file, sorted by name.
std::span<const Resource> resources();

// The embedded file with that name, if any.
std::optional<std::string_view> find_resource(std::string_view name);

} // namespace preflight
