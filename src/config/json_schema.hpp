// A JSON Schema (draft 07) for .preflight.yaml and .preflight.local.yaml,
// generated from the key table (schema.hpp), for editors (yaml-language-server)
// and CI validators. It refuses what the loader refuses for its shape: unknown
// keys, and values of the wrong type (a map for a boolean, a word for a size, a
// value outside a choice). Checks that need more than a type (a rule set that
// exists, a timeout's range, a command's entries) stay with the loader.
#pragma once

#include <string>

namespace preflight::config {

// The schema as indented JSON text, ending in a newline.
std::string json_schema();

} // namespace preflight::config
