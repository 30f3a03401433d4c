// Runs the content checks: every per-file check over every changed file, the
// files spread over the machine's cores, then the whole-tree checks.
#include "checks/content.hpp"
#include "checks/glob.hpp"
#include "checks/sniff.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_set>

namespace preflight::checks {

namespace {

constexpr FileCheckDef k_file_checks[] = {
    {"checkpoint", "checkpoints", make_checkpoint_check},
    {"large-file", "large_files", make_large_file_check},
    {"conflict-marker", "conflict_markers", make_conflict_marker_check},
    {"private-key", "private_keys", make_private_key_check},
    {"lfs-pointer", "lfs", make_lfs_pointer_check},
};

struct Active {
  std::string_view id;
  std::unique_ptr<FileCheck> check;
};

void check_one(const FileChange& change, const std::vector<Active>& active, const BlobReader& blobs,
               report::Report& out) {
  if (change.mode == k_mode_gitlink)
    return; // a submodule: its commit is not our content
  FileChange file = change;
  BlobReader::Head blob = blobs.read_head(file, k_sniff_size);
  file.size = blob.size;
  std::string head = file.mode == k_mode_symlink ? std::string() : std::move(blob.bytes);
  FileData data{file, head, is_lfs_pointer(head, file.size), blobs};
  for (const Active& a : active)
    a.check->check(data, blobs, out);
}

} // namespace

bool allowed(const config::Config& rules, std::string_view key, std::string_view path) {
  std::string allow_key = "checks." + std::string(key) + ".allow";
  if (!rules.find(allow_key))
    return false;
  auto patterns = rules.get_strings(allow_key);
  return first_match(patterns, path) != nullptr;
}

std::string where(const FileChange& file) {
  return file.origin.empty() ? file.path : file.path + " (in " + file.origin + ")";
}

void run_content_checks(const config::Config& rules, const ContentInput& input,
                        const std::set<std::string, std::less<>>& skipped, report::Report& report) {
  std::vector<Active> active;
  for (const FileCheckDef& def : k_file_checks) {
    std::string enabled = "checks." + std::string(def.key) + ".enabled";
    if (!skipped.count(def.id) && rules.find(enabled) && rules.get_bool(enabled))
      active.push_back({def.id, def.make(rules)});
  }
  const auto& files = input.changes;
  std::vector<report::Report> per_file(files.size());
  if (!active.empty() && !files.empty()) {
    // Small commits stay on this thread: starting threads costs more than it saves.
    unsigned workers = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()),
                                          static_cast<unsigned>(files.size() / 32 + 1));
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i; (i = next.fetch_add(1)) < files.size();) {
        try {
          check_one(files[i], active, *input.blobs, per_file[i]);
        } catch (const std::exception& e) {
          report::Finding finding;
          finding.check = "unreadable";
          finding.path = files[i].path;
          finding.message = "cannot read " + where(files[i]) + ": " + e.what();
          finding.hint = "check the repository with git fsck";
          per_file[i].add(std::move(finding));
        }
      }
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w)
      threads.emplace_back(work);
    work();
    for (auto& t : threads)
      t.join();
  }
  for (std::size_t i = 0; i < per_file.size(); ++i)
    for (report::Finding finding : per_file[i].findings()) {
      if (finding.commit.empty())
        finding.commit = files[i].commit;
      report.add(std::move(finding));
    }
  if (!skipped.count("case-conflict") && rules.find("checks.case_conflicts.enabled") &&
      rules.get_bool("checks.case_conflicts.enabled"))
    check_case_conflicts(rules, input, report);
  if (!skipped.count("broken-symlink") && rules.find("checks.symlinks.enabled") &&
      rules.get_bool("checks.symlinks.enabled"))
    check_symlinks(rules, input, report);
}

void run_content_checks_by_scope(const config::Config& rules,
                                 const std::vector<config::Scope>& scopes,
                                 const ContentInput& input,
                                 const std::set<std::string, std::less<>>& skipped,
                                 report::Report& report) {
  if (scopes.empty()) {
    run_content_checks(rules, input, skipped, report);
    return;
  }
  std::map<const config::Scope*, ContentInput> parts;
  for (const FileChange& change : input.changes)
    parts[config::scope_of(scopes, change.path)].changes.push_back(change);
  for (auto& [scope, part] : parts) {
    part.tree_paths = input.tree_paths;
    part.tree = input.tree;
    part.blobs = input.blobs;
    run_content_checks(scope ? scope->rules : rules, part, skipped, report);
  }
}

std::vector<std::string>
nested_rules_folders(const ContentInput& input,
                     const std::function<bool(const std::string& file)>& has_rules_file) {
  std::set<std::string> folders;
  std::unordered_set<std::string_view> looked_at; // views into input: each folder asked once
  for (const FileChange& change : input.changes) {
    std::string_view path = change.path;
    for (auto slash = path.find('/'); slash != std::string_view::npos;
         slash = path.find('/', slash + 1)) {
      std::string_view folder = path.substr(0, slash);
      if (looked_at.insert(folder).second &&
          has_rules_file(std::string(folder) + "/" + std::string(config::k_rules_file)))
        folders.emplace(folder);
    }
  }
  return {folders.begin(), folders.end()};
}

} // namespace preflight::checks
