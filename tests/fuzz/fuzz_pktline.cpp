// libFuzzer target for the pkt-line reader and the filter protocol server:
// any input must end in a clean return or preflight::Error, never a crash, and
// every request the server accepts must round-trip through the handler.
#include "git/filter_protocol.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight::git;
  std::size_t at = 0;
  // Short reads of varying length, chosen by the input itself.
  std::size_t chunk = size > 0 ? data[0] % 64 + 1 : 1;
  pkt::Reader reader([&](char* buffer, std::size_t wanted) -> long {
    std::size_t n = std::min({wanted, chunk, size - at});
    if (n > 0)
      std::memcpy(buffer, data + at, n);
    at += n;
    return static_cast<long>(n);
  });
  pkt::Writer writer([](std::string_view) { return true; });
  constexpr std::string_view caps[] = {"clean", "smudge"};
  try {
    serve_filter(reader, writer, caps, [](const FilterRequest& request, std::string& content) {
      if (request.pathname.size() % 3 == 0)
        return FilterStatus::error;
      content += request.command;
      return FilterStatus::success;
    });
  } catch (const preflight::Error&) {
  }
  return 0;
}
