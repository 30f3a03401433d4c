// large-file: refuses files over checks.large_files.max_size, judged from the
// object header, so a 2 GB file costs no more than a small one. Why: large
// blobs bloat every clone forever, and hosts refuse pushes over 100 MB. Git LFS
// pointers pass; a path given to LFS whose blob is not a pointer does not (the
// real bytes are in git: see lfs_pointer.cpp).
#include "checks/content.hpp"
#include "checks/glob.hpp"

namespace preflight::checks {

namespace {

std::string human(std::uint64_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return buffer;
}

class LargeFileCheck : public FileCheck {
public:
  explicit LargeFileCheck(const config::Config& rules)
      : m_max(rules.get_size("checks.large_files.max_size")),
        m_allow(GlobList(rules.get_strings("checks.large_files.allow"))) {}

  void check(const FileData& data, const BlobReader&, report::Report& out) const override {
    const FileChange& file = data.file;
    if (file.size <= m_max || file.mode == k_mode_symlink || m_allow.first_match(file.path) ||
        data.lfs_pointer)
      return;
    report::Finding finding;
    finding.check = "large-file";
    finding.path = file.path;
    finding.message = "file too large " + where(file) + ": " + human(file.size) +
                      ", the limit is " + human(m_max);
    finding.hint = "store it with Git LFS (git lfs track -- '" + file.path +
                   "'), or raise checks.large_files.max_size, or add the path to "
                   "checks.large_files.allow";
    out.add(std::move(finding));
  }

private:
  std::uint64_t m_max;
  GlobList m_allow;
};

} // namespace

std::unique_ptr<FileCheck> make_large_file_check(const config::Config& rules) {
  return std::make_unique<LargeFileCheck>(rules);
}

} // namespace preflight::checks
