// Fuzz target: the checkpoint sniffers read the first bytes of every staged and
// pushed blob (untrusted). Any bytes, with any total size, must give an answer
// quickly: no crash, no loop (a length near 2^64 once made one).
#include "checks/sniff.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight::checks;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view head = bytes.substr(0, k_sniff_size);
  // The blob's total size: its own, or (from the last 8 bytes) any size at all,
  // so that the size checks see huge and inconsistent values too.
  std::uint64_t totals[2] = {size, 0};
  if (size >= 8)
    std::memcpy(&totals[1], data + size - 8, 8);
  for (std::uint64_t total : totals) {
    (void)sniff_model_format(head, total);
    (void)is_lfs_pointer(head, total);
  }
  (void)looks_binary(head);
  return 0;
}
