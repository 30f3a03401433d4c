// Fuzz target: jupytext config files, formats strings and text notebooks come
// from the repository (untrusted). The first byte picks the parser; the rest is
// its input. Reading must never crash or hang.
#include "jupytext/cells.hpp"
#include "jupytext/config_file.hpp"
#include "jupytext/formats.hpp"

#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string error;
  switch (data[0] % 5) {
  case 0:
    (void)preflight::jupytext::read_config_formats("pyproject.toml", text, error);
    (void)preflight::jupytext::read_config_formats("jupytext.toml", text, error);
    break;
  case 1: (void)preflight::jupytext::read_config_formats("jupytext.yml", text, error); break;
  case 2: {
    auto formats = preflight::jupytext::parse_formats(text, error);
    if (formats)
      for (const auto& format : *formats)
        (void)preflight::jupytext::paired_paths("notebooks/sub/a.ipynb", format, *formats, "");
    break;
  }
  case 3:
    (void)preflight::jupytext::read_script_cells(text, "#", "");
    (void)preflight::jupytext::read_script_cells(text, "//", "light");
    break;
  default: (void)preflight::jupytext::read_markdown_code(text, "python");
  }
  return 0;
}
