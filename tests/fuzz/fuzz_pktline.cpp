// libFuzzer target for git's long-running filter protocol as `preflight
// filter-process` serves it: the pkt-line reader, the protocol server and the
// real notebook filter behind it (clean strips, smudge restores from an output
// cache in a scratch folder). The first byte chooses the read size and the
// filter's set-up (rules that did not load, check-only mode, cache on or off),
// the second the strip options' flags. Any input must end in a clean return or
// preflight::Error, never a crash.
#include "git/filter_protocol.hpp"
#include "notebook/filter.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

namespace {

const std::filesystem::path& cache_folder() {
  static const std::filesystem::path dir = [] {
    char pattern[] = "/tmp/preflight-fuzz-pktline-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    if (!made)
      std::abort();
    return std::filesystem::path(made) / "outputs";
  }();
  return dir;
}

std::optional<preflight::notebook::FilterSetup> setup_from(std::uint8_t a, std::uint8_t b) {
  using namespace preflight::notebook;
  if ((a & 0xc0) == 0xc0)
    return std::nullopt; // the rules did not load
  Settings settings;
  settings.check_only = (a & 0xc0) == 0x80;
  settings.output_cache_max_size = (a & 0x40) ? 0 : 4096;
  settings.strip.keep_count = b & 1;
  settings.strip.keep_id = b & 2;
  settings.strip.drop_empty_cells = b & 4;
  settings.strip.strip_init_cells = b & 8;
  if (b & 16)
    settings.strip.keep_output = true;
  if (b & 32)
    settings.strip.extra_keys = {"metadata.kernelspec", "cell.metadata.tags"};
  if (b & 64)
    settings.strip.drop_tagged_cells = {"remove"};
  if (b & 128)
    settings.strip.max_size = 64;
  OutputCache cache(cache_folder(), settings.output_cache_max_size);
  return FilterSetup{std::move(settings), std::move(cache)};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight::git;
  if (size < 2)
    return 0;
  std::size_t at = 2;
  // Short reads of varying length, chosen by the input itself.
  std::size_t chunk = data[0] % 64 + 1;
  pkt::Reader reader([&](char* buffer, std::size_t wanted) -> long {
    std::size_t n = std::min({wanted, chunk, size - at});
    if (n > 0)
      std::memcpy(buffer, data + at, n);
    at += n;
    return static_cast<long>(n);
  });
  pkt::Writer writer([](std::string_view) { return true; });
  constexpr std::string_view caps[] = {"clean", "smudge"};
  preflight::notebook::NotebookFilter filter(setup_from(data[0], data[1]), false);
  try {
    serve_filter(reader, writer, caps, [&](const FilterRequest& request, std::string& content) {
      return filter(request, content);
    });
    filter.finish();
  } catch (const preflight::Error&) {
  }
  return 0;
}
