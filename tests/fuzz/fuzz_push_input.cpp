// Fuzz target: git's pre-push standard input. Malformed input must give a clear
// error, never a crash.
#include "checks/push_input.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    auto updates = preflight::checks::parse_push_input(
        std::string_view(reinterpret_cast<const char*>(data), size));
    for (const auto& u : updates)
      (void)(u.deletes() || u.creates());
  } catch (const preflight::Error&) {
  }
  return 0;
}
