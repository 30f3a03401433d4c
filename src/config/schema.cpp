#include "config/schema.hpp"

#include <vector>

namespace preflight::config {

std::span<const KeyDef> key_table() {
  static const std::vector<KeyDef> table = [] {
    std::vector<KeyDef> all;
    for (const KeyPart& part : key_parts()) {
      const auto rows = part.keys();
      all.insert(all.end(), rows.begin(), rows.end());
    }
    return all;
  }();
  return table;
}

std::span<const KeyPart> key_parts() {
  // commit_msg_keys() builds its rows at run time (the rule names come from the
  // rule table): a lookup of another key must not pay for that.
  static constexpr KeyPart parts[] = {
      {"", core_keys},     {"commit_msg.", commit_msg_keys},
      {"", notebook_keys}, {"", content_keys},
      {"", backup_keys},   {"", command_keys},
      {"", ml_keys},
  };
  return parts;
}

const KeyDef* find_key(std::string_view path) {
  // Straight from the per-feature tables: a hook looks up a few keys and need
  // not copy every row into key_table() first.
  for (const KeyPart& part : key_parts()) {
    if (!path.starts_with(part.prefix))
      continue;
    for (const KeyDef& key : part.keys())
      if (key.path == path)
        return &key;
  }
  return nullptr;
}

} // namespace preflight::config
