// Whole numbers in rules files, read the way an editor's YAML 1.2 reader and
// the JSON Schema (`preflight schema`) read them, so that the loader and the
// schema agree in both directions:
// - a plain scalar that YAML 1.2's core schema reads as a number is that
//   number: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+, or a float whose value is
//   whole (3.0, 1e3), since JSON Schema's "integer" takes those too;
// - a quoted scalar is a string: only -?[0-9]{1,18} is read as a number (a
//   schema pattern cannot bound a longer one to the 64-bit range).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace YAML {
class Node;
}

namespace preflight::config {

// A whole number: its sign and magnitude (up to 2^64 - 1).
struct Whole {
  bool negative = false;
  std::uint64_t magnitude = 0;
};

// The whole number YAML 1.2's core schema reads from a plain scalar, or
// nullopt (not a number, not whole, or beyond 64 bits).
std::optional<Whole> yaml_whole(std::string_view text);

// Whether text is a number at all for YAML 1.2's core schema (int or float).
bool yaml_number(std::string_view text);

// Whether node is a plain (unquoted, untagged) scalar.
bool plain_scalar(const YAML::Node& node);

// The value of an integer key (-2^63 .. 2^63 - 1), or nullopt.
std::optional<std::int64_t> whole_number(const YAML::Node& node);

// The value of a size key: a plain number (0 .. 2^64 - 1), else the text read
// by parse_size with at most as many digits as fit the unit; nullopt if none.
std::optional<std::uint64_t> size_value(const YAML::Node& node);

// The most digits a size may have before its unit ("" or "b", then k, m, g,
// t): more could overflow 64 bits. The schema's pattern uses the same limits.
inline constexpr int k_size_digits[] = {19, 16, 13, 10, 7};

} // namespace preflight::config
