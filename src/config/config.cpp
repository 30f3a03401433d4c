#include "config/config.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <mutex>

namespace preflight::config {

namespace {

std::mutex& values_lock() {
  static std::mutex lock;
  return lock;
}

} // namespace

// Called with values_lock() held.
const Value* Config::materialize(std::map<std::string, Pending, std::less<>>::iterator it) const {
  auto node = m_pending.extract(it);
  auto [where, inserted] = m_values.emplace(
      std::move(node.key()), Value{literal_node(node.mapped().literal), node.mapped().source});
  return &where->second;
}

const Value* Config::find(std::string_view path) const {
  std::lock_guard lock(values_lock());
  if (auto it = m_values.find(path); it != m_values.end())
    return &it->second;
  if (auto it = m_pending.find(path); it != m_pending.end())
    return materialize(it);
  return nullptr;
}

const std::map<std::string, Value, std::less<>>& Config::values() const {
  std::lock_guard lock(values_lock());
  while (!m_pending.empty())
    materialize(m_pending.begin());
  return m_values;
}

namespace {

const Value& require(const Config& config, std::string_view path) {
  const Value* value = config.find(path);
  if (!value)
    throw Error("internal: no value for rules key \"" + std::string(path) + "\"");
  return *value;
}

} // namespace

bool Config::get_bool(std::string_view path) const {
  return require(*this, path).node.as<bool>();
}

std::int64_t Config::get_int(std::string_view path) const {
  return require(*this, path).node.as<std::int64_t>();
}

std::uint64_t Config::get_size(std::string_view path) const {
  const Value& value = require(*this, path);
  auto size = parse_size(value.node.Scalar());
  if (!size)
    throw Error("internal: rules key \"" + std::string(path) + "\" is not a size");
  return *size;
}

std::string Config::get_string(std::string_view path) const {
  return require(*this, path).node.Scalar();
}

std::vector<std::string> Config::get_strings(std::string_view path) const {
  const Value& value = require(*this, path);
  std::vector<std::string> out;
  if (value.node.IsSequence()) {
    for (const auto& item : value.node)
      out.push_back(item.Scalar());
  } else if (value.node.IsScalar()) {
    out.push_back(value.node.Scalar());
  }
  return out;
}

std::map<std::string, const Value*> Config::entries(std::string_view path) const {
  std::map<std::string, const Value*> out;
  std::string prefix = std::string(path) + '.';
  std::lock_guard lock(values_lock());
  for (auto it = m_pending.lower_bound(prefix);
       it != m_pending.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
    materialize(it++);
  for (auto it = m_values.lower_bound(prefix);
       it != m_values.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    out.emplace(it->first.substr(prefix.size()), &it->second);
  return out;
}

void Config::set(std::string path, Value value) {
  std::lock_guard lock(values_lock());
  m_pending.erase(path);
  // Never assign one YAML::Node to another: yaml-cpp then merges the memory of
  // the whole tree the value came from, once per key.
  auto it = m_values.find(path);
  if (it != m_values.end())
    it = m_values.erase(it);
  m_values.emplace_hint(it, std::move(path), std::move(value));
}

void Config::set_literal(std::string path, std::string_view literal, Location source) {
  std::lock_guard lock(values_lock());
  m_values.erase(path);
  m_pending.insert_or_assign(std::move(path), Pending{literal, std::move(source)});
}

void Config::erase_prefix(std::string_view prefix) {
  std::lock_guard lock(values_lock());
  auto it = m_values.lower_bound(prefix);
  while (it != m_values.end() && it->first.compare(0, prefix.size(), prefix) == 0)
    it = m_values.erase(it);
  auto pending = m_pending.lower_bound(prefix);
  while (pending != m_pending.end() && pending->first.compare(0, prefix.size(), prefix) == 0)
    pending = m_pending.erase(pending);
}

namespace {

// The flow YAML the project writes for its own values: plain or quoted scalars
// and flow lists of them, nested. parse() returns nullopt for anything else,
// and then yaml-cpp decides; a unit test compares the two on every literal.
class LiteralParser {
public:
  explicit LiteralParser(std::string_view text) : m_text(text) {}

  std::optional<YAML::Node> parse() {
    auto node = value(true);
    skip_spaces();
    if (!node || m_pos != m_text.size())
      return std::nullopt;
    return node;
  }

private:
  std::string_view m_text;
  std::size_t m_pos = 0;

  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

  void skip_spaces() {
    while (m_pos < m_text.size() && m_text[m_pos] == ' ')
      ++m_pos;
  }

  std::optional<YAML::Node> value(bool top) {
    skip_spaces();
    if (peek() == '[')
      return list();
    if (peek() == '\'' || peek() == '"') {
      auto text = quoted();
      if (!text)
        return std::nullopt;
      return YAML::Node(*text);
    }
    return plain(top);
  }

  std::optional<YAML::Node> list() {
    ++m_pos; // '['
    YAML::Node node(YAML::NodeType::Sequence);
    skip_spaces();
    if (peek() == ']') {
      ++m_pos;
      return node;
    }
    while (true) {
      auto item = value(false);
      if (!item)
        return std::nullopt;
      node.push_back(*item);
      skip_spaces();
      if (peek() == ',') {
        ++m_pos;
      } else if (peek() == ']') {
        ++m_pos;
        return node;
      } else {
        return std::nullopt;
      }
    }
  }

  std::optional<std::string> quoted() {
    const char quote = m_text[m_pos++];
    std::string out;
    while (m_pos < m_text.size()) {
      char c = m_text[m_pos++];
      if (c == quote) {
        if (quote == '\'' && peek() == '\'') { // '' is a quote inside '...'
          out += '\'';
          ++m_pos;
          continue;
        }
        return out;
      }
      if (quote == '"' && c == '\\') {
        char next = peek();
        if (next != '\\' && next != '"')
          return std::nullopt;
        c = next;
        ++m_pos;
      }
      out += c;
    }
    return std::nullopt;
  }

  // A plain scalar: letters, digits and a few safe marks; none of YAML's
  // indicators, and not a word YAML reads as null.
  std::optional<YAML::Node> plain(bool top) {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (!top && (c == ',' || c == ']'))
        break;
      if (std::string_view("{}[],#:&!|>'\"%@`\\?").find(c) != std::string_view::npos)
        return std::nullopt;
      ++m_pos;
    }
    std::string_view text = m_text.substr(start, m_pos - start);
    while (!text.empty() && text.back() == ' ')
      text.remove_suffix(1);
    if (text.empty() || text.front() == '-' || text.front() == '*' || text == "~" ||
        text == "null" || text == "Null" || text == "NULL")
      return std::nullopt;
    return YAML::Node(std::string(text));
  }
};

} // namespace

YAML::Node literal_node(std::string_view text) {
  if (auto node = LiteralParser(text).parse())
    return *node;
  return YAML::Load(std::string(text));
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  std::uint64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data())
    return std::nullopt;
  std::string unit(end, text.data() + text.size());
  while (!unit.empty() && unit.front() == ' ')
    unit.erase(0, 1);
  for (char& c : unit)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!unit.empty() && unit.back() == 'b')
    unit.pop_back(); // "5MB", "5MiB" and "5M" mean the same: powers of 1024
  if (unit.size() == 2 && unit[1] == 'i')
    unit.pop_back();
  int shift = 0;
  if (unit == "k")
    shift = 10;
  else if (unit == "m")
    shift = 20;
  else if (unit == "g")
    shift = 30;
  else if (unit == "t")
    shift = 40;
  else if (!unit.empty())
    return std::nullopt;
  if (shift > 0 && number > (UINT64_MAX >> shift))
    return std::nullopt;
  return number << shift;
}

std::optional<Level> parse_level(const YAML::Node& node) {
  if (!node.IsScalar())
    return std::nullopt;
  const std::string& text = node.Scalar();
  if (text == "error" || text == "2")
    return Level::error;
  if (text == "warning" || text == "warn" || text == "1")
    return Level::warning;
  if (text == "off" || text == "0" || text == "false" || text == "no")
    return Level::off;
  return std::nullopt;
}

} // namespace preflight::config
