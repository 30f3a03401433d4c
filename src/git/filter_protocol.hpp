// The server side of git's long-running filter protocol, version 2
// (gitattributes(5), "Long Running Filter Process"): git starts the command in
// filter.<driver>.process once, shakes hands, then sends every file that needs
// the filter through it, one request after another, until it closes the pipe.
// No libgit2: this is pkt-line over two byte streams.
#pragma once

#include "git/pktline.hpp"

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace preflight::git {

struct FilterRequest {
  std::string command;                                    // "clean" or "smudge"
  std::string pathname;                                   // relative to the top of the working tree
  std::vector<std::pair<std::string, std::string>> extra; // ref=, treeish=, blob=, ...
};

enum class FilterStatus {
  success, // content replaced by the handler's output
  error,   // this file failed: git keeps it as is (unless the filter is required)
  abort,   // the filter gives up: git stops sending it files
};

// Filters content in place (or leaves it) and says how it went. Must not throw
// for a bad file: return error instead.
using FilterFn = std::function<FilterStatus(const FilterRequest& request, std::string& content)>;

// Serves git on reader and writer until git closes the input. capabilities:
// the commands the handler supports ("clean", "smudge"); only those that git
// also offers are announced. Throws preflight::Error on a broken protocol
// (wrong handshake, malformed packets, a write failure).
void serve_filter(pkt::Reader& reader, pkt::Writer& writer,
                  std::span<const std::string_view> capabilities, const FilterFn& handler);

} // namespace preflight::git
