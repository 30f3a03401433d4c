// Helpers for checks that read text files line by line.
#pragma once

#include "checks/content.hpp"
#include "util/strings.hpp"

#include <functional>
#include <string_view>

namespace preflight::checks {

// Text files larger than this are scanned only this far.
inline constexpr std::size_t k_text_limit = 8 << 20;

// The text of a file for scanning (up to k_text_limit), or "" for binary files,
// symbolic links and submodules.
std::string text_of(const FileData& data, const BlobReader& blobs);

// for_each_line and lines_of are in util/strings.hpp.
using preflight::for_each_line;

} // namespace preflight::checks
