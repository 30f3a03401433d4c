// Findings for CI systems: SARIF 2.1.0 (code scanning uploads) and GitHub
// Actions workflow commands (annotations on a pull request's files).
#pragma once

#include "report/finding.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace preflight::report {

// A SARIF 2.1.0 log with one run of preflight: one result per finding, with its
// check as ruleId (and a rule per check in tool.driver.rules), level error or
// warning, the file (a URI relative to %SRCROOT%), line and column where
// known, and the commit at fault in properties.commit and in
// partialFingerprints ("preflight/v1": check, path, line and commit).
std::string to_sarif(const Report& report);

// One workflow command per finding, as GitHub documents them:
//   ::error file=F,line=L,col=C,title=T::MESSAGE
// (::warning for warnings), properties escaped %, CR, LF, ':' and ',' as
// %25 %0D %0A %3A %2C, the message %, CR and LF; text from the repository has
// its control characters made visible first (escape_controls).
std::string to_github(const Report& report);

// GitHub's escaping of a workflow command's message (data) and of a property.
std::string github_data(std::string_view text);
std::string github_property(std::string_view text);

// The report in a machine format for standard output ("json", "sarif",
// "github"), or nullopt for "text" (printed for people on stderr).
std::optional<std::string> format_report(const Report& report, std::string_view format);

} // namespace preflight::report
