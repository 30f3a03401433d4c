// Helpers for checks that read text files line by line.
#pragma once

#include "checks/content.hpp"
#include "util/strings.hpp"

#include <functional>
#include <string_view>

namespace preflight::checks {

// Text files larger than this are scanned only this far.
inline constexpr std::size_t k_text_limit = 8 << 20;

// The text of a file for scanning (up to limit bytes of it), or "" for binary
// files, symbolic links and submodules. A file that starts with a UTF-16 byte
// order mark is text, returned as UTF-8.
std::string text_of(const FileData& data, const BlobReader& blobs,
                    std::size_t limit = k_text_limit);

// for_each_line and lines_of are in util/strings.hpp.
using preflight::for_each_line;

} // namespace preflight::checks
