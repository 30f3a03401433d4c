// libFuzzer target for the notebook reader, stripper and writer: any input
// must give either a failure or output that reads back without a failure.
// (Output is not always a fixed point: nbformat 2 and 3 rejoin lines
// differently from how they split them, and we copy that.) The first two bytes
// choose the options (every flag of nbstripout's command line, and lists of
// keys, tags and output types), so that every path of the stripper is reached.
#include "notebook/strip.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

preflight::notebook::StripOptions options_from(std::uint8_t a, std::uint8_t b) {
  using namespace preflight::notebook;
  StripOptions options;
  if (a & 1)
    options.keep_output = (a & 2) != 0;
  options.keep_count = a & 4;
  options.keep_id = a & 8;
  options.drop_empty_cells = a & 16;
  options.strip_init_cells = a & 32;
  if (a & 64)
    options.extra_keys = {"metadata.kernelspec", "cell.metadata.tags", "cell.metadata.collapsed",
                          "metadata.", "bogus"};
  if (a & 128)
    options.keep_metadata_keys = {"cell.metadata.scrolled", "metadata.language_info"};
  if (b & 1)
    options.drop_tagged_cells = {"remove", "hide"};
  if (b & 2)
    options.drop_output_types = {"error", "stream:stderr"};
  if (b & 4)
    options.keep_output_types = {"display_data", "stream:stdout"};
  if (b & 8)
    options.max_size = (b >> 4) * 16u;
  return options;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight::notebook;
  if (size < 2)
    return 0;
  std::string input(reinterpret_cast<const char*>(data) + 2, size - 2); // NUL-terminated copy
  StripOptions options = options_from(data[0], data[1]);
  StripResult first = strip_notebook(input, options);
  if (first.failure)
    return 0;
  StripResult second = strip_notebook(first.output, options);
  if (second.failure)
    std::abort();
  StripOptions zeppelin = options;
  zeppelin.mode = Mode::zeppelin;
  strip_notebook(input, zeppelin);
  return 0;
}
