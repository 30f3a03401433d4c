// preflight: the command people type (src/cli/app.cpp).
//
// git also starts it under two more names, links to this binary in
// libexec/preflight/ that `preflight install` writes into the notebook filter
// settings (install/notebook_filter.hpp): one word each, so that git runs them
// without a shell.
//   notebook-filter ARGS    is  preflight filter-process ARGS
//   notebook-textconv FILE  is  preflight nbstrip --textconv --rules FILE
#include "cli/command.hpp"
#include "util/quick_exit.hpp"

#include <string_view>
#include <vector>

int main(int argc, char** argv) {
  std::string_view name = argc > 0 ? argv[0] : "";
  if (std::size_t slash = name.rfind('/'); slash != std::string_view::npos)
    name.remove_prefix(slash + 1);
  std::vector<const char*> words;
  if (name == "notebook-filter")
    words = {"preflight", "filter-process"};
  else if (name == "notebook-textconv")
    words = {"preflight", "nbstrip", "--textconv", "--rules"};
  if (words.empty())
    return preflight::exit_now(preflight::cli::main(argc, argv));
  words.insert(words.end(), argv + 1, argv + argc);
  words.push_back(nullptr);
  return preflight::exit_now(
      preflight::cli::main(static_cast<int>(words.size() - 1), const_cast<char**>(words.data())));
}
