// Reading and writing notebooks the way nbformat 5.5 does with NO_CONVERT:
// each notebook is normalised on read (multi-line strings joined, transient
// keys removed, missing or duplicate 4.5 cell ids repaired) and written back by
// its own version's writer.
#pragma once

#include "notebook/json.hpp"

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace preflight::notebook {

enum class FailureKind {
  not_json,          // nbstripout: "No valid notebook detected"
  not_notebook,      // valid JSON that nbformat or nbstripout rejects
  metadata_conflict, // keep_output false in metadata but in tags
  encode,            // a string that cannot be written (lone surrogate)
};

// Why a notebook could not be processed. line/column are 1-based, 0 if unknown.
class NotebookError : public std::runtime_error {
public:
  NotebookError(FailureKind kind, const std::string& message, int line = 0, int column = 0,
                std::size_t offset = 0)
      : std::runtime_error(message), m_kind(kind), m_line(line), m_column(column),
        m_offset(offset) {}
  FailureKind kind() const { return m_kind; }
  int line() const { return m_line; }
  int column() const { return m_column; }
  std::size_t offset() const { return m_offset; } // for not_json: byte offset in the input

private:
  FailureKind m_kind;
  int m_line;
  int m_column;
  std::size_t m_offset;
};

struct Notebook {
  Document doc;
  int major = 4;           // nbformat (1 when the key is missing)
  int minor = 0;           // nbformat_minor
  bool worksheets = false; // cells live in worksheets[].cells (nbformat key present and < 4)

  Value& root() { return doc.root; }
};

// Parses (without a copy, see parse_buffer) and normalises a notebook. The
// buffer must stay alive while the notebook is used. Throws NotebookError.
// drop: see parse_notebook_buffer (for stripping, which removes those keys).
// keep_source_lines: in nbformat 4, a cell's source list that write_notebook
// would give back as it is (splitlines(keepends=True) of its "".join) stays a
// list instead of being joined, for writing it out again as it was; the
// source is then a string or a list of strings.
Notebook read_notebook(std::span<char> buffer, const DropKeys* drop = nullptr,
                       bool keep_source_lines = false);

// Builds a cell's outputs list when it is lazy (see parse_notebook_buffer)
// and rejoins it as read_notebook does for the notebook's version.
void load_outputs(Notebook& nb, Value& cell);

// Appends the notebook as nbformat.write would produce it (always ending in a
// newline). Splits multi-line strings in place, so the notebook should not be
// used afterwards. Throws NotebookError (encode) for lone surrogates.
void write_notebook(Notebook& nb, std::string& out);

// Python's json.loads for the Zeppelin mode (key order kept), without a copy
// (see parse_buffer). Throws NotebookError.
Document read_json(std::span<char> buffer);

// json.dump(indent=2) plus "\n", as nbstripout writes Zeppelin notebooks.
void write_zeppelin(const Document& doc, std::string& out);

// The cells of a notebook, in order (across worksheets for nbformat < 4).
// Each returned array is a cells list; nullptr entries are skipped.
std::vector<Value*> cell_lists(Notebook& nb);

} // namespace preflight::notebook
