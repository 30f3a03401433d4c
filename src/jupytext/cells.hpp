// The cell sources of a notebook and of its jupytext text representations, in
// a form that compares what jupytext would carry from one to the other:
//
//   markdown and raw cells  one token each: the cell's text, blank lines at its
//                           ends dropped, trailing spaces of lines dropped
//   code cells              one token per non-blank line (trailing spaces
//                           dropped), so that where code cells split and the
//                           blank lines between them do not count
//
// Scripts (percent, hydrogen, light, nomarker): markdown and raw cells are read
// back from their comments as jupytext writes them ("# " prefix, "#" for an
// empty line), and the lines jupytext comments out as magics ("# %time",
// "# !pip install", "# ls", "# x?", by the rules of its magics.py) count as
// the magic. Code cells in another language (a first line "%%bash", which
// jupytext turns into a language="bash" cell marker) are left out on both
// sides. Markdown files (.md): only code cells (fenced blocks in the kernel's
// language, outside <!-- #region --> blocks) are compared. Not supported (the pair's content is
// then not compared): block-comment languages, sphinx, spin, Rmd, MyST,
// pandoc, quarto, custom cell_markers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::jupytext {

enum class CellKind { code, markdown, raw };

struct Token {
  CellKind kind;
  std::string text;
  bool operator==(const Token&) const = default;
};

// What a notebook holds for pairing and comparison.
struct NotebookCells {
  std::vector<Token> tokens;
  std::string language;               // kernelspec.language, else language_info.name
  std::optional<std::string> formats; // metadata.jupytext.formats
};

// Reads a notebook (.ipynb bytes). nullopt with error set when it is not one.
std::optional<NotebookCells> read_notebook_cells(std::string_view bytes, std::string& error);

// The jupytext YAML header of a text notebook.
struct Header {
  std::optional<std::string> formats;     // jupyter.jupytext.formats
  std::optional<std::string> format_name; // jupyter.jupytext.text_representation.format_name
  std::size_t end_line = 0;               // index of the first line after the header
};

// The header of text, whose lines carry comment before the YAML ("#" for
// Python, "" for Markdown). Without a header: empty fields, end_line 0.
Header read_header(std::string_view text, std::string_view comment);

// The line comment of a script extension (".py" -> "#"), or nullopt for
// extensions whose cells are not compared.
std::optional<std::string> line_comment(std::string_view extension);

// The tokens of a script in format ("percent", "hydrogen", "light",
// "nomarker"; "" guesses as jupytext does: percent when a "# %%" line is
// present, else light). nullopt for formats that are not supported.
// python: the script is Python, whose magics also include shell commands
// ("!pip", "ls") and help requests ("x?"), as jupytext's magics.py has them.
std::optional<std::vector<Token>> read_script_cells(std::string_view text, std::string_view comment,
                                                    std::string_view format, bool python = true);

// The code tokens of a jupytext Markdown file; language is the notebook's.
std::vector<Token> read_markdown_code(std::string_view text, std::string_view language);

// Only the code tokens of tokens.
std::vector<Token> code_only(const std::vector<Token>& tokens);

} // namespace preflight::jupytext
