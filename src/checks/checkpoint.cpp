// checkpoint: refuses model checkpoints and weights. By name (the ML .gitignore
// everyone writes: *.pt, *.ckpt, checkpoints/, runs/, wandb/ ...), arrays and
// pickles by name over a size, and by content whatever the name: torch.save zip
// or legacy pickle, safetensors, GGUF, ONNX, and HDF5/NumPy/pickles over the
// array size, also as the first file of a tar archive or a gzip stream.
// Why: a checkpoint committed once stays in every clone forever. Git LFS
// pointers pass; a path given to LFS whose blob is not a pointer does not (the
// real bytes are in git: see lfs_pointer.cpp). Known false positives: small HDF5/NumPy fixtures
// over array_max_size, and a folder legitimately named runs/ or checkpoints/ (allow them with
// checks.checkpoints.allow).
#include "checks/content.hpp"
#include "checks/glob.hpp"
#include "checks/sniff.hpp"

namespace preflight::checks {

namespace {

class CheckpointCheck : public FileCheck {
public:
  explicit CheckpointCheck(const config::Config& rules)
      : m_patterns(GlobList(rules.get_strings("checks.checkpoints.patterns"))),
        m_array_patterns(GlobList(rules.get_strings("checks.checkpoints.array_patterns"))),
        m_array_max(rules.get_size("checks.checkpoints.array_max_size")),
        m_allow(GlobList(rules.get_strings("checks.checkpoints.allow"))),
        m_sniff(rules.get_bool("checks.checkpoints.sniff")) {}

  void check(const FileData& data, const BlobReader&, report::Report& out) const override {
    const FileChange& file = data.file;
    if (data.lfs_pointer || m_allow.first_match(file.path))
      return;
    std::string why;
    if (const std::string* pattern = m_patterns.first_match(file.path)) {
      why = "matches \"" + *pattern + "\"";
    } else if (const std::string* array = m_array_patterns.first_match(file.path);
               array && file.size > m_array_max) {
      why = "matches \"" + *array + "\" and is over " + std::to_string(m_array_max) + " bytes";
    } else if (m_sniff && file.mode != k_mode_symlink) {
      auto format = sniff_model_format(data.head, file.size);
      if (format && (!format->data || file.size > m_array_max))
        why = "its content is a " + format->name + " file" +
              (format->container.empty() ? "" : " (" + format->container + ")");
    }
    if (why.empty())
      return;
    report::Finding finding;
    finding.check = "checkpoint";
    finding.path = file.path;
    finding.message = "checkpoint or model file " + where(file) + ": " + why + " (" +
                      std::to_string(file.size) + " bytes)";
    finding.hint = "unstage it (git rm --cached -- '" + file.path +
                   "') and add it to .gitignore, or store it with Git LFS (git lfs track); "
                   "to allow it, add the path to checks.checkpoints.allow";
    out.add(std::move(finding));
  }

private:
  GlobList m_patterns, m_array_patterns;
  std::uint64_t m_array_max;
  GlobList m_allow;
  bool m_sniff;
};

} // namespace

std::unique_ptr<FileCheck> make_checkpoint_check(const config::Config& rules) {
  return std::make_unique<CheckpointCheck>(rules);
}

} // namespace preflight::checks
