// Findings: what a check reports. Checks append findings and keep going; the hook
// decides at the end whether they block.
#pragma once

#include <string>
#include <vector>

namespace preflight::report {

enum class Severity { error, warning };

struct Finding {
  std::string check; // check or rule id, kebab-case: "type-enum", "checkpoint-file"
  Severity severity = Severity::error;
  std::string path;    // file the finding is about, relative to the repository; may be empty
  int line = 0;        // 1-based; 0 when not about a line
  int column = 0;      // 1-based; 0 when not about a column
  std::string message; // what is wrong, one line
  std::string detail;  // optional extra lines shown under the message (a caret line, a list)
  std::string hint;    // what to do next: the fixing command, or how to bypass once
  std::string commit;  // pushed or ranged commits: the full id of the commit at fault
};

// An ordered collection of findings.
class Report {
public:
  void add(Finding finding) { m_findings.push_back(std::move(finding)); }
  const std::vector<Finding>& findings() const { return m_findings; }
  std::size_t count(Severity severity) const;
  bool has_errors() const { return count(Severity::error) > 0; }
  bool empty() const { return m_findings.empty(); }

private:
  std::vector<Finding> m_findings;
};

} // namespace preflight::report
