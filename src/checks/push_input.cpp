#include "checks/push_input.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace preflight::checks {

namespace {

bool is_id(std::string_view text) {
  return (text.size() == 40 || text.size() == 64) &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
         });
}

} // namespace

bool is_zero_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return c == '0'; });
}

bool RefUpdate::deletes() const {
  return is_zero_id(local_id);
}
bool RefUpdate::creates() const {
  return is_zero_id(remote_id);
}

std::vector<RefUpdate> parse_push_input(std::string_view text) {
  std::vector<RefUpdate> updates;
  int number = 0;
  for (const std::string& raw : split(text, '\n')) {
    ++number;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.empty())
      continue;
    auto fields = split(line, ' ');
    if (fields.size() != 4 || fields[0].empty() || fields[2].empty() || !is_id(fields[1]) ||
        !is_id(fields[3]))
      throw Error("pre-push: line " + std::to_string(number) +
                      " of standard input is not \"<local ref> <local id> <remote ref> "
                      "<remote id>\": " +
                      quoted(line.substr(0, 200)),
                  Exit::internal);
    updates.push_back({fields[0], fields[1], fields[2], fields[3]});
  }
  return updates;
}

} // namespace preflight::checks
