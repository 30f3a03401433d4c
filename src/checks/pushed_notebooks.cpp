// notebook, on push: the pre-commit check strips notebooks in the index, but a
// commit that git made without that hook (commit --no-verify, cherry-pick,
// rebase, am, a merge, a commit from a clone without preflight) stores the
// notebook as it was, outputs and all. A pushed notebook is compared with what
// the rules strip it to (notebooks.*, nbstripout's git keys), and refused when
// they differ. Known false positives: none by content; notebooks stored through
// LFS are skipped (their blob is a pointer), and notebooks.enabled: false or
// SKIP=notebook turn it off.
#include "checks/pushed_notebooks.hpp"

#include "checks/notebooks.hpp"
#include "notebook/settings.hpp"
#include "util/strings.hpp"

#include <limits>

namespace preflight::checks {

namespace {

report::Finding finding(const FileChange& file, std::string message) {
  report::Finding f;
  f.check = "notebook";
  f.path = file.path;
  f.commit = file.commit;
  f.message = std::move(message);
  std::string commit = file.commit.empty() ? std::string("the commit") : file.commit.substr(0, 12);
  f.hint = "strip it in that commit (git rebase -i " + commit + "^, mark it \"edit\", then " +
           "preflight nbstrip -- " + shell_word(file.path) + " && git add -- " +
           shell_word(file.path) + " && git commit --amend), or push it once with SKIP=notebook";
  return f;
}

} // namespace

void check_pushed_notebooks(const Context& context, const ContentInput& input,
                            report::Report& report) {
  if (context.skipped.count("notebook"))
    return;
  notebook::Settings settings = notebook::settings_from_config(context.config);
  if (!settings.enabled)
    return;
  for (const FileChange* entry : notebooks_to_check(input, settings, context.repo)) {
    const FileChange& file = *entry;
    BlobReader::Head blob = input.blobs->read_head(file, std::numeric_limits<std::size_t>::max());
    if (blob.bytes.size() < blob.size) {
      report.add(finding(file, "notebook " + where(file) + " (" + std::to_string(blob.size) +
                                   " bytes) is too large to read, not checked for outputs"));
      continue;
    }
    notebook::StripResult result = notebook::strip_notebook(blob.bytes, settings.strip, false);
    if (result.failure) {
      report::Finding f =
          finding(file, "cannot read notebook " + where(file) + ": " + result.failure->message);
      f.line = result.failure->line;
      f.column = result.failure->column;
      report.add(std::move(f));
    } else if (result.changed)
      report.add(finding(file, "notebook " + where(file) +
                                   " has outputs or metadata that the rules strip (notebooks.*)"));
  }
}

} // namespace preflight::checks
