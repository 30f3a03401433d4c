// notebook: staged .ipynb files are committed without outputs, byte for byte as
// nbstripout 0.9.1 writes them with the options of the rules (notebooks.*).
//
// In mode strip (the default) the stripped notebook replaces the staged blob:
// only the index changes, so the working copy keeps its outputs, and the
// unstaged edits of a partially staged notebook stay where they are. With the
// clean filter that `preflight install` configures, `git add` already stores
// the stripped form and this check finds nothing to do; it catches notebooks
// staged without the filter. In mode check, a notebook that would be stripped
// blocks the commit instead.
//
// The notebook as staged, with its outputs, goes to the output cache under the
// id of the stripped blob (docs/notebooks.md), as the clean filter does.
//
// A notebook that cannot be read (invalid or truncated JSON, no cells, an
// unknown nbformat) blocks with its location, and its index entry is left as
// it is. Known false positives: none by content; a notebook that git stores
// through LFS is skipped (its blob is a pointer).
#include "checks/notebooks.hpp"

#include "checks/staged_content.hpp"
#include "notebook/output_cache.hpp"
#include "notebook/settings.hpp"
#include "util/strings.hpp"

#include <limits>

namespace preflight::checks {

namespace {

report::Finding finding(const FileChange& file, std::string message, std::string hint) {
  report::Finding f;
  f.check = "notebook";
  f.path = file.path;
  f.message = std::move(message);
  f.hint = std::move(hint);
  return f;
}

void check_one(const Context& context, const notebook::Settings& settings,
               const notebook::OutputCache* cache, const FileChange& file, const BlobReader& blobs,
               report::Report& report) {
  std::string strip_command =
      "preflight nbstrip -- " + shell_word(file.path) + " && git add -- " + shell_word(file.path);
  BlobReader::Head blob = blobs.read_head(file, std::numeric_limits<std::size_t>::max());
  if (blob.bytes.size() < blob.size) {
    report.add(finding(file,
                       "notebook " + where(file) + " (" + std::to_string(blob.size) +
                           " bytes) is too large to read from the pack, not stripped",
                       "strip it by hand: " + strip_command));
    return;
  }
  notebook::StripResult result = notebook::strip_notebook(blob.bytes, settings.strip);
  if (result.failure) {
    const notebook::Failure& failure = *result.failure;
    bool json = failure.kind == notebook::FailureKind::not_json;
    std::string message = "cannot strip notebook " + where(file) + ": " +
                          (json ? "not valid JSON: " : "") + failure.message;
    if (failure.line == 0 && json)
      message += " (at byte " + std::to_string(failure.offset) + ")";
    report::Finding f = finding(file, message,
                                "fix the notebook (complete JSON with cells, nbformat 1 to 4), "
                                "then git add it again; the index entry was left as it is");
    f.line = failure.line;
    f.column = failure.column;
    report.add(std::move(f));
    return;
  }
  if (settings.check_only) {
    if (result.changed)
      report.add(finding(file,
                         "notebook " + where(file) +
                             " has outputs or metadata that the "
                             "rules strip (notebooks.mode: check)",
                         "strip and restage it: " + strip_command));
    return;
  }
  if (result.output == blob.bytes)
    return;
  std::string id = context.repo.replace_staged(file, result.output);
  if (cache)
    cache->remember(id, blob.bytes); // best effort: the commit does not depend on it
  report::Finding note =
      finding(file, "stripped " + where(file) + " in the index; the working copy keeps its outputs",
              "run `preflight install` so that git's clean filter strips "
              "notebooks on `git add` and `git status` agrees");
  note.severity = report::Severity::warning;
  report.add(std::move(note));
}

} // namespace

std::vector<const FileChange*>
notebooks_to_check(const ContentInput& input, notebook::Settings& settings, const RepoView& repo) {
  std::vector<const FileChange*> out;
  for (const FileChange& file : input.changes)
    if (notebook::is_notebook_path(file.path) && file.mode != k_mode_symlink &&
        file.mode != k_mode_gitlink && !input.blobs->lfs_tracked(file.path))
      out.push_back(&file);
  if (!out.empty())
    notebook::add_nbstripout_git_keys(
        settings.strip, [&](std::string_view key) { return repo.config_string(key); });
  return out;
}

void check_notebooks(const Context& context, report::Report& report) {
  notebook::Settings settings = notebook::settings_from_config(context.config);
  if (!settings.enabled)
    return;
  std::optional<ContentInput> held;
  const ContentInput& input = content_to_check(context, held);
  std::vector<const FileChange*> files = notebooks_to_check(input, settings, context.repo);
  std::optional<notebook::OutputCache> cache;
  if (!files.empty() && settings.output_cache_max_size > 0 && !settings.check_only)
    if (std::optional<std::filesystem::path> common = context.repo.common_dir())
      cache.emplace(notebook::OutputCache::folder_in(*common), settings.output_cache_max_size);
  for (const FileChange* file : files)
    check_one(context, settings, cache ? &*cache : nullptr, *file, *input.blobs, report);
  if (cache)
    cache->prune();
}

} // namespace preflight::checks
