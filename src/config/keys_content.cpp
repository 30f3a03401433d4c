// Rules-file keys of the content checks (checkpoints, large files, ...).
#include "config/schema.hpp"

namespace preflight::config {

std::span<const KeyDef> content_keys() { return {}; }

} // namespace preflight::config
