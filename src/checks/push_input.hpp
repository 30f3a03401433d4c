// git's pre-push standard input: one line per ref to update,
//   <local ref> SP <local oid> SP <remote ref> SP <remote oid> LF
// with all-zero ids for a ref that does not exist on that side (a deletion has a
// zero local oid, a new branch a zero remote oid).
#pragma once

#include "util/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace preflight::checks {

struct RefUpdate {
  std::string local_ref;
  std::string local_id;
  std::string remote_ref;
  std::string remote_id;
  bool deletes() const; // the remote ref is to be deleted
  bool creates() const; // the remote ref is new
};

// Parses git's lines; throws Error(Exit::internal) naming the line when one is
// malformed (git never writes such a line; something else is feeding us).
std::vector<RefUpdate> parse_push_input(std::string_view text);

// True for an object id of zeros (40 or 64 hex digits).
bool is_zero_id(std::string_view id);

} // namespace preflight::checks
