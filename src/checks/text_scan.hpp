// Helpers for checks that read text files line by line.
#pragma once

#include "checks/content.hpp"

#include <functional>
#include <string_view>

namespace preflight::checks {

// Text files larger than this are scanned only this far.
inline constexpr std::size_t k_text_limit = 8 << 20;

// The text of a file for scanning (up to k_text_limit), or "" for binary files,
// symbolic links and submodules.
std::string text_of(const FileData& data, const BlobReader& blobs);

// Calls visit(line, number) for every line (1-based, without the newline);
// stops when visit returns false.
void for_each_line(std::string_view text, const std::function<bool(std::string_view, int)>& visit);

} // namespace preflight::checks
