// Values the project writes in code as flow YAML (key defaults, the shipped rule
// sets, rule defaults): plain or quoted scalars and flow lists of them, nested.
// Reading them needs no YAML::Node, whose trees of shared pointers cost more to
// build and free than the rest of a commit-msg hook.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::config {

// A parsed literal: a scalar, or a list of literals. Its accessors are named as
// YAML::Node's, so that code reading settings can take either (a template).
struct Literal {
  bool list = false;
  std::string text;           // a scalar's text ("" for a list)
  std::vector<Literal> items; // a list's items

  bool IsScalar() const { return !list; }
  bool IsSequence() const { return list; }
  bool IsMap() const { return false; }
  bool IsNull() const { return false; }
  const std::string& Scalar() const { return text; }
  std::size_t size() const { return items.size(); }
  const Literal& operator[](std::size_t i) const { return items[i]; }
  std::vector<Literal>::const_iterator begin() const { return items.begin(); }
  std::vector<Literal>::const_iterator end() const { return items.end(); }
};

// Parses text when it is in the subset above and reads as yaml-cpp reads it;
// nullopt for anything else (null, anchors, maps, block styles, escapes other
// than \\ and \"), which callers then give to yaml-cpp. Only for the project's
// own constants, never for user input.
std::optional<Literal> parse_literal(std::string_view text);

} // namespace preflight::config
