// lfs-pointer: refuses a file that .gitattributes gives to Git LFS
// (filter=lfs) when its blob is the file itself rather than an LFS pointer.
// Why: without git-lfs (the usual container), or when its clean filter did not
// run, `git add` stores the real bytes: a checkpoint "tracked by LFS" then sits
// in every clone forever, and the checkpoint and large-file checks, which trust
// LFS pointers, cannot tell. Empty files pass (git-lfs stores them as they
// are). Known false positives: none by content; a path that should not be in
// LFS (remove its filter=lfs line, or allow it with checks.lfs.allow).
#include "checks/content.hpp"
#include "checks/glob.hpp"

namespace preflight::checks {

namespace {

class LfsPointerCheck : public FileCheck {
public:
  explicit LfsPointerCheck(const config::Config& rules)
      : m_allow(GlobList(rules.get_strings("checks.lfs.allow"))) {}

  void check(const FileData& data, const BlobReader& blobs, report::Report& out) const override {
    const FileChange& file = data.file;
    if (data.lfs_pointer || file.size == 0 || file.mode == k_mode_symlink ||
        m_allow.first_match(file.path) || !blobs.lfs_tracked(file.path))
      return;
    report::Finding finding;
    finding.check = "lfs-pointer";
    finding.path = file.path;
    finding.message = where(file) +
                      " is stored through Git LFS (filter=lfs in .gitattributes), but its "
                      "blob is the file itself (" +
                      std::to_string(file.size) +
                      " bytes), not an LFS pointer: git-lfs is not installed or its filter "
                      "did not run";
    finding.hint = "install git-lfs and run `git lfs install`, then `git add --renormalize -- '" +
                   file.path +
                   "'` and commit again (a pushed commit: amend or rebase it); or drop "
                   "filter=lfs for the path, or add it to checks.lfs.allow";
    out.add(std::move(finding));
  }

private:
  GlobList m_allow;
};

} // namespace

std::unique_ptr<FileCheck> make_lfs_pointer_check(const config::Config& rules) {
  return std::make_unique<LfsPointerCheck>(rules);
}

} // namespace preflight::checks
