// Rules-file keys of notebook stripping.
#include "config/schema.hpp"

namespace preflight::config {

std::span<const KeyDef> notebook_keys() { return {}; }

} // namespace preflight::config
