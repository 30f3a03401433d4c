// Fuzz target: rules files are untrusted input (they are committed by anyone
// with push access). Parsing and validating must never crash or hang.
#include "config/config.hpp"
#include "config/diagnostics.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  preflight::config::Diagnostics diags;
  preflight::config::validate_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                   ".preflight.yaml", diags);
  (void)diags.str();
  return 0;
}
