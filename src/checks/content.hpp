// Content checks: what pre-commit looks at in the staged files, and pre-push in
// every file a pushed commit adds or changes. The checks see plain data (paths,
// modes, sizes, byte prefixes) through FileChange and BlobReader, so unit tests
// feed them in-memory files and git/ supplies the real ones.
#pragma once

#include "checks/tree_lookup.hpp"
#include "config/config.hpp"
#include "report/finding.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::checks {

inline constexpr std::uint32_t k_mode_symlink = 0120000;
inline constexpr std::uint32_t k_mode_gitlink = 0160000;

// One file added or changed by the commit being made (or pushed).
struct FileChange {
  std::string path;
  std::uint32_t mode = 0100644;
  std::string id;         // object id, hex
  std::uint64_t size = 0; // blob size (filled from the object header when read)
  bool added = true;      // a new path, not a modification
  // pre-push: where it comes from, "commit <short id> (<subject>)" that
  // introduced it, or the ref of a pushed tree
  std::string origin;
  std::string commit; // pre-push: that commit's full id (findings carry it)
};

// Reads blobs. Implementations must be safe to call from several threads.
class BlobReader {
public:
  virtual ~BlobReader() = default;
  struct Head {
    std::uint64_t size = 0; // the whole blob's size
    std::string bytes;      // up to max bytes from its start
  };
  // Opens the blob once: its size and its first max bytes. Throws Error when the
  // object cannot be read.
  virtual Head read_head(const FileChange& file, std::size_t max) const = 0;
  // Whether .gitattributes gives path filter=lfs.
  virtual bool lfs_tracked(std::string_view path) const = 0;
};

struct ContentInput {
  std::vector<FileChange> changes;
  // The resulting tree: looked up through tree when set (a commit; see
  // tree_lookup.hpp), else listed in tree_paths (every path, sorted).
  std::vector<std::string> tree_paths;
  std::shared_ptr<const TreeLookup> tree;
  const BlobReader* blobs = nullptr;
};

// Runs every enabled content check, files in parallel; findings come out in
// path order. skipped: check ids from SKIP.
void run_content_checks(const config::Config& rules, const ContentInput& input,
                        const std::set<std::string, std::less<>>& skipped, report::Report& report);

// The same with each file's own rules, as pre-commit and pre-push apply nested
// rules files: the files under a scope's folder with its rules, the others
// with rules. The tree and blobs stay the whole input's (case clashes and
// links cross folders).
void run_content_checks_by_scope(const config::Config& rules,
                                 const std::vector<config::Scope>& scopes,
                                 const ContentInput& input,
                                 const std::set<std::string, std::less<>>& skipped,
                                 report::Report& report);

// The folders on the changed paths that hold a nested rules file, each asked
// once (has_rules_file gets "<folder>/.preflight.yaml"), sorted.
std::vector<std::string>
nested_rules_folders(const ContentInput& input,
                     const std::function<bool(const std::string& file)>& has_rules_file);

// ---- The checks, one file each. Data every per-file check gets: ----
struct FileData {
  const FileChange& file;
  std::string_view head;    // the first k_sniff_size bytes (all of a small blob)
  bool lfs_pointer = false; // the blob is a Git LFS pointer (a path that
                            // .gitattributes gives to LFS is not enough: see
                            // lfs_pointer.cpp)
  const BlobReader& blobs;
};

// Reads the settings of the check from rules once; then check() runs per file.
class FileCheck {
public:
  virtual ~FileCheck() = default;
  virtual void check(const FileData& data, const BlobReader& blobs, report::Report& out) const = 0;
};

struct FileCheckDef {
  std::string_view id;
  std::string_view key; // section under "checks."
  std::unique_ptr<FileCheck> (*make)(const config::Config& rules);
};

std::unique_ptr<FileCheck> make_checkpoint_check(const config::Config& rules);
std::unique_ptr<FileCheck> make_large_file_check(const config::Config& rules);
std::unique_ptr<FileCheck> make_conflict_marker_check(const config::Config& rules);
std::unique_ptr<FileCheck> make_private_key_check(const config::Config& rules);
std::unique_ptr<FileCheck> make_lfs_pointer_check(const config::Config& rules);

// Whole-tree checks.
// How case-conflict compares names: ASCII letters lowercased, every other
// byte kept.
std::string fold_case(std::string_view text);

// What case-conflict reports: for each folded name that a changed path or one
// of its folders has, the names of tree that fold alike (sorted, full paths),
// when there are several. Reads only the folders on the changed paths.
std::map<std::string, std::vector<std::string>>
case_clashes(const TreeLookup& tree, const std::vector<FileChange>& changes);
void check_case_conflicts(const config::Config& rules, const ContentInput& input,
                          report::Report& out);
void check_symlinks(const config::Config& rules, const ContentInput& input, report::Report& out);

// Reads "checks.<key>.allow" and tells whether path is allowed by it.
bool allowed(const config::Config& rules, std::string_view key, std::string_view path);

// "path" or "path (in <origin>)" for messages.
std::string where(const FileChange& file);

} // namespace preflight::checks
