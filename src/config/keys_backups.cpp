// Rules-file keys of backups (reference-transaction, post-checkout, safe-reset).
#include "config/schema.hpp"

namespace preflight::config {

std::span<const KeyDef> backup_keys() { return {}; }

} // namespace preflight::config
