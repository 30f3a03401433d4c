// Fuzz target: the backup decisions that read text git and the repository
// supply (reflog subjects, GIT_REFLOG_ACTION, SKIP, backup branch names) and
// prune plans built from them. Input: lines; the first byte of each line after
// the second holds flags. Nothing may crash, names must round-trip, and a plan
// may only name backups it was given.
#include "backup/naming.hpp"
#include "backup/policy.hpp"

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < text.size() && out.size() < 200) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight::backup;
  std::vector<std::string_view> input =
      lines(std::string_view(reinterpret_cast<const char*>(data), size));
  if (input.size() < 2)
    return 0;
  std::string_view subject = input[0], action = input[1];
  Settings settings;
  for (int bits = 0; bits < 16; ++bits) {
    bool a = bits & 1, b = bits & 2, c = bits & 4, d = bits & 8;
    Operation after = classify(subject, action, a, b);
    Operation before = classify_before(action, a, c, d);
    settings.on_amend = c;
    settings.on_rebase = d;
    if (operation_name(after).empty() || operation_name(before).empty())
      std::abort();
    (void)decided_by_patch(after, settings);
    (void)decided_by_patch(before, settings);
  }
  std::string skip(action);
  (void)skipped(skip.c_str(), k_published_check);
  (void)skipped(skip.c_str(), k_backup_check);

  // The other lines as backup branch names.
  std::vector<BackupEntry> entries;
  std::set<std::string> names;
  for (std::size_t i = 2; i < input.size(); ++i) {
    std::string name(input[i]);
    auto parsed = parse_backup_branch(name);
    if (!parsed)
      continue;
    // A parsed name is one backup_branch made, perhaps with a "-N" suffix.
    std::string made = backup_branch(parsed->space, parsed->branch, parsed->time, parsed->short_id);
    if (name != made && !(name.starts_with(made + "-")))
      std::abort();
    entries.push_back({name, parsed->branch, parsed->time});
    names.insert(name);
    (void)age_text(parsed->time, parsed->time + static_cast<std::time_t>(i * 3600));
  }
  for (std::int64_t keep : {0, 1, 3})
    for (std::int64_t days : {0, 1, 30})
      for (const std::string& doomed : prune_plan(entries, 1800000000, keep, days))
        if (!names.count(doomed))
          std::abort();
  if (!prune_plan(entries, 1800000000, 0, 0).empty())
    std::abort(); // no limit at all deletes nothing
  return 0;
}
