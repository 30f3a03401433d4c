// conflict-marker: refuses text files that still hold merge-conflict markers,
// lines starting "<<<<<<< " or ">>>>>>> " (or exactly seven < or >). Why: a
// half-resolved merge committed by mistake breaks the build for everyone. A lone
// "=======" line is not reported: Markdown and reStructuredText use it for
// headings. Known false positives: documentation about git that shows markers.
#include "checks/glob.hpp"
#include "checks/text_scan.hpp"

namespace preflight::checks {

namespace {

bool is_marker(std::string_view line) {
  for (std::string_view marker : {"<<<<<<<", ">>>>>>>"})
    if (line.substr(0, 7) == marker && (line.size() == 7 || line[7] == ' '))
      return true;
  return false;
}

class ConflictMarkerCheck : public FileCheck {
public:
  explicit ConflictMarkerCheck(const config::Config& rules)
      : m_allow(GlobList(rules.get_strings("checks.conflict_markers.allow"))) {}

  void check(const FileData& data, const BlobReader& blobs, report::Report& out) const override {
    if (m_allow.first_match(data.file.path))
      return;
    std::string text = text_of(data, blobs);
    if (text.find("<<<<<<<") == std::string::npos && text.find(">>>>>>>") == std::string::npos)
      return;
    for_each_line(text, [&](std::string_view line, int number) {
      if (!is_marker(line))
        return true;
      report::Finding finding;
      finding.check = "conflict-marker";
      finding.path = data.file.path;
      finding.line = number;
      finding.message = "merge conflict marker " + where(data.file) + ": \"" +
                        std::string(line.substr(0, 40)) + "\"";
      finding.hint = "resolve the conflict, then git add the file again";
      out.add(std::move(finding));
      return false;
    });
  }

private:
  GlobList m_allow;
};

} // namespace

std::unique_ptr<FileCheck> make_conflict_marker_check(const config::Config& rules) {
  return std::make_unique<ConflictMarkerCheck>(rules);
}

} // namespace preflight::checks
