// Fuzz target for the reference-transaction stdin parser and filter: any bytes
// must parse without crashing, every update kept must be well formed, and the
// filter keeps only what transaction.hpp says it keeps.
#include "backup/transaction.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight::backup;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto updates = parse_updates(text);
  for (const RefUpdate& update : updates)
    if (update.ref.empty() || update.ref.find(' ') != std::string::npos ||
        update.ref.find('\n') != std::string::npos ||
        (!update.old_id.empty() && update.old_id.size() != 40 && update.old_id.size() != 64))
      std::abort();
  // Candidates: HEAD only while detached, never an ignored ref (pseudo-refs,
  // backups, git's and preflight's own), remote-tracking refs and the stash only
  // when deleted, never a symref write or a no-op.
  for (bool symbolic : {true, false})
    for (const RefUpdate& update : candidates(updates, {symbolic})) {
      RefKind kind = ref_kind(update.ref);
      if (kind == RefKind::ignored || (kind == RefKind::head && symbolic) || update.symbolic ||
          ((kind == RefKind::remote || kind == RefKind::stash) && !update.new_id.empty()) ||
          (!update.old_id.empty() && update.old_id == update.new_id) ||
          (kind != RefKind::head && !update.ref.starts_with("refs/")))
        std::abort();
    }
  (void)parse_state(text.substr(0, 16));
  return 0;
}
