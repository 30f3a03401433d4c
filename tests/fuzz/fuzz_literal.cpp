// Differential fuzz target: the literal reader (config/literal.hpp) promises to
// read its subset of flow YAML exactly as yaml-cpp does, and to refuse the rest.
// Whatever it accepts, yaml-cpp must read to the same scalars and lists.
#include "config/literal.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

bool same(const preflight::config::Literal& literal, const YAML::Node& node) {
  if (literal.list) {
    if (!node.IsSequence() || node.size() != literal.items.size())
      return false;
    for (std::size_t i = 0; i < literal.items.size(); ++i)
      if (!same(literal.items[i], node[i]))
        return false;
    return true;
  }
  return node.IsScalar() && node.Scalar() == literal.text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto literal = preflight::config::parse_literal(text);
  if (!literal)
    return 0;
  YAML::Node node;
  try {
    node = YAML::Load(std::string(text));
  } catch (const YAML::Exception&) {
    std::abort(); // accepted here, refused by yaml-cpp
  }
  if (!same(*literal, node))
    std::abort(); // read differently
  return 0;
}
