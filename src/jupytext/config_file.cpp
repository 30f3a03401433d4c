#include "jupytext/config_file.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace preflight::jupytext {

namespace {

constexpr std::array<std::string_view, 10> k_names = {
    "jupytext",  "jupytext.toml",  "jupytext.yml",  "jupytext.yaml",  "jupytext.json",
    ".jupytext", ".jupytext.toml", ".jupytext.yml", ".jupytext.yaml", ".jupytext.json"};

// A TOML value, as far as a formats option needs one.
struct TomlValue {
  enum class Kind { string, array, table, other } kind = Kind::other;
  std::string text;
  std::vector<TomlValue> items;
  // A table's members, as two lists (clang 14's checks reject a std::pair
  // holding the type being defined).
  std::vector<std::string> member_keys;
  std::vector<TomlValue> member_values;
  void add_member(std::string key, TomlValue value) {
    member_keys.push_back(std::move(key));
    member_values.push_back(std::move(value));
  }
};

class TomlError : public std::runtime_error {
public:
  TomlError(int line, const std::string& message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message) {}
};

// Reads a TOML document and keeps the value at one dotted path, which may be
// a key, a [table] or an [[array of tables]].
class TomlReader {
public:
  TomlReader(std::string_view text, std::vector<std::string> target)
      : m_text(text), m_target(std::move(target)) {}

  std::optional<TomlValue> read() {
    while (true) {
      skip_space_and_comments(true);
      if (m_pos >= m_text.size())
        break;
      if (peek() == '[')
        header();
      else
        key_value();
    }
    return m_result;
  }

  bool saw_prefix() const { return m_saw_prefix; }

private:
  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  void advance() {
    if (peek() == '\n')
      ++m_line;
    ++m_pos;
  }
  [[noreturn]] void fail(const std::string& message) const { throw TomlError(m_line, message); }

  void skip_space_and_comments(bool newlines) {
    while (m_pos < m_text.size()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
        advance();
      } else if (c == '#') {
        while (m_pos < m_text.size() && peek() != '\n')
          advance();
      } else {
        break;
      }
    }
  }

  std::string basic_string() {
    bool multi = m_text.substr(m_pos, 3) == "\"\"\"";
    m_pos += multi ? 3 : 1;
    std::string out;
    while (true) {
      if (m_pos >= m_text.size())
        fail("unterminated string");
      if (multi ? m_text.substr(m_pos, 3) == "\"\"\"" : peek() == '"') {
        m_pos += multi ? 3 : 1;
        return out;
      }
      char c = peek();
      if (c == '\n' && !multi)
        fail("unterminated string");
      if (c == '\\') {
        advance();
        char e = peek();
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        default: out += '\\'; out += e;
        }
        advance();
        continue;
      }
      out += c;
      advance();
    }
  }

  std::string literal_string() {
    bool multi = m_text.substr(m_pos, 3) == "'''";
    m_pos += multi ? 3 : 1;
    std::string out;
    while (true) {
      if (m_pos >= m_text.size() || (!multi && peek() == '\n'))
        fail("unterminated string");
      if (multi ? m_text.substr(m_pos, 3) == "'''" : peek() == '\'') {
        m_pos += multi ? 3 : 1;
        return out;
      }
      out += peek();
      advance();
    }
  }

  std::string key_part() {
    if (peek() == '"')
      return basic_string();
    if (peek() == '\'')
      return literal_string();
    std::string out;
    while (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_' || peek() == '-')
      out += m_text[m_pos++];
    if (out.empty())
      fail("expected a key");
    return out;
  }

  std::vector<std::string> dotted_key() {
    std::vector<std::string> key;
    while (true) {
      skip_space_and_comments(false);
      key.push_back(key_part());
      skip_space_and_comments(false);
      if (peek() != '.')
        return key;
      ++m_pos;
    }
  }

  TomlValue value() {
    // Arrays and inline tables recurse: a file of "[[[[..." must not exhaust the
    // stack. No real configuration nests this deep.
    if (m_depth >= k_max_depth)
      fail("values nested deeper than " + std::to_string(k_max_depth) + " levels");
    struct Deeper {
      int& depth;
      explicit Deeper(int& d) : depth(++d) {}
      ~Deeper() { --depth; }
      Deeper(const Deeper&) = delete;
      Deeper& operator=(const Deeper&) = delete;
    } deeper(m_depth);
    skip_space_and_comments(false);
    TomlValue v;
    char c = peek();
    if (c == '"') {
      v.kind = TomlValue::Kind::string;
      v.text = basic_string();
    } else if (c == '\'') {
      v.kind = TomlValue::Kind::string;
      v.text = literal_string();
    } else if (c == '[') {
      v.kind = TomlValue::Kind::array;
      ++m_pos;
      while (true) {
        skip_space_and_comments(true);
        if (peek() == ']') {
          ++m_pos;
          break;
        }
        v.items.push_back(value());
        skip_space_and_comments(true);
        if (peek() == ',')
          ++m_pos;
        else if (peek() != ']')
          fail("expected , or ] in an array");
      }
    } else if (c == '{') {
      v.kind = TomlValue::Kind::table;
      ++m_pos;
      while (true) {
        skip_space_and_comments(false);
        if (peek() == '}') {
          ++m_pos;
          break;
        }
        std::vector<std::string> key = dotted_key();
        if (peek() != '=')
          fail("expected = in an inline table");
        ++m_pos;
        std::string name = join(key);
        v.add_member(std::move(name), value());
        skip_space_and_comments(false);
        if (peek() == ',')
          ++m_pos;
        else if (peek() != '}')
          fail("expected , or } in an inline table");
      }
    } else {
      // Numbers, booleans, dates: not a formats value; skip them.
      std::size_t start = m_pos;
      while (m_pos < m_text.size() && peek() != ',' && peek() != ']' && peek() != '}' &&
             peek() != '\n' && peek() != '#')
        ++m_pos;
      if (m_pos == start)
        fail("expected a value");
    }
    return v;
  }

  static std::string join(const std::vector<std::string>& key) {
    std::string out;
    for (const std::string& part : key)
      out += (out.empty() ? "" : ".") + part;
    return out;
  }

  // Whether path is at or below the table holding the target key ("tool.jupytext").
  bool in_owner(const std::vector<std::string>& path) const {
    std::size_t owner = m_target.size() - 1;
    return path.size() >= owner && std::equal(m_target.begin(), m_target.end() - 1, path.begin());
  }

  void header() {
    bool array = m_text.substr(m_pos, 2) == "[[";
    m_pos += array ? 2 : 1;
    m_table = dotted_key();
    if (m_text.substr(m_pos, array ? 2 : 1) != (array ? "]]" : "]"))
      fail("expected ] after a table name");
    m_pos += array ? 2 : 1;
    if (in_owner(m_table))
      m_saw_prefix = true;
    m_in_target = m_table == m_target;
    if (m_in_target) {
      if (array) {
        if (!m_result)
          m_result = TomlValue{TomlValue::Kind::array, "", {}, {}, {}};
        m_result->items.push_back(TomlValue{TomlValue::Kind::table, "", {}, {}, {}});
        m_current = &m_result->items.back();
      } else {
        m_result = TomlValue{TomlValue::Kind::table, "", {}, {}, {}};
        m_current = &*m_result;
      }
    }
  }

  void key_value() {
    std::vector<std::string> key = dotted_key();
    if (peek() != '=')
      fail("expected = after a key");
    ++m_pos;
    TomlValue v = value();
    skip_space_and_comments(false);
    if (m_pos < m_text.size() && peek() != '\n')
      fail("expected the end of the line after a value");
    std::vector<std::string> path = m_table;
    path.insert(path.end(), key.begin(), key.end());
    if (m_in_target && m_current)
      m_current->add_member(join(key), v);
    else if (path == m_target)
      m_result = v;
    if (in_owner(path))
      m_saw_prefix = true;
  }

  static constexpr int k_max_depth = 64;
  std::string_view m_text;
  std::size_t m_pos = 0;
  int m_line = 1;
  int m_depth = 0;
  std::vector<std::string> m_target;
  std::vector<std::string> m_table;
  bool m_in_target = false;
  bool m_saw_prefix = false;
  TomlValue* m_current = nullptr;
  std::optional<TomlValue> m_result;
};

// A map of prefix to format -> "notebooks///ipynb,scripts///py:percent".
std::string group_of_map(const std::vector<std::pair<std::string, std::string>>& map) {
  std::string out;
  for (const auto& [prefix, format] : map) {
    std::string item = format;
    if (!prefix.empty())
      item =
          (prefix.ends_with("/") ? prefix.substr(0, prefix.size() - 1) : prefix) + "///" + format;
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

void split_groups(const std::string& text, std::vector<std::string>& groups) {
  std::size_t start = 0;
  while (true) {
    std::size_t semi = text.find(';', start);
    std::string group = text.substr(start, semi == std::string::npos ? semi : semi - start);
    if (!group.empty())
      groups.push_back(group);
    if (semi == std::string::npos)
      return;
    start = semi + 1;
  }
}

bool groups_from_toml(const TomlValue& value, std::vector<std::string>& groups) {
  auto map_of = [](const TomlValue& table, std::vector<std::pair<std::string, std::string>>& map) {
    for (std::size_t i = 0; i < table.member_keys.size(); ++i) {
      if (table.member_values[i].kind != TomlValue::Kind::string)
        return false;
      map.emplace_back(table.member_keys[i], table.member_values[i].text);
    }
    return true;
  };
  std::vector<std::pair<std::string, std::string>> map;
  switch (value.kind) {
  case TomlValue::Kind::string: split_groups(value.text, groups); return true;
  case TomlValue::Kind::table:
    if (!map_of(value, map))
      return false;
    groups.push_back(group_of_map(map));
    return true;
  case TomlValue::Kind::array:
    for (const TomlValue& item : value.items) {
      if (item.kind == TomlValue::Kind::string) {
        groups.push_back(item.text);
      } else if (item.kind == TomlValue::Kind::table) {
        map.clear();
        if (!map_of(item, map))
          return false;
        groups.push_back(group_of_map(map));
      } else {
        return false;
      }
    }
    return true;
  default: return false;
  }
}

bool groups_from_yaml(const YAML::Node& node, std::vector<std::string>& groups) {
  auto map_of = [](const YAML::Node& m, std::vector<std::pair<std::string, std::string>>& map) {
    for (const auto& entry : m) {
      if (!entry.first.IsScalar() || !entry.second.IsScalar())
        return false;
      map.emplace_back(entry.first.Scalar(), entry.second.Scalar());
    }
    return true;
  };
  std::vector<std::pair<std::string, std::string>> map;
  if (node.IsScalar()) {
    split_groups(node.Scalar(), groups);
    return true;
  }
  if (node.IsMap()) {
    if (!map_of(node, map))
      return false;
    groups.push_back(group_of_map(map));
    return true;
  }
  if (!node.IsSequence())
    return false;
  for (const auto& item : node) {
    if (item.IsScalar()) {
      groups.push_back(item.Scalar());
    } else if (item.IsMap()) {
      map.clear();
      if (!map_of(item, map))
        return false;
      groups.push_back(group_of_map(map));
    } else {
      return false;
    }
  }
  return true;
}

} // namespace

std::span<const std::string_view> config_file_names() {
  return k_names;
}

std::optional<ConfigFormats> read_config_formats(std::string_view name, std::string_view text,
                                                 std::string& error) {
  ConfigFormats result;
  if (text.size() > k_max_config_bytes) {
    error = "larger than " + std::to_string(k_max_config_bytes >> 20) +
            " MiB; no configuration is, so it is not read";
    return std::nullopt;
  }
  bool pyproject = name == k_pyproject;
  bool toml = pyproject || name.ends_with(".toml") || name == "jupytext" || name == ".jupytext";
  if (toml) {
    std::vector<std::string> target = pyproject
                                          ? std::vector<std::string>{"tool", "jupytext", "formats"}
                                          : std::vector<std::string>{"formats"};
    try {
      TomlReader reader(text, target);
      std::optional<TomlValue> value = reader.read();
      result.found = !pyproject || reader.saw_prefix() || value;
      if (value && !groups_from_toml(*value, result.groups)) {
        error = "\"formats\" must be a string, a list, or a table of strings";
        return std::nullopt;
      }
    } catch (const TomlError& e) {
      error = std::string("cannot read it as TOML: ") + e.what();
      return std::nullopt;
    }
    return result;
  }
  try {
    YAML::Node root = YAML::Load(std::string(text));
    result.found = true;
    if (root.IsMap() && root["formats"] && !groups_from_yaml(root["formats"], result.groups)) {
      error = "\"formats\" must be a string, a list, or a map of strings";
      return std::nullopt;
    }
  } catch (const YAML::Exception& e) {
    error = "cannot read it: line " + std::to_string(e.mark.line + 1) + ": " + e.msg;
    return std::nullopt;
  }
  return result;
}

} // namespace preflight::jupytext
