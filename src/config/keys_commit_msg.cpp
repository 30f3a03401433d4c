// Rules-file keys of the commit-msg hook.
#include "config/schema.hpp"

namespace preflight::config {

std::span<const KeyDef> commit_msg_keys() { return {}; }

} // namespace preflight::config
