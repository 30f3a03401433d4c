// commit-message: rejects commit messages that break the team's Conventional
// Commits rules (commit_msg.rules in .preflight.yaml; by default commitlint's
// config-conventional). Why: changelogs, release tooling and reviewers rely on
// "type(scope): subject" headers, and commitlint costs ~0.35 s per commit in
// node. Known false positives are commitlint's own (docs/commit-msg.md): a body
// line with "#123" turns the rest of the message into a footer, and any header
// whose first letter is upper case fails subject-case.
#include "checks/commit_message.hpp"

#include "commitmsg/lint.hpp"
#include "util/fs.hpp"

namespace preflight::checks {

void check_commit_message(const Context& context, report::Report& report) {
  if (context.input.args.empty())
    throw Error("commit-msg: git passed no message file", Exit::usage);
  const std::filesystem::path file = context.input.args[0];
  std::string bytes;
  try {
    bytes = read_file(file);
  } catch (const Error& e) {
    throw Error(std::string("commit-msg: ") + e.what(), Exit::internal);
  }
  const commitmsg::Settings settings = commitmsg::settings_from(context.config);
  commitmsg::LintInput input{bytes, std::nullopt, file.string()};
  if (settings.comment_char == "auto")
    input.git_comment_char = context.repo.config_string("core.commentChar");
  for (auto& finding : commitmsg::lint(input, settings).findings)
    report.add(std::move(finding));
}

} // namespace preflight::checks
