#include "backup/transaction.hpp"

#include "backup/naming.hpp"

namespace preflight::backup {

State parse_state(std::string_view arg) {
  if (arg == "prepared")
    return State::prepared;
  if (arg == "committed")
    return State::committed;
  if (arg == "aborted")
    return State::aborted;
  if (arg == "preparing")
    return State::preparing;
  return State::unknown;
}

bool is_zero_id(std::string_view id) {
  if (id.empty())
    return false;
  for (char c : id)
    if (c != '0')
      return false;
  return true;
}

namespace {

bool is_hex_id(std::string_view id) {
  if (id.size() != 40 && id.size() != 64)
    return false;
  for (char c : id)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  return true;
}

// One value field: a hex id, or "ref:<target>" (git >= 2.46). False when neither.
bool read_value(std::string_view field, std::string& id, bool& symbolic) {
  if (field.starts_with("ref:")) {
    symbolic = true;
    id.clear();
    return field.size() > 4;
  }
  if (!is_hex_id(field))
    return false;
  id = is_zero_id(field) ? std::string() : std::string(field);
  return true;
}

} // namespace

std::vector<RefUpdate> parse_updates(std::string_view text) {
  std::vector<RefUpdate> updates;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    // Exactly three fields separated by single spaces; ref names cannot hold spaces.
    std::size_t first = line.find(' ');
    if (first == std::string_view::npos)
      continue;
    std::size_t second = line.find(' ', first + 1);
    if (second == std::string_view::npos)
      continue;
    std::string_view ref = line.substr(second + 1);
    if (ref.empty() || ref.find(' ') != std::string_view::npos ||
        ref.find('\0') != std::string_view::npos)
      continue;
    RefUpdate update;
    if (!read_value(line.substr(0, first), update.old_id, update.symbolic) ||
        !read_value(line.substr(first + 1, second - first - 1), update.new_id, update.symbolic))
      continue;
    update.ref = std::string(ref);
    updates.push_back(std::move(update));
  }
  return updates;
}

bool is_backup_ref(std::string_view ref) {
  if (!ref.starts_with("refs/heads/"))
    return false;
  ref.remove_prefix(11);
  for (std::string_view space : {k_namespace, k_fallback_namespace})
    if (ref.size() > space.size() && ref.starts_with(space) && ref[space.size()] == '/')
      return true;
  return false;
}

bool mentions_head(const std::vector<RefUpdate>& updates) {
  for (const RefUpdate& update : updates)
    if (update.ref == "HEAD")
      return true;
  return false;
}

RefKind ref_kind(std::string_view ref) {
  if (ref == "HEAD")
    return RefKind::head;
  if (ref.starts_with("refs/heads/"))
    return ref.size() > 11 && !is_backup_ref(ref) ? RefKind::branch : RefKind::ignored;
  if (ref.starts_with("refs/remotes/"))
    return RefKind::remote;
  if (ref == "refs/stash")
    return RefKind::stash;
  for (std::string_view internal : {"refs/bisect/", "refs/worktree/", "refs/rewritten/",
                                    "refs/prefetch/", "refs/original/", "refs/preflight"})
    if (ref.starts_with(internal))
      return RefKind::ignored;
  return ref.starts_with("refs/") && ref.size() > 5 ? RefKind::other : RefKind::ignored;
}

std::vector<RefUpdate> candidates(const std::vector<RefUpdate>& updates, const HeadFacts& head) {
  std::vector<RefUpdate> out;
  for (const RefUpdate& update : updates) {
    if (update.symbolic)
      continue;
    if (!update.old_id.empty() && update.old_id == update.new_id)
      continue; // stash's internal reset, worktree add: nothing moves
    bool wanted = false;
    switch (ref_kind(update.ref)) {
    case RefKind::branch:
    case RefKind::other: wanted = true; break;
    case RefKind::head: wanted = !head.head_symbolic; break;
    case RefKind::remote:
    case RefKind::stash: wanted = update.new_id.empty(); break;
    case RefKind::ignored: break;
    }
    if (wanted)
      out.push_back(update);
  }
  return out;
}

} // namespace preflight::backup
