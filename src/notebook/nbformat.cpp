// nbformat's readers and writers for versions 1 to 4. The Python originals
// walk the tree with attribute access and fail with AttributeError or
// TypeError on malformed input; we fail with a NotebookError for the
// structures nbstripout cannot do without (metadata, cells, worksheets) and
// otherwise skip what does not have the expected type.
#include "notebook/nbformat.hpp"

#include "notebook/utf8.hpp"
#include "notebook/writer.hpp"

#include <algorithm>
#include <set>

namespace preflight::notebook {

namespace {

[[noreturn]] void invalid(const std::string& message) {
  throw NotebookError(FailureKind::not_notebook, message);
}

bool all_strings(const Value& list) {
  for (const Value& v : list.items)
    if (!v.is_string())
      return false;
  return true;
}

// "".join(list), or sep.join(list); a view when there is nothing to join.
void join(Document& doc, Value& v, std::string_view sep) {
  if (!v.is_array() || !all_strings(v))
    return;
  std::string_view joined;
  if (v.items.size() == 1) {
    joined = v.items[0].text;
  } else if (!v.items.empty()) {
    // Written straight into the arena, at its final size.
    std::size_t size = sep.size() * (v.items.size() - 1);
    for (const Value& item : v.items)
      size += item.text.size();
    if (size > 0) {
      char* out = doc.arena().allocate(size);
      char* p = out;
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i && !sep.empty())
          p = std::copy(sep.begin(), sep.end(), p);
        p = std::copy(v.items[i].text.begin(), v.items[i].text.end(), p);
      }
      joined = std::string_view(out, size);
    }
  }
  v = Value::make_string(joined);
}

// Whether v is a list of strings that "".join and splitlines(keepends=True)
// give back as it is: then nbformat's reading and writing leave it as it was.
bool splits_back(const Value& v) {
  if (!v.is_array())
    return false;
  const std::size_t n = v.items.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Value& line = v.items[i];
    if (!line.is_string() || !is_kept_line(line.text, i + 1 == n))
      return false;
    // "a\r" + "\nb": one line "a\r\n" once joined.
    if (line.text.back() == '\r' && i + 1 < n && v.items[i + 1].is_string() &&
        v.items[i + 1].text.starts_with('\n'))
      return false;
  }
  return true;
}

// nbformat 3's _join_lines: "" when lines came from splitlines(True), else "\n".
void join_v3(Document& doc, Value& v) {
  if (!v.is_array() || !all_strings(v))
    return;
  bool keep_ends = !v.items.empty() && !v.items[0].text.empty() &&
                   (v.items[0].text.back() == '\n' || v.items[0].text.back() == '\r');
  join(doc, v, keep_ends ? "" : "\n");
}

// Splits multi-line strings for writing (see Splitter::split).
class Splitter {
public:
  explicit Splitter(Arena& arena) : m_arena(arena) {}

  // splitlines(keep_ends) of a string value, as a list in exactly as many
  // arena slots as lines. The lines are found in a scratch vector that all
  // the strings of a notebook share.
  void split(Value& v, bool keep_ends) {
    if (!v.is_string())
      return;
    split_lines(v.text, keep_ends, m_lines);
    Value list = Value::make_array();
    list.items.reserve(m_lines.size(), m_arena);
    for (std::string_view line : m_lines)
      list.items.push_back(Value::make_string(line), m_arena);
    v = list;
  }

private:
  Arena& m_arena;
  std::vector<std::string_view> m_lines;
};

bool is_json_mime(std::string_view mime) {
  return mime == "application/json" ||
         (mime.starts_with("application/") && mime.ends_with("+json"));
}

bool text_of(const Value* v, std::string_view s) {
  return v && v->is_string() && v->text == s;
}

Value& require_object(Value* v, const char* what) {
  if (!v || !v->is_object())
    invalid(what);
  return *v;
}

// nbformat 3's "\n" join for version 2.
void join_v2(Document& doc, Value& v) {
  join(doc, v, "\n");
}

// The part of nbformat's rejoin_lines for a cell's outputs (versions 2 to 4).
void rejoin_outputs(Notebook& nb, Value& cell) {
  Value* outputs = cell.find("outputs");
  if (!text_of(cell.find("cell_type"), "code") || !outputs || !outputs->is_array())
    return;
  if (nb.major == 4) {
    for (Value& output : outputs->items) {
      const Value* type = output.find("output_type");
      if (text_of(type, "execute_result") || text_of(type, "display_data")) {
        if (Value* data = output.find("data"); data && data->is_object())
          for (Member& m : data->members)
            if (!is_json_mime(m.key))
              join(nb.doc, m.value, "");
      } else if (type && type->truthy()) {
        if (Value* text = output.find("text"))
          join(nb.doc, *text, "");
      }
    }
  } else if (nb.major == 3 || nb.major == 2) {
    for (Value& output : outputs->items)
      for (const char* key : {"text", "html", "svg", "latex", "javascript", "json"})
        if (Value* item = output.find(key))
          (nb.major == 3 ? join_v3 : join_v2)(nb.doc, *item);
  }
}

// Loads every lazy array left below v (none of them in a cells list).
void load_all(Document& doc, Value& v) {
  doc.load(v);
  for (Value& item : v.items)
    load_all(doc, item);
  for (Member& m : v.members)
    load_all(doc, m.value);
}

// nbformat 4: rejoin_lines and strip_transient. With keep_source_lines, a
// cell's source that the writer would split back into the same list is left
// a list (see read_notebook).
void read_v4(Notebook& nb, bool keep_source_lines) {
  Value& root = nb.root();
  Value& metadata = require_object(root.find("metadata"), "the notebook has no metadata object");
  Value* cells = root.find("cells");
  if (!cells || !cells->is_array())
    invalid("the notebook has no cells list");
  std::size_t index = 0;
  for (Value& cell : cells->items) {
    // (messages are built only on failure: this loop runs for every cell)
    if (!cell.is_object())
      invalid("cell " + std::to_string(index) + " is not an object");
    Value* cell_meta = cell.find("metadata");
    if (!cell_meta || !cell_meta->is_object())
      invalid("cell " + std::to_string(index) + " has no metadata object");
    ++index;
    if (Value* source = cell.find("source"); source && !(keep_source_lines && splits_back(*source)))
      join(nb.doc, *source, "");
    if (Value* attachments = cell.find("attachments"); attachments && attachments->is_object())
      for (Member& a : attachments->members)
        for (Member& m : a.value.members)
          if (!is_json_mime(m.key))
            join(nb.doc, m.value, "");
    rejoin_outputs(nb, cell); // nothing yet when they are lazy (see load_outputs)
    cell_meta->erase("trusted");
  }
  metadata.erase("orig_nbformat");
  metadata.erase("orig_nbformat_minor");
  metadata.erase("signature");
}

// nbformat 4.5's validator gives cells without an id, or with an id seen
// before, a fresh one. nbformat's are random; ours are deterministic.
void repair_ids(Notebook& nb) {
  Value& cells = *nb.root().find("cells");
  // Nearly always every cell has an id and no two are the same: found in
  // one sorted vector (not a tree of one node per cell).
  std::vector<std::pair<Kind, std::string_view>> ids;
  ids.reserve(cells.items.size());
  for (Value& cell : cells.items) {
    Value* id = cell.find("id");
    if (!id)
      break;
    ids.emplace_back(id->kind, id->text);
  }
  if (ids.size() == cells.items.size()) {
    std::sort(ids.begin(), ids.end());
    if (std::adjacent_find(ids.begin(), ids.end()) == ids.end())
      return;
  }
  std::set<std::pair<Kind, std::string_view>> seen;
  std::vector<Value*> repair;
  for (Value& cell : cells.items) {
    Value* id = cell.find("id");
    if (!id)
      repair.push_back(&cell);
    else if (!seen.insert({id->kind, id->text}).second)
      repair.push_back(&cell);
  }
  unsigned counter = 0;
  for (Value* cell : repair) {
    std::string fresh;
    do {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%08x", 0x9e3779b9u * ++counter);
      fresh = buf;
    } while (seen.count({Kind::string, fresh}));
    std::string_view text = nb.doc.own(fresh);
    seen.insert({Kind::string, text});
    if (Value* id = cell->find("id"))
      *id = Value::make_string(text);
    else
      cell->members.push_back(Member{"id", Value::make_string(text)}, nb.doc.arena());
  }
}

using JoinFn = void (*)(Document&, Value&);

// nbformat 2 and 3: rejoin_lines over worksheets.
void read_worksheets(Notebook& nb, JoinFn join_fn) {
  for (Value* cells : cell_lists(nb)) {
    for (Value& cell : cells->items) {
      if (!cell.is_object())
        invalid("a cell is not an object");
      if (text_of(cell.find("cell_type"), "code")) {
        if (Value* input = cell.find("input"))
          join_fn(nb.doc, *input);
        rejoin_outputs(nb, cell);
      } else {
        for (const char* key : {"source", "rendered"})
          if (Value* item = cell.find(key))
            join_fn(nb.doc, *item);
      }
      if (nb.major == 3) { // strip_transient
        if (Value* meta = cell.find("metadata"))
          meta->erase("trusted");
        cell.erase("trusted");
      }
    }
  }
  if (nb.major == 3) {
    nb.root().erase("orig_nbformat");
    nb.root().erase("orig_nbformat_minor");
  }
}

void split_v4(Notebook& nb) {
  Splitter splitter(nb.doc.arena());
  for (Value& cell : nb.root().find("cells")->items) {
    if (Value* source = cell.find("source"))
      splitter.split(*source, true);
    auto split_bundle = [&](Value& bundle) {
      for (Member& m : bundle.members)
        if (m.key.starts_with("text/") || m.key == "application/javascript" ||
            m.key == "image/svg+xml")
          splitter.split(m.value, true);
    };
    if (Value* attachments = cell.find("attachments"); attachments && attachments->is_object())
      for (Member& a : attachments->members)
        split_bundle(a.value);
    Value* outputs = cell.find("outputs");
    if (!text_of(cell.find("cell_type"), "code") || !outputs || !outputs->is_array())
      continue;
    for (Value& output : outputs->items) {
      const Value* type = output.find("output_type");
      if (text_of(type, "execute_result") || text_of(type, "display_data")) {
        if (Value* data = output.find("data"))
          split_bundle(*data);
      } else if (text_of(type, "stream")) {
        if (Value* text = output.find("text"))
          splitter.split(*text, true);
      }
    }
  }
}

void split_worksheets(Notebook& nb, bool keep_ends) {
  Splitter splitter(nb.doc.arena());
  for (Value* cells : cell_lists(nb)) {
    for (Value& cell : cells->items) {
      if (text_of(cell.find("cell_type"), "code")) {
        if (Value* input = cell.find("input"))
          splitter.split(*input, keep_ends);
        if (Value* outputs = cell.find("outputs"); outputs && outputs->is_array())
          for (Value& output : outputs->items)
            for (const char* key : {"text", "html", "svg", "latex", "javascript", "json"})
              if (Value* item = output.find(key))
                splitter.split(*item, keep_ends);
      } else {
        for (const char* key : {"source", "rendered"})
          if (Value* item = cell.find(key))
            splitter.split(*item, keep_ends);
      }
    }
  }
}

int version_of(const Value* v, int fallback, bool major) {
  if (!v || (!major && !v->truthy()))
    return fallback;
  if (v->kind == Kind::number && v->text.size() == 1 && v->text[0] >= '0' && v->text[0] <= '9')
    return v->text[0] - '0';
  if (!major)
    return 0;
  std::string shown = v->is_string() ? "'" + std::string(v->text) + "'" : std::string(v->text);
  invalid("Unsupported nbformat version " + shown);
}

} // namespace

Document read_json(std::span<char> buffer) {
  ParseError error;
  std::optional<Document> doc = parse_buffer(buffer, error);
  if (!doc)
    throw NotebookError(FailureKind::not_json, error.message, error.line, error.column,
                        error.offset);
  return std::move(*doc);
}

Notebook read_notebook(std::span<char> buffer, const DropKeys* drop, bool keep_source_lines) {
  ParseError error;
  std::optional<Document> doc = parse_notebook_buffer(buffer, error, drop);
  if (!doc)
    throw NotebookError(FailureKind::not_json, error.message, error.line, error.column,
                        error.offset);
  Notebook nb{std::move(*doc)};
  Value& root = nb.root();
  if (!root.is_object())
    invalid("the top-level JSON value is not an object (AttributeError: 'list' object has no "
            "attribute 'get')");
  const Value* format = root.find("nbformat");
  nb.major = version_of(format, 1, true);
  nb.minor = version_of(root.find("nbformat_minor"), 0, false);
  if (nb.major < 1 || nb.major > 4)
    invalid("Unsupported nbformat version " + std::to_string(nb.major));
  nb.worksheets = format && nb.major < 4;
  if (nb.major == 4) {
    read_v4(nb, keep_source_lines);
    if (nb.minor >= 5)
      repair_ids(nb);
  } else if (nb.major == 3) {
    read_worksheets(nb, join_v3);
  } else if (nb.major == 2) {
    read_worksheets(nb, join_v2);
  }
  return nb;
}

std::vector<Value*> cell_lists(Notebook& nb) {
  std::vector<Value*> lists;
  if (!nb.worksheets) {
    Value* cells = nb.root().find("cells");
    if (!cells || !cells->is_array())
      invalid("the notebook has no cells list");
    lists.push_back(cells);
    return lists;
  }
  Value* worksheets = nb.root().find("worksheets");
  if (!worksheets || !worksheets->is_array())
    invalid("the notebook has no worksheets list");
  for (Value& ws : worksheets->items) {
    Value* cells = ws.find("cells");
    if (!cells || !cells->is_array())
      invalid("a worksheet has no cells list");
    lists.push_back(cells);
  }
  return lists;
}

void load_outputs(Notebook& nb, Value& cell) {
  Value* outputs = cell.find("outputs");
  if (!outputs || outputs->lazy == Lazy::no)
    return;
  nb.doc.load(*outputs);
  if (nb.major >= 2)
    rejoin_outputs(nb, cell);
}

void write_notebook(Notebook& nb, std::string& out) {
  // Outputs that stripping kept are built now (and rejoined, as on reading).
  std::vector<Value*> lists;
  try {
    lists = cell_lists(nb);
  } catch (const NotebookError&) {
  }
  for (Value* cells : lists)
    for (Value& cell : cells->items)
      if (cell.is_object())
        load_outputs(nb, cell);
  load_all(nb.doc, nb.root()); // anywhere else (outside the cells lists: no rejoining)
  WriteStyle style;
  switch (nb.major) {
  case 4: split_v4(nb); break;
  case 3:
    split_worksheets(nb, true);
    style.ensure_ascii = true;
    break;
  case 2:
    split_worksheets(nb, false);
    style.ensure_ascii = true;
    break;
  default: style = WriteStyle{4, false, true}; break;
  }
  try {
    write_json(nb.root(), style, out);
  } catch (const EncodeError& e) {
    throw NotebookError(FailureKind::encode, e.message);
  }
  if (out.empty() || out.back() != '\n')
    out += '\n';
}

void write_zeppelin(const Document& doc, std::string& out) {
  write_json(doc.root, WriteStyle{2, false, true}, out);
  out += '\n';
}

} // namespace preflight::notebook
