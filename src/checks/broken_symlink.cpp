// broken-symlink: refuses a symbolic link added or changed by the commit when
// its target is neither in the commit's tree nor, for absolute targets, on this
// machine. Why: a dangling link usually means the target was forgotten or lives
// only on one machine. Links whose target leaves the repository ("../../x") are
// not judged: only the user's machine knows what is there.
#include "checks/content.hpp"
#include "checks/glob.hpp"

#include <algorithm>
#include <filesystem>

namespace preflight::checks {

void check_symlinks(const config::Config& rules, const ContentInput& input, report::Report& out) {
  const GlobList allow(rules.get_strings("checks.symlinks.allow"));
  PathListTree listed(input.tree_paths);
  const TreeLookup& tree = input.tree ? *input.tree : listed;
  for (const FileChange& file : input.changes) {
    if (file.mode != k_mode_symlink || allow.first_match(file.path))
      continue;
    const BlobReader::Head link = input.blobs->read_head(file, 4096);
    const std::string& target = link.bytes;
    bool exists = true;
    if (target.empty()) {
      exists = false;
    } else if (target.starts_with('/')) {
      std::error_code ec;
      exists = std::filesystem::exists(target, ec);
    } else {
      std::filesystem::path resolved =
          (std::filesystem::path(file.path).parent_path() / target).lexically_normal();
      std::string text = resolved.generic_string();
      while (!text.empty() && text.back() == '/')
        text.pop_back();
      if (text == "." || text.empty())
        continue; // the repository root itself
      if (text.starts_with("../") || text == "..")
        continue;
      exists = tree.contains(text, true);
    }
    if (exists)
      continue;
    report::Finding finding;
    finding.check = "broken-symlink";
    finding.path = file.path;
    finding.message =
        "symbolic link " + where(file) + " points to \"" + target + "\", which does not exist";
    finding.hint = "add the target, fix the link (ln -sfn), or git rm --cached it";
    out.add(std::move(finding));
  }
}

} // namespace preflight::checks
