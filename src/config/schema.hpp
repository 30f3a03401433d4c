// The table of rules-file keys: every key with its type, default and documentation.
//
// Paths are dotted ("notebooks.keep_output"). A path segment "[]" stands for the
// items of a list of maps ("pre_commit.commands[].name"). Each feature owns one
// array of rows in its own file (keys_<feature>.cpp); key_table() joins them.
#pragma once

#include <span>
#include <string_view>

namespace YAML {
class Node;
}

namespace preflight::config {

class Diagnostics;

enum class ValueType {
  section,     // a map whose keys are the rows below it
  boolean,     // true/false
  integer,     // a whole number
  size,        // bytes: 1048576, "500k", "5MB", "2GiB"
  string,      // any scalar
  string_list, // a list of scalars; a single scalar is accepted as a one-item list
  choice,      // one of KeyDef::choices
  object_list, // a list of maps whose keys are the rows "<path>[].<key>"
  named_map,   // a map from names to values that a feature validates (KeyDef::validate_entry)
};

// Validates one entry of a named_map: name is the key (already checked against
// KeyDef::names), value its value. Problems go to diags, located at the nodes.
using EntryValidator = void (*)(std::string_view name, const YAML::Node& value, Diagnostics& diags);

struct KeyDef {
  std::string_view path;
  ValueType type;
  // The default as YAML text ("true", "100", "[feat, fix]"); empty for sections
  // and for keys that are unset by default.
  std::string_view default_yaml;
  std::string_view doc;
  std::span<const std::string_view> choices = {}; // for choice
  std::span<const std::string_view> names = {};   // for named_map: allowed entry names
  EntryValidator validate_entry = nullptr;        // for named_map
};

// Every key, in documentation order.
std::span<const KeyDef> key_table();

// The row for path (list items written as "[]"), or nullptr.
const KeyDef* find_key(std::string_view path);

// The per-feature tables that key_table() joins, in order, each with the prefix
// that all its paths share ("" when they share none). Each lives in keys_<feature>.cpp.
struct KeyPart {
  std::string_view prefix;
  std::span<const KeyDef> (*keys)();
};
std::span<const KeyPart> key_parts();
std::span<const KeyDef> core_keys();
std::span<const KeyDef> commit_msg_keys();
std::span<const KeyDef> notebook_keys();
std::span<const KeyDef> content_keys();
std::span<const KeyDef> backup_keys();
std::span<const KeyDef> command_keys();
std::span<const KeyDef> ml_keys();

} // namespace preflight::config
