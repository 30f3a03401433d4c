// nbstripout's strip_output(), step for step (see docs/notebooks.md for the
// order of operations). Instead of deep-copying the notebook and comparing,
// every step reports whether it changed something, which gives the same
// answer as nbstripout's `nb_orig != nb_stripped`.
#include "notebook/strip.hpp"

#include "notebook/utf8.hpp"
#include "notebook/writer.hpp"

#include <algorithm>

namespace preflight::notebook {

namespace {

[[noreturn]] void invalid(const std::string& message) {
  throw NotebookError(FailureKind::not_notebook, message);
}

// nbstripout's pop_recursive: try the whole key, then descend at the first dot.
bool pop_recursive(Value& d, std::string_view key) {
  if (!d.is_object())
    return false;
  if (d.erase(key))
    return true;
  std::size_t dot = key.find('.');
  if (dot == std::string_view::npos)
    return false;
  Value* head = d.find(key.substr(0, dot));
  return head && pop_recursive(*head, key.substr(dot + 1));
}

// The NAMEs when every key of keys is "metadata.NAME" with a NAME without a
// dot (as the default keys of cells are), else nullopt.
std::optional<std::vector<std::string_view>> metadata_names(const std::vector<std::string>& keys) {
  constexpr std::string_view prefix = "metadata.";
  std::vector<std::string_view> names;
  for (const std::string& key : keys) {
    std::string_view name = std::string_view(key).substr(std::min(key.size(), prefix.size()));
    if (!key.starts_with(prefix) || name.empty() || name.find('.') != std::string_view::npos)
      return std::nullopt;
    names.push_back(name);
  }
  return names;
}

// pop_recursive(cell, "metadata." + name) for each of names, in one pass over
// the cell's metadata: the same when no key of the cell starts with
// "metadata." (else nullopt: the caller pops the keys one by one). Whether
// anything was removed.
std::optional<bool> pop_metadata_names(Value& cell, const std::vector<std::string_view>& names) {
  constexpr std::string_view prefix = "metadata.";
  Value* meta = nullptr;
  for (Member& m : cell.members) {
    if (m.key.size() > prefix.size() && m.key.starts_with(prefix))
      return std::nullopt;
    if (!meta && same_key(m.key, "metadata"))
      meta = &m.value;
  }
  if (!meta || !meta->is_object())
    return false;
  auto listed = [&](const Member& m) {
    return std::any_of(names.begin(), names.end(),
                       [&](std::string_view name) { return same_key(m.key, name); });
  };
  auto kept = std::remove_if(meta->members.begin(), meta->members.end(), listed);
  bool removed = kept != meta->members.end();
  meta->members.erase(kept, meta->members.end());
  return removed;
}

// Python's `item in container` for a tags value (a list, or a string).
bool contains(const Value* container, std::string_view item) {
  if (!container)
    return false;
  if (container->is_string())
    return container->text.find(item) != std::string_view::npos;
  if (container->is_array())
    for (const Value& v : container->items)
      if (v.is_string() && v.text == item)
        return true;
  return false;
}

const Value* tags_of(const Value& cell) {
  const Value* meta = cell.find("metadata");
  return meta ? meta->find("tags") : nullptr;
}

bool has_source_text(const Value& cell) {
  const Value* source = cell.find("source");
  if (!source)
    return false;
  if (source->is_string())
    return has_non_space(source->text);
  if (source->is_array())
    return std::any_of(source->items.begin(), source->items.end(), [](const Value& line) {
      return line.is_string() && has_non_space(line.text);
    });
  return true;
}

// Whether nbstripout's get_size(v) exceeds limit, without counting further
// than needed (base64 images are large and never kept by size).
bool size_exceeds(const Value& v, std::uint64_t limit, std::uint64_t& used) {
  switch (v.kind) {
  case Kind::null:
    used += 4; // len("None")
    break;
  case Kind::boolean: used += v.boolean ? 4 : 5; break;
  case Kind::number: used += python_str(v.text).size(); break;
  case Kind::string:
    // A string has at least size/4 code points: decide from bytes when we can.
    if (used + v.text.size() / 4 > limit)
      return true;
    used += code_points(v.text);
    break;
  case Kind::array:
    for (const Value& item : v.items)
      if (size_exceeds(item, limit, used))
        return true;
    break;
  case Kind::object:
    for (const Member& m : v.members)
      if (size_exceeds(m.value, limit, used))
        return true;
    break;
  }
  return used > limit;
}

struct OutputType {
  std::string type;
  std::optional<std::string> name;
};

std::vector<OutputType> parse_types(const std::vector<std::string>& specs) {
  std::vector<OutputType> types;
  for (const std::string& spec : specs) {
    std::size_t colon = spec.find(':');
    if (colon == std::string::npos)
      types.push_back({spec, std::nullopt});
    else if (spec.find(':', colon + 1) != std::string::npos)
      invalid("invalid output type '" + spec + "' (expected TYPE or TYPE:NAME)");
    else
      types.push_back({spec.substr(0, colon), spec.substr(colon + 1)});
  }
  return types;
}

bool matches(const Value& output, const std::vector<OutputType>& types) {
  const Value* type = output.find("output_type");
  const Value* name = output.find("name");
  for (const OutputType& t : types)
    if (type && type->is_string() && type->text == t.type &&
        (!t.name || (name && name->is_string() && name->text == *t.name)))
      return true;
  return false;
}

// nbstripout's determine_keep_output.
bool keep_output_of(const Value& cell, bool fallback, bool strip_init_cells) {
  const Value* meta = cell.find("metadata");
  if (!meta || !meta->is_object())
    return fallback;
  if (const Value* init = meta->find("init_cell"))
    return init->truthy() && !strip_init_cells;
  const Value* keep = meta->find("keep_output");
  bool keep_value = keep && keep->truthy();
  bool tagged = contains(meta->find("tags"), "keep_output");
  if (keep && tagged && !keep_value)
    throw NotebookError(FailureKind::metadata_conflict,
                        "MetadataError: cell metadata contradicts tags: `keep_output` is false, "
                        "but `keep_output` in tags");
  if (keep || tagged)
    return keep_value || tagged;
  return fallback;
}

bool set_null(Value& object, std::string_view key) {
  Value* v = object.find(key);
  if (!v || v->is_null())
    return false;
  *v = Value{};
  return true;
}

template <class Pred> bool remove_items(List<Value>& items, Pred pred) {
  auto it = std::remove_if(items.begin(), items.end(), pred);
  bool removed = it != items.end();
  items.erase(it, items.end());
  return removed;
}

} // namespace

const std::vector<std::string>& default_extra_keys() {
  static const std::vector<std::string> keys = {
      "metadata.signature",        "metadata.widgets",        "cell.metadata.collapsed",
      "cell.metadata.ExecuteTime", "cell.metadata.execution", "cell.metadata.heading_collapsed",
      "cell.metadata.hidden",      "cell.metadata.scrolled"};
  return keys;
}

KeyList removal_keys(const StripOptions& options) {
  std::vector<std::string> all = default_extra_keys();
  all.insert(all.end(), options.extra_keys.begin(), options.extra_keys.end());
  KeyList keys;
  for (const std::string& key : all) {
    if (std::find(options.keep_metadata_keys.begin(), options.keep_metadata_keys.end(), key) !=
        options.keep_metadata_keys.end())
      continue;
    std::size_t dot = key.find('.');
    std::string_view head = std::string_view(key).substr(0, dot);
    if (dot == std::string::npos || (head != "cell" && head != "metadata"))
      keys.invalid.push_back(key);
    else
      (head == "cell" ? keys.cell : keys.metadata).push_back(key.substr(dot + 1));
  }
  return keys;
}

DropKeys droppable_keys(const KeyList& keys) {
  // Keys that strip() reads before it removes anything (keep_output_of,
  // --drop-tagged-cells) or that reading removes (trusted) are built.
  static constexpr std::string_view k_read_cell[] = {"init_cell", "keep_output", "tags", "trusted"};
  // Removed by pop_recursive(d, key) whatever its value (nothing descends into it).
  auto plain = [](const std::vector<std::string>& list, std::string_view key) {
    if (key.empty() || key.find('.') != std::string_view::npos)
      return false;
    return std::none_of(list.begin(), list.end(), [&](const std::string& other) {
      return other.size() > key.size() + 1 && other.starts_with(key) && other[key.size()] == '.';
    });
  };
  DropKeys drop;
  for (const std::string& key : keys.metadata)
    if (key != "keep_output" && plain(keys.metadata, key))
      drop.notebook_metadata.push_back(key);
  constexpr std::string_view prefix = "metadata.";
  std::vector<std::string> below; // keys.cell relative to the cell's metadata
  for (const std::string& key : keys.cell)
    if (key.starts_with(prefix))
      below.push_back(key.substr(prefix.size()));
  for (const std::string& key : keys.cell) {
    if (!key.starts_with(prefix))
      continue;
    std::string_view name = std::string_view(key).substr(prefix.size());
    if (std::find(std::begin(k_read_cell), std::end(k_read_cell), name) == std::end(k_read_cell) &&
        plain(below, name))
      drop.cell_metadata.push_back(name);
  }
  return drop;
}

std::optional<std::uint64_t> parse_max_size(std::string_view text) {
  if (text.empty())
    return std::nullopt;
  std::uint64_t multiplier = 1;
  switch (text.back()) {
  case 'k':
  case 'K': multiplier = 1000; break;
  case 'm':
  case 'M': multiplier = 1000 * 1000; break;
  case 'g':
  case 'G': multiplier = 1000 * 1000 * 1000; break;
  default: break;
  }
  if (multiplier != 1)
    text.remove_suffix(1);
  if (text.empty() || text.size() > 12 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoull(std::string(text)) * multiplier;
}

bool strip(Notebook& nb, const StripOptions& options, const KeyList& keys,
           std::size_t* dropped_unread) {
  Value* metadata = nb.root().find("metadata");
  if (!metadata || !metadata->is_object())
    invalid("the notebook has no metadata object (AttributeError: metadata)");
  bool changed = false;
  std::optional<bool> keep_output = options.keep_output;
  if (!keep_output)
    if (const Value* keep = metadata->find("keep_output"))
      keep_output = keep->truthy();
  for (const std::string& key : keys.metadata)
    changed |= pop_recursive(*metadata, key);

  std::vector<OutputType> keep_types = parse_types(options.keep_output_types);
  std::vector<OutputType> drop_types = parse_types(options.drop_output_types);
  std::optional<std::vector<std::string_view>> names = metadata_names(keys.cell);
  std::size_t index = 0;
  for (Value* cells : cell_lists(nb)) {
    for (const Value& cell : cells->items)
      if (!cell.is_object())
        invalid("cell " + std::to_string(index) + " is not an object");
    // nbstripout 0.9.1 drops only the last of several tags (a late-binding
    // lambda); we drop all of them, as its help text says.
    changed |= remove_items(cells->items, [&](const Value& cell) {
      if (options.drop_empty_cells && !has_source_text(cell))
        return true;
      return std::any_of(options.drop_tagged_cells.begin(), options.drop_tagged_cells.end(),
                         [&](const std::string& tag) { return contains(tags_of(cell), tag); });
    });
    for (Value& cell : cells->items) {
      bool keep = keep_output_of(cell, keep_output.value_or(false), options.strip_init_cells);
      Value* outputs = cell.find("outputs");
      if (outputs && outputs->lazy == Lazy::all_sized && !keep && keep_types.empty() &&
          options.max_size == 0) {
        // Every output has a size above 0, so all go, without building them.
        changed |= outputs->count > 0;
        if (dropped_unread)
          *dropped_unread += outputs->text.size();
        *outputs = Value::make_array();
      } else if (outputs && outputs->is_array()) {
        load_outputs(nb, cell);
        if (!keep || !keep_types.empty())
          changed |= remove_items(outputs->items, [&](const Value& output) {
            std::uint64_t used = 0;
            return size_exceeds(output, options.max_size, used) && !matches(output, keep_types);
          });
        if (!options.keep_count)
          for (Value& output : outputs->items)
            changed |= set_null(output, "execution_count");
        if (!drop_types.empty())
          changed |= remove_items(outputs->items,
                                  [&](const Value& output) { return matches(output, drop_types); });
      }
      if (!options.keep_count) {
        changed |= set_null(cell, "prompt_number");
        changed |= set_null(cell, "execution_count");
      }
      if (Value* id = cell.find("id"); id && !options.keep_id) {
        std::string fresh = std::to_string(index);
        if (!id->is_string() || id->text != fresh) {
          *id = Value::make_string(nb.doc.own(std::move(fresh)));
          changed = true;
        }
      }
      std::optional<bool> popped;
      if (names && !names->empty())
        popped = pop_metadata_names(cell, *names);
      if (popped)
        changed |= *popped;
      else
        for (const std::string& key : keys.cell)
          changed |= pop_recursive(cell, key);
      ++index;
    }
  }
  return changed;
}

bool strip_zeppelin(Document& doc) {
  Value* paragraphs = doc.root.find("paragraphs");
  if (!paragraphs || !paragraphs->is_array())
    invalid("the notebook has no paragraphs list (is it a Zeppelin notebook?)");
  bool changed = false;
  for (Value& paragraph : paragraphs->items) {
    Value* results = paragraph.find("results");
    if (!results)
      continue;
    changed |= !(results->is_object() && results->members.empty());
    *results = Value::make_object();
  }
  return changed;
}

StripResult strip_notebook(std::string_view input, const StripOptions& options, bool render) {
  Arena arena;
  return strip_notebook_buffer(padded_copy(arena, input), options, render);
}

namespace {

// Room for the output of a notebook of input_size bytes of which stripping
// dropped `dropped` unread, reserved up front: growing by doubling copies what
// was written into fresh memory. No more than that: in a heap in huge pages
// (util/huge_heap.hpp) unused room pushes later blocks into another huge page.
std::size_t output_room(std::size_t input_size, std::size_t dropped) {
  std::size_t left = input_size - std::min(dropped, input_size);
  return left + left / 8 + 4096;
}

} // namespace

StripResult strip_notebook_buffer(std::span<char> input, const StripOptions& options, bool render) {
  StripResult result;
  try {
    if (options.mode == Mode::zeppelin) {
      Document doc = read_json(input);
      result.changed = strip_zeppelin(doc);
      if (render) {
        result.output.reserve(output_room(input.size(), 0));
        write_zeppelin(doc, result.output);
      }
    } else {
      KeyList keys = removal_keys(options);
      DropKeys drop = droppable_keys(keys);
      // Sources as the writer would split them are not joined to be split again.
      Notebook nb = read_notebook(input, &drop, true);
      std::size_t dropped = 0;
      result.changed = strip(nb, options, keys, &dropped);
      if (render) {
        result.output.reserve(output_room(input.size(), dropped));
        write_notebook(nb, result.output);
      }
    }
  } catch (const NotebookError& e) {
    result.failure = Failure{e.kind(), e.what(), e.line(), e.column(), e.offset()};
    result.output.clear();
  }
  return result;
}

} // namespace preflight::notebook
