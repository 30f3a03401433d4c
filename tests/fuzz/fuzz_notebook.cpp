// libFuzzer target for the notebook reader, stripper and writer: any input
// must give either a failure or output that reads back without a failure.
// (Output is not always a fixed point: nbformat 2 and 3 rejoin lines
// differently from how they split them, and we copy that.)
#include "notebook/strip.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight::notebook;
  std::string input(reinterpret_cast<const char*>(data), size); // NUL-terminated copy
  StripOptions options;
  options.keep_output = size % 2 == 0; // exercise both paths deterministically
  StripResult first = strip_notebook(input, options);
  if (first.failure)
    return 0;
  StripResult second = strip_notebook(first.output, options);
  if (second.failure)
    std::abort();
  StripOptions zeppelin;
  zeppelin.mode = Mode::zeppelin;
  strip_notebook(input, zeppelin);
  return 0;
}
