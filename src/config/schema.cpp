#include "config/schema.hpp"

#include <vector>

namespace preflight::config {

std::span<const KeyDef> key_table() {
  static const std::vector<KeyDef> table = [] {
    std::vector<KeyDef> all;
    for (auto part : {core_keys(), commit_msg_keys(), notebook_keys(), content_keys(),
                      backup_keys(), command_keys(), ml_keys()})
      all.insert(all.end(), part.begin(), part.end());
    return all;
  }();
  return table;
}

const KeyDef* find_key(std::string_view path) {
  // Straight from the per-feature tables: a hook looks up a few keys and need
  // not copy every row into key_table() first.
  for (auto part : {core_keys(), commit_msg_keys(), notebook_keys(), content_keys(), backup_keys(),
                    command_keys(), ml_keys()})
    for (const KeyDef& key : part)
      if (key.path == path)
        return &key;
  return nullptr;
}

} // namespace preflight::config
