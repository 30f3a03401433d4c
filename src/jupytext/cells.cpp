// Reading cells as jupytext writes them (cell_to_text.py, cell_reader.py of
// jupytext 1.16), reduced to what a comparison needs; see cells.hpp.
#include "jupytext/cells.hpp"

#include "notebook/nbformat.hpp"

#include "util/strings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>

namespace preflight::jupytext {

namespace {

// Jupyter cell magics that name a language (languages.py _JUPYTER_LANGUAGES).
constexpr std::array<std::string_view, 40> k_magic_languages = {
    "R",          "bash",   "sh",     "python",  "python2",    "python3",  "coconut",
    "javascript", "js",     "perl",   "html",    "latex",      "markdown", "pypy",
    "ruby",       "script", "svg",    "matlab",  "octave",     "idl",      "robotframework",
    "sas",        "spark",  "sql",    "cython",  "haskell",    "tcl",      "gnuplot",
    "julia",      "c++",    "scheme", "clojure", "powershell", "q",        "typescript",
    "scala",      "rust",   "csharp", "fsharp",  "go"};

std::string_view rstrip(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  return line;
}

std::string_view lstrip(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
    line.remove_prefix(1);
  return line;
}

bool blank(std::string_view line) {
  return rstrip(line).empty();
}

// A markdown or raw cell's text: lines right-stripped, blank lines at both ends dropped.
std::string block_text(const std::vector<std::string>& lines) {
  std::size_t first = 0, last = lines.size();
  while (first < last && blank(lines[first]))
    ++first;
  while (last > first && blank(lines[last - 1]))
    --last;
  std::string text;
  for (std::size_t i = first; i < last; ++i)
    text.append(rstrip(lines[i])).append(i + 1 < last ? "\n" : "");
  return text;
}

void add_code_lines(const std::vector<std::string>& lines, std::vector<Token>& out) {
  for (const std::string& line : lines)
    if (!blank(line))
      out.push_back({CellKind::code, std::string(rstrip(line))});
}

void add_block(CellKind kind, const std::vector<std::string>& lines, std::vector<Token>& out) {
  if (kind == CellKind::code)
    return add_code_lines(lines, out);
  std::string text = block_text(lines);
  if (!text.empty())
    out.push_back({kind, text});
}

// "%%bash" or "%%bash -s x" when bash is a cell-magic language.
bool is_language_magic(std::string_view line) {
  if (!line.starts_with("%%"))
    return false;
  std::string_view name = line.substr(2);
  name = name.substr(0, name.find(' '));
  return std::find(k_magic_languages.begin(), k_magic_languages.end(), name) !=
         k_magic_languages.end();
}

// Markdown lines read back from comments: "# text" -> "text", "#" -> "".
std::string uncomment(std::string_view line, std::string_view comment) {
  std::string_view body = lstrip(line);
  if (body.starts_with(comment)) {
    body.remove_prefix(comment.size());
    if (body.starts_with(" "))
      body.remove_prefix(1);
    return std::string(body);
  }
  return std::string(line);
}

// How a script writes comments, and whether it is Python (whose magics
// include shell commands and help requests).
struct Syntax {
  std::string_view comment;
  bool python = true;
};

bool alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// Skips "(# |#)*" from pos.
std::size_t skip_escapes(std::string_view line, std::string_view comment, std::size_t pos) {
  while (line.substr(pos).starts_with(comment)) {
    pos += comment.size();
    if (pos < line.size() && line[pos] == ' ')
      ++pos;
  }
  return pos;
}

std::size_t skip_spaces(std::string_view line, std::size_t pos) {
  while (pos < line.size() && space(line[pos]))
    ++pos;
  return pos;
}

// jupytext's is_magic (magics.py): a line, escaped zero or more times, that
// jupytext comments out in scripts. The "escape"/"noescape" overrides and
// lines inside multi-line strings are not handled.
bool is_magic(std::string_view line, const Syntax& syntax, bool explicit_code) {
  std::string_view c = syntax.comment;
  // ^\s*(# |#)*(%|%%|%%%)[a-zA-Z]
  std::size_t i = skip_escapes(line, c, skip_spaces(line, 0));
  std::size_t percents = 0;
  while (i + percents < line.size() && line[i + percents] == '%' && percents < 3)
    ++percents;
  if (percents > 0 && i + percents < line.size() && alpha(line[i + percents]))
    return true;
  if (!syntax.python)
    return false;
  // ^\s*(# |#)*\s*(\?|!)\s*[A-Za-z.~$\\/{}]
  std::size_t j = skip_spaces(line, i);
  if (j < line.size() && (line[j] == '?' || line[j] == '!')) {
    std::size_t k = skip_spaces(line, j + 1);
    if (k < line.size() &&
        (alpha(line[k]) || std::string_view(".~$\\/{}").find(line[k]) != std::string_view::npos))
      return true;
  }
  // ^(# |#)*\s*NAME\s*=\s*(%|%%|%%%|!)[a-zA-Z]
  std::size_t a = skip_spaces(line, skip_escapes(line, c, 0));
  if (a < line.size() && (alpha(line[a]) || line[a] == '_')) {
    std::size_t n = a + 1;
    while (n < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[n])) || line[n] == '_' || line[n] == '$'))
      ++n;
    n = skip_spaces(line, n);
    if (n < line.size() && line[n] == '=') {
      n = skip_spaces(line, n + 1);
      std::size_t m = n;
      while (m < line.size() && line[m] == '%' && m - n < 3)
        ++m;
      if (m == n && m < line.size() && line[m] == '!')
        ++m;
      if (m > n && m < line.size() && alpha(line[m]))
        return true;
    }
  }
  // ^\s*(# )*[^\s]*\?\s*$ (only where the cell is explicitly code)
  if (explicit_code) {
    std::size_t h = skip_spaces(line, 0);
    while (line.substr(h).starts_with(std::string(c) + " "))
      h += c.size() + 1;
    std::string_view word = rstrip(line.substr(h));
    if (!word.empty() && word.back() == '?' &&
        std::none_of(word.begin(), word.end(), [](char ch) { return space(ch); }))
      return true;
  }
  // ^(# |#)*(cat|cd|cp|mv|rm|rmdir|mkdir|copy|ddir|echo|ls|ldir|ren)($|\s$|\s[^=,])
  std::size_t w = skip_escapes(line, c, 0);
  for (std::string_view command : {"cat", "cd", "cp", "mv", "rm", "rmdir", "mkdir", "copy", "ddir",
                                   "echo", "ls", "ldir", "ren"}) {
    if (!line.substr(w).starts_with(command))
      continue;
    std::string_view after = line.substr(w + command.size());
    if (after.empty() ||
        (space(after[0]) && (after.size() == 1 || (after[1] != '=' && after[1] != ','))))
      return true;
  }
  return false;
}

// jupytext's unesc: one level of comment removed, indentation kept.
std::string unescape(std::string_view line, std::string_view comment) {
  std::string_view body = lstrip(line);
  std::string indent(line.substr(0, line.size() - body.size()));
  if (body.starts_with(std::string(comment) + " "))
    return indent + std::string(body.substr(comment.size() + 1));
  if (body.starts_with(comment))
    return indent + std::string(body.substr(comment.size()));
  return std::string(line);
}

// A code cell's lines as jupytext reads them back: magics uncommented once, and
// the continuation lines of a Python magic ending in "\\" with them.
std::vector<std::string> uncomment_magics(const std::vector<std::string_view>& body,
                                          const Syntax& syntax, bool explicit_code) {
  std::vector<std::string> lines;
  bool continued = false;
  for (std::string_view line : body) {
    if (continued || is_magic(line, syntax, explicit_code)) {
      lines.push_back(unescape(line, syntax.comment));
      continued = syntax.python && rstrip(line).ends_with("\\");
    } else {
      lines.emplace_back(line);
      continued = false;
    }
  }
  return lines;
}

// jupytext's paragraph_is_fully_commented: every line a comment, none a magic.
bool fully_commented(const std::vector<std::string_view>& lines, const Syntax& syntax) {
  for (std::string_view line : lines) {
    if (blank(line))
      continue;
    if (!line.starts_with(syntax.comment))
      return false;
    if (lstrip(line.substr(syntax.comment.size())).starts_with(syntax.comment))
      continue;
    if (is_magic(line, syntax, false))
      return false;
  }
  return true;
}

// "# %%", "#%% title", "# %% [markdown]": the percent cell marker.
bool percent_marker(std::string_view line, std::string_view comment, std::string_view& rest) {
  std::string_view body = lstrip(line);
  if (!body.starts_with(comment))
    return false;
  body.remove_prefix(comment.size());
  body = lstrip(body);
  if (!body.starts_with("%%"))
    return false;
  body.remove_prefix(2);
  while (body.starts_with("%"))
    body.remove_prefix(1);
  if (!body.empty() && body.front() != ' ' && body.front() != '\t')
    return false;
  rest = body;
  return true;
}

CellKind kind_of_marker(std::string_view rest) {
  if (rest.find("[markdown]") != std::string_view::npos ||
      rest.find("[md]") != std::string_view::npos)
    return CellKind::markdown;
  if (rest.find("[raw]") != std::string_view::npos)
    return CellKind::raw;
  return CellKind::code;
}

// A markdown cell body: comments, or a triple-quoted string (cell_markers '"""').
std::vector<std::string> markdown_body(const std::vector<std::string_view>& body,
                                       std::string_view comment) {
  std::vector<std::string> out;
  std::size_t first = 0, last = body.size();
  while (first < last && blank(body[first]))
    ++first;
  while (last > first && blank(body[last - 1]))
    --last;
  if (last - first >= 2 && rstrip(body[first]) == "\"\"\"" && rstrip(body[last - 1]) == "\"\"\"") {
    for (std::size_t i = first + 1; i + 1 < last; ++i)
      out.emplace_back(body[i]);
    return out;
  }
  for (std::size_t i = first; i < last; ++i)
    out.push_back(uncomment(body[i], comment));
  return out;
}

void add_cell(CellKind kind, const std::vector<std::string_view>& body, const Syntax& syntax,
              bool explicit_code, std::vector<Token>& out) {
  if (kind == CellKind::code)
    return add_code_lines(uncomment_magics(body, syntax, explicit_code), out);
  add_block(kind, markdown_body(body, syntax.comment), out);
}

std::vector<Token> read_percent(const std::vector<std::string_view>& lines, std::size_t start,
                                const Syntax& syntax) {
  std::string_view comment = syntax.comment;
  std::vector<Token> out;
  std::vector<std::string_view> body;
  std::optional<CellKind> kind;
  bool skip = false;
  auto flush = [&] {
    if (skip) {
    } else if (kind) {
      add_cell(*kind, body, syntax, true, out);
    } else if (std::any_of(body.begin(), body.end(), [](auto l) { return !blank(l); })) {
      // Text before the first marker: a markdown cell when it is all comments.
      add_cell(fully_commented(body, syntax) ? CellKind::markdown : CellKind::code, body, syntax,
               false, out);
    }
    body.clear();
  };
  for (std::size_t i = start; i < lines.size(); ++i) {
    std::string_view rest;
    if (percent_marker(lines[i], comment, rest)) {
      flush();
      kind = kind_of_marker(rest);
      skip = rest.find("language=") != std::string_view::npos;
    } else {
      body.push_back(lines[i]);
    }
  }
  flush();
  return out;
}

// "# +", "# + [markdown]", "# + tags=[...]": an explicit light cell start
// (jupytext: the comment, optional spaces, "+", anything).
bool light_start(std::string_view line, std::string_view comment, std::string_view& rest) {
  std::string_view body = rstrip(line);
  if (!body.starts_with(comment))
    return false;
  body = lstrip(body.substr(comment.size()));
  if (!body.starts_with("+"))
    return false;
  rest = body.substr(1);
  return true;
}

bool light_end(std::string_view line, std::string_view comment) {
  return rstrip(line) == std::string(comment) + " -";
}

std::vector<Token> read_light(const std::vector<std::string_view>& lines, std::size_t start,
                              const Syntax& syntax) {
  std::string_view comment = syntax.comment;
  std::vector<Token> out;
  std::size_t i = start;
  while (i < lines.size()) {
    std::string_view rest;
    if (blank(lines[i])) {
      ++i;
    } else if (light_start(lines[i], comment, rest)) {
      CellKind kind = kind_of_marker(rest);
      std::vector<std::string_view> body;
      // Up to its end marker, or the next start marker (jupytext omits "# -"
      // when the next cell is explicit too).
      std::string_view next;
      for (++i; i < lines.size() && !light_end(lines[i], comment) &&
                !light_start(lines[i], comment, next);
           ++i)
        body.push_back(lines[i]);
      if (i < lines.size() && light_end(lines[i], comment))
        ++i;
      if (rest.find("language=") == std::string_view::npos)
        add_cell(kind, body, syntax, true, out);
    } else {
      // A paragraph: a markdown cell when every line is a comment.
      std::vector<std::string_view> body;
      while (i < lines.size() && !blank(lines[i]) && !light_start(lines[i], comment, rest))
        body.push_back(lines[i++]);
      add_cell(fully_commented(body, syntax) ? CellKind::markdown : CellKind::code, body, syntax,
               false, out);
    }
  }
  return out;
}

std::string scalar_at(const YAML::Node& root, std::initializer_list<const char*> keys) {
  YAML::Node node = root;
  for (const char* key : keys) {
    if (!node.IsMap() || !node[key])
      return "";
    node.reset(node[key]); // rebind: operator= would write into the tree
  }
  if (node.IsScalar())
    return node.Scalar();
  if (node.IsSequence()) {
    std::string joined;
    for (const auto& item : node)
      if (item.IsScalar())
        joined += (joined.empty() ? "" : ",") + item.Scalar();
    return joined;
  }
  return "";
}

std::string_view string_at(const notebook::Value* value, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (!value || !value->is_object())
      return "";
    value = value->find(key);
  }
  return value && value->is_string() ? value->text : std::string_view();
}

} // namespace

std::optional<NotebookCells> read_notebook_cells(std::string_view bytes, std::string& error) {
  notebook::Arena arena;
  std::span<char> buffer = notebook::padded_copy(arena, bytes);
  try {
    notebook::Notebook nb = notebook::read_notebook(buffer);
    NotebookCells cells;
    const notebook::Value* metadata = nb.root().find("metadata");
    cells.language = string_at(metadata, {"kernelspec", "language"});
    if (cells.language.empty())
      cells.language = string_at(metadata, {"language_info", "name"});
    if (cells.language.empty())
      cells.language = "python";
    const notebook::Value* formats = nullptr;
    if (metadata && metadata->is_object())
      if (const notebook::Value* jt = metadata->find("jupytext"); jt && jt->is_object())
        formats = jt->find("formats");
    if (formats && formats->is_string() && !formats->text.empty())
      cells.formats = std::string(formats->text);
    for (notebook::Value* list : notebook::cell_lists(nb)) {
      for (const notebook::Value& cell : list->items) {
        std::string_view type = string_at(&cell, {"cell_type"});
        const notebook::Value* source = cell.find("source");
        if (!source)
          source = cell.find("input");
        std::string_view text = source && source->is_string() ? source->text : "";
        std::vector<std::string> lines;
        for (std::string_view line : lines_of(text))
          lines.emplace_back(line);
        if (type == "code") {
          // jupytext writes such cells with a language="..." marker; skipped on both sides.
          if (!lines.empty() && is_language_magic(lines.front()))
            continue;
          add_block(CellKind::code, lines, cells.tokens);
        } else {
          add_block(type == "raw" ? CellKind::raw : CellKind::markdown, lines, cells.tokens);
        }
      }
    }
    return cells;
  } catch (const notebook::NotebookError& e) {
    error = e.what();
    return std::nullopt;
  }
}

Header read_header(std::string_view text, std::string_view comment) {
  Header header;
  std::vector<std::string_view> lines = lines_of(text);
  std::string fence = comment.empty() ? "---" : std::string(comment) + " ---";
  std::size_t i = 0;
  // A shebang and an encoding line may come first in scripts.
  while (!comment.empty() && i < lines.size() && i < 2 &&
         (lines[i].starts_with("#!") || lines[i].find("coding") != std::string_view::npos) &&
         rstrip(lines[i]) != fence)
    ++i;
  if (i >= lines.size() || rstrip(lines[i]) != fence)
    return header;
  std::string yaml;
  std::size_t j = i + 1;
  for (; j < lines.size() && rstrip(lines[j]) != fence; ++j)
    yaml += (comment.empty() ? std::string(lines[j]) : uncomment(lines[j], comment)) + "\n";
  if (j >= lines.size())
    return header;
  header.end_line = j + 1;
  try {
    YAML::Node root = YAML::Load(yaml);
    if (std::string formats = scalar_at(root, {"jupyter", "jupytext", "formats"}); !formats.empty())
      header.formats = formats;
    if (std::string name =
            scalar_at(root, {"jupyter", "jupytext", "text_representation", "format_name"});
        !name.empty())
      header.format_name = name;
  } catch (const YAML::Exception&) {
    // Not a jupytext header after all: leave the fields empty.
  }
  return header;
}

std::optional<std::string> line_comment(std::string_view extension) {
  static const std::pair<std::string_view, std::string_view> k_comments[] = {
      {".py", "#"},   {".coco", "#"}, {".R", "#"},      {".r", "#"},        {".jl", "#"},
      {".sh", "#"},   {".ps1", "#"},  {".robot", "#"},  {".resource", "#"}, {".sos", "#"},
      {".sage", "#"}, {".tcl", "#"},  {".gp", "#"},     {".xsh", "#"},      {".cpp", "//"},
      {".js", "//"},  {".ts", "//"},  {".scala", "//"}, {".rs", "//"},      {".cs", "//"},
      {".fsx", "//"}, {".fs", "//"},  {".java", "//"},  {".groovy", "//"},  {".do", "//"},
      {".go", "//"},  {".ss", ";;"},  {".clj", ";;"},   {".scm", ";;"},     {".q", "/"},
      {".m", "%"},    {".pro", ";"},  {".hs", "--"},    {".lua", "--"}};
  for (const auto& [ext, comment] : k_comments)
    if (ext == extension)
      return std::string(comment);
  return std::nullopt;
}

std::optional<std::vector<Token>> read_script_cells(std::string_view text, std::string_view comment,
                                                    std::string_view format, bool python) {
  Syntax syntax{comment, python};
  std::vector<std::string_view> lines = lines_of(text);
  std::size_t start = read_header(text, comment).end_line;
  std::string name(format);
  if (name.empty()) {
    std::string_view rest;
    name = "light";
    for (std::size_t i = start; i < lines.size(); ++i)
      if (percent_marker(lines[i], comment, rest)) {
        name = "percent";
        break;
      }
  }
  if (name == "percent" || name == "hydrogen")
    return read_percent(lines, start, syntax);
  if (name == "light" || name == "nomarker")
    return read_light(lines, start, syntax);
  return std::nullopt;
}

std::vector<Token> read_markdown_code(std::string_view text, std::string_view language) {
  std::vector<Token> out;
  std::vector<std::string_view> lines = lines_of(text);
  std::string kernel(language);
  std::transform(kernel.begin(), kernel.end(), kernel.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  int region = 0;
  for (std::size_t i = read_header(text, "").end_line; i < lines.size(); ++i) {
    std::string_view line = rstrip(lines[i]);
    if (line.starts_with("<!-- #region") || line.starts_with("<!-- #raw") ||
        line.starts_with("<!-- #md"))
      ++region;
    else if (region > 0 && (line.starts_with("<!-- #end")))
      --region;
    if (!line.starts_with("```"))
      continue;
    std::size_t ticks = line.find_first_not_of('`');
    std::string fence(line.substr(0, ticks == std::string_view::npos ? line.size() : ticks));
    std::string info(lstrip(line.substr(fence.size())));
    std::string lang = info.substr(0, info.find_first_of(" {"));
    std::string lower = lang;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    bool code = region == 0 && !lang.empty() &&
                (lower == kernel || (kernel.starts_with("python") && lower == "python"));
    std::vector<std::string> body;
    for (++i; i < lines.size() && rstrip(lines[i]) != fence; ++i)
      body.emplace_back(lines[i]);
    if (code)
      add_code_lines(body, out);
  }
  return out;
}

std::vector<Token> code_only(const std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (const Token& token : tokens)
    if (token.kind == CellKind::code)
      out.push_back(token);
  return out;
}

} // namespace preflight::jupytext
