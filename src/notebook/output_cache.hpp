// The notebook output cache: for each stripped notebook that git stored, the
// last notebook with outputs that stripped to it, so that git's smudge step can
// give the outputs back when it writes that blob into the working tree again
// (`git stash pop`, `checkout` away and back, `reset --hard`, autostash). The
// same stripped content means the same cells, so the outputs belong to them.
//
// One file per entry, <common git dir>/preflight/outputs/<blob id>: local to
// the clone, shared by its worktrees, never in any object git stores or pushes.
// Entries are replaced atomically but not synced (a crash may leave one empty);
// restore() never trusts an entry: it strips it again and compares.
#pragma once

#include "notebook/strip.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace preflight::notebook {

struct CacheUsage {
  std::uint64_t entries = 0;
  std::uint64_t bytes = 0;
};

class OutputCache {
public:
  // folder: where the entries live (created on the first write); max_size: the
  // bound in bytes on all entries together, 0 turns the cache off.
  OutputCache(std::filesystem::path folder, std::uint64_t max_size)
      : m_folder(std::move(folder)), m_max_size(max_size) {}

  // <common_dir>/preflight/outputs
  static std::filesystem::path folder_in(const std::filesystem::path& common_dir);

  bool enabled() const { return m_max_size > 0; }
  std::uint64_t max_size() const { return m_max_size; }

  // Keeps full as the notebook whose stripped form is the blob stripped_id (hex).
  // An identical entry is only marked as used; a notebook larger than max_size
  // is not kept. Returns why the entry could not be written, or nullopt.
  std::optional<std::string> remember(std::string_view stripped_id, std::string_view full) const;

  // Drops the entry of stripped_id: the last notebook that stripped to it had
  // no outputs (stripped on purpose), so none may come back.
  void forget(std::string_view stripped_id) const;

  // What to write instead of blob (whose id is stripped_id): the cached notebook
  // when stripping it with options gives exactly blob's bytes, else nullopt
  // (write blob as it is). A hit marks the entry as used.
  std::optional<std::string> restore(std::string_view stripped_id, std::string_view blob,
                                     const StripOptions& options) const;

  // Deletes the least recently used entries until all of them together fit in
  // max_size. Failures are ignored (another process may be pruning too).
  void prune() const;

  CacheUsage usage() const;

private:
  std::optional<std::filesystem::path> entry(std::string_view stripped_id) const;

  std::filesystem::path m_folder;
  std::uint64_t m_max_size;
  mutable bool m_folder_ready = false; // created (or found) by this object
};

// "1.5 MB" style size for messages (powers of 1024, as the rules file's sizes).
std::string human_size(std::uint64_t bytes);

} // namespace preflight::notebook
