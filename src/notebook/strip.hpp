// Notebook output stripping with nbstripout 0.9.1's options and results.
//
// This is the library entry point that `preflight nbstrip`, the pre-commit
// check and the git filter call: plain bytes in, bytes out, no I/O.
#pragma once

#include "notebook/nbformat.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::notebook {

enum class Mode { jupyter, zeppelin };

// nbstripout's options, with its names and defaults.
struct StripOptions {
  Mode mode = Mode::jupyter;
  std::optional<bool> keep_output;             // unset: notebook metadata keep_output decides
  bool keep_count = false;                     // keep execution_count / prompt_number
  bool keep_id = false;                        // else ids become "0", "1", ... after dropping
  bool drop_empty_cells = false;               // cells whose source is only whitespace
  bool strip_init_cells = false;               // strip outputs of init_cell: true cells too
  std::vector<std::string> extra_keys;         // "metadata.x" / "cell.metadata.y" paths to remove
  std::vector<std::string> keep_metadata_keys; // paths taken out of the removal list
  std::vector<std::string> drop_tagged_cells;  // cells with any of these tags are removed
  std::vector<std::string> drop_output_types;  // "type" or "type:name"
  std::vector<std::string> keep_output_types;  // kept even when output is stripped
  std::uint64_t max_size = 0;                  // outputs of at most this size are kept
};

// The metadata paths nbstripout removes by default.
const std::vector<std::string>& default_extra_keys();

// The removal list for options (defaults + extra_keys - keep_metadata_keys),
// and the entries nbstripout ignores ("Ignoring invalid extra key `K`").
struct KeyList {
  std::vector<std::string> metadata; // paths below the notebook metadata
  std::vector<std::string> cell;     // paths below each cell
  std::vector<std::string> invalid;  // neither "metadata." nor "cell."
};
KeyList removal_keys(const StripOptions& options);

// The keys of keys that parsing may leave unbuilt (see parse_notebook_buffer):
// single names that stripping removes without reading their values first.
// The views point into keys.
DropKeys droppable_keys(const KeyList& keys);

// Parses --max-size: digits with an optional k/M/G suffix (any case, powers of
// 1000). nullopt for anything else.
std::optional<std::uint64_t> parse_max_size(std::string_view text);

struct Failure {
  FailureKind kind;
  std::string message;
  int line = 0; // 1-based; 0 when not known (see offset)
  int column = 0;
  std::size_t offset = 0; // not_json: byte offset of the error in the input
};

struct StripResult {
  bool changed = false; // nbstripout's "would have stripped": a semantic change
  std::string output;   // the stripped notebook, when asked for
  std::optional<Failure> failure;
};

// Reads, strips and (when render is true) writes one notebook. changed is
// decided as nbstripout does: by comparing the normalised notebook before and
// after stripping, not the bytes, so a notebook differing only in formatting
// is unchanged while its output is still the canonical form. Works on a copy
// of input; syntax errors come with line and column.
StripResult strip_notebook(std::string_view input, const StripOptions& options, bool render = true);

// The same without a copy: buffer must be followed by a readable NUL and
// padding, and may be changed, as parse_buffer() says (InputBuffer provides
// that). For big files (io.hpp).
StripResult strip_notebook_buffer(std::span<char> buffer, const StripOptions& options,
                                  bool render = true);

// The in-memory step, for callers that already hold a Notebook. Returns
// whether anything changed; adds to *dropped_unread the JSON bytes of the
// outputs it dropped without building them. Throws NotebookError
// (metadata_conflict).
bool strip(Notebook& nb, const StripOptions& options, const KeyList& keys,
           std::size_t* dropped_unread = nullptr);

// Zeppelin mode: every paragraph's results become {}.
bool strip_zeppelin(Document& doc);

} // namespace preflight::notebook
