// Fuzz target for the reference-transaction stdin parser and filter: any bytes
// must parse without crashing, and every update kept must be well formed.
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
  for (bool symbolic : {true, false})
    for (const RefUpdate& update : candidates(updates, {symbolic}))
      if (update.ref != "HEAD" && !update.ref.starts_with("refs/heads/"))
        std::abort();
  (void)parse_state(text.substr(0, 16));
  return 0;
}
