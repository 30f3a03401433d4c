// Fuzz target: path patterns come from committed rules (checks.*.allow, commands'
// glob and exclude, post-checkout actions) and paths from commits: both are
// untrusted. Input: patterns, one per line, then a NUL, then paths, one per line.
// Matching must end quickly (libFuzzer's -timeout catches backtracking) and
// agree between a compiled GlobList and one-off matching, down to which pattern
// matches first.
#include "checks/glob.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::vector<std::string> lines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && out.size() < 64) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight::checks;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::size_t nul = input.find('\0');
  std::vector<std::string> patterns = lines(input.substr(0, nul));
  std::vector<std::string> paths = nul == std::string_view::npos
                                       ? std::vector<std::string>{"a/b/c.pt"}
                                       : lines(input.substr(nul + 1));
  GlobList list(patterns);
  for (const std::string& path : paths) {
    const std::string* first = list.first_match(path);
    bool any = false;
    for (const std::string& pattern : patterns)
      if (glob_match(pattern, path)) {
        any = true;
        break;
      }
    if ((first != nullptr) != any)
      std::abort(); // the compiled list and one-off matching disagree
    // The list's tables of one-segment patterns give the same first pattern as
    // matching the patterns one at a time.
    const std::string* one_by_one = first_match(patterns, path);
    if ((first == nullptr) != (one_by_one == nullptr) || (first && *first != *one_by_one))
      std::abort();
  }
  return 0;
}
