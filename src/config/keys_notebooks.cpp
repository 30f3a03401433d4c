// Rules-file keys of notebook stripping (notebooks.*): nbstripout's options
// under their flag names in snake_case, read by notebook::settings_from_config.
#include "config/schema.hpp"

namespace preflight::config {
namespace {

constexpr std::string_view k_modes[] = {"strip", "check"};

} // namespace

std::span<const KeyDef> notebook_keys() {
  static constexpr KeyDef keys[] = {
      {"notebooks", ValueType::section, "",
       "Jupyter notebooks: strip outputs from what is committed, byte for byte as nbstripout "
       "0.9.1 would (see docs/notebooks.md)."},
      {"notebooks.enabled", ValueType::boolean, "true", "Check staged .ipynb files."},
      {"notebooks.mode", ValueType::choice, "strip",
       "strip: replace the staged notebook with its stripped form (the working tree is not "
       "touched); check: only block the commit and print the command that strips.",
       k_modes},
      {"notebooks.diff_textconv", ValueType::boolean, "false",
       "Also make git diff strip notebooks from history (diff.preflight-nbstrip.textconv), so "
       "that blobs committed with their outputs (before preflight, or with --no-verify) show "
       "without them too; git then starts a process per notebook and side of every diff. "
       "Without it, git diff strips the working tree through the clean filter, which gives "
       "the same patch for notebooks committed stripped (see docs/notebooks.md)."},
      {"notebooks.keep_output", ValueType::boolean, "",
       "Keep outputs (--keep-output). Unset: the notebook's metadata keep_output decides, as "
       "in nbstripout."},
      {"notebooks.keep_count", ValueType::boolean, "false",
       "Keep execution counts and prompt numbers (--keep-count)."},
      {"notebooks.keep_id", ValueType::boolean, "false",
       "Keep cell ids instead of renumbering them 0, 1, ... (--keep-id)."},
      {"notebooks.extra_keys", ValueType::string_list, "[]",
       "More metadata paths to remove, e.g. [metadata.kernelspec, cell.metadata.tags] "
       "(--extra-keys)."},
      {"notebooks.keep_metadata_keys", ValueType::string_list, "[]",
       "Metadata paths to keep although removed by default, e.g. [cell.metadata.scrolled] "
       "(--keep-metadata-keys)."},
      {"notebooks.drop_empty_cells", ValueType::boolean, "false",
       "Remove cells whose source is empty or whitespace (--drop-empty-cells)."},
      {"notebooks.drop_tagged_cells", ValueType::string_list, "[]",
       "Remove cells carrying any of these tags (--drop-tagged-cells)."},
      {"notebooks.strip_init_cells", ValueType::boolean, "false",
       "Strip outputs of init_cell: true cells too (--strip-init-cells)."},
      {"notebooks.max_size", ValueType::size, "0",
       "Keep outputs of at most this size in characters (--max-size; here k/M/G are powers "
       "of 1024 as everywhere in this file, while the flag uses powers of 1000)."},
      {"notebooks.drop_output_types", ValueType::string_list, "[]",
       "Output types to drop from kept outputs, e.g. [error, stream:stderr] "
       "(--drop-output-type)."},
      {"notebooks.keep_output_types", ValueType::string_list, "[]",
       "Output types kept even when outputs are stripped (--keep-output-type)."},
      {"notebooks.output_cache", ValueType::section, "",
       "Outputs kept on this machine for stripped notebooks, given back when git writes the "
       "same stripped notebook again (stash pop, checkout, reset --hard)."},
      {"notebooks.output_cache.max_size", ValueType::size, "100MB",
       "Bound on the cache under .git/preflight/outputs, least recently used notebooks "
       "pruned first; 0 turns the cache off."},
  };
  return keys;
}

} // namespace preflight::config
