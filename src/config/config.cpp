#include "config/config.hpp"
#include "config/numbers.hpp"

#include "config/builtin_rules.hpp"
#include "config/literal.hpp"
#include "config/schema.hpp"

#include <algorithm>
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

// Called with values_lock() held.
std::optional<Config::Pending> Config::lower(std::string_view path) const {
  for (auto set = m_sets.rbegin(); set != m_sets.rend(); ++set) {
    auto it = std::lower_bound(
        set->values.begin(), set->values.end(), path,
        [](const BuiltinValue& value, std::string_view key) { return value.path < key; });
    if (it != set->values.end() && it->path == path)
      return Pending{it->literal, Location{set->file, it->line, it->column}};
  }
  if (m_key_defaults) {
    const KeyDef* key = find_key(path);
    if (key && !key->default_yaml.empty() && key->type != ValueType::named_map &&
        key->type != ValueType::section)
      return Pending{key->default_yaml, {}};
  }
  return std::nullopt;
}

// Called with values_lock() held.
void Config::flatten() const {
  // emplace keeps what is there: the values set one by one, then later sets.
  for (auto set = m_sets.rbegin(); set != m_sets.rend(); ++set)
    for (const BuiltinValue& value : set->values)
      if (!m_values.count(value.path))
        m_pending.emplace(std::string(value.path),
                          Pending{value.literal, Location{set->file, value.line, value.column}});
  if (m_key_defaults)
    for (const KeyDef& key : key_table())
      if (!key.default_yaml.empty() && key.type != ValueType::named_map &&
          key.type != ValueType::section && !m_values.count(key.path))
        m_pending.emplace(std::string(key.path), Pending{key.default_yaml, {}});
  m_sets.clear();
  m_key_defaults = false;
}

const Value* Config::find(std::string_view path) const {
  std::lock_guard lock(values_lock());
  if (auto it = m_values.find(path); it != m_values.end())
    return &it->second;
  if (auto it = m_pending.find(path); it != m_pending.end())
    return materialize(it);
  if (auto pending = lower(path)) {
    auto [where, inserted] = m_values.emplace(
        std::string(path), Value{literal_node(pending->literal), std::move(pending->source)});
    return &where->second;
  }
  return nullptr;
}

std::optional<std::string_view> Config::find_literal(std::string_view path) const {
  std::lock_guard lock(values_lock());
  if (m_values.find(path) != m_values.end())
    return std::nullopt;
  if (auto it = m_pending.find(path); it != m_pending.end())
    return it->second.literal;
  if (auto pending = lower(path))
    return pending->literal;
  return std::nullopt;
}

const std::map<std::string, Value, std::less<>>& Config::values() const {
  std::lock_guard lock(values_lock());
  flatten();
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

// The getters read a value that is still a literal (a key default, a shipped
// rule set's value) without building its node; anything parse_literal does not
// take goes through yaml-cpp as before.
std::optional<Literal> Config::literal(std::string_view path) const {
  if (auto text = find_literal(path))
    return parse_literal(*text);
  return std::nullopt;
}

bool Config::get_bool(std::string_view path) const {
  if (auto text = find_literal(path)) {
    if (*text == "true")
      return true;
    if (*text == "false")
      return false;
  }
  return require(*this, path).node.as<bool>();
}

std::int64_t Config::get_int(std::string_view path) const {
  if (auto text = find_literal(path)) {
    std::int64_t number = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (ec == std::errc() && !text->empty() && end == text->data() + text->size() &&
        text->front() != '-')
      return number;
  }
  if (auto number = whole_number(require(*this, path).node))
    return *number;
  throw Error("internal: rules key \"" + std::string(path) + "\" is not a whole number");
}

std::uint64_t Config::get_size(std::string_view path) const {
  std::optional<std::uint64_t> size;
  if (auto parsed = literal(path); parsed && parsed->IsScalar())
    size = parse_size(parsed->text);
  else
    size = size_value(require(*this, path).node);
  if (!size)
    throw Error("internal: rules key \"" + std::string(path) + "\" is not a size");
  return *size;
}

std::string Config::get_string(std::string_view path) const {
  if (auto parsed = literal(path))
    return parsed->text;
  return require(*this, path).node.Scalar();
}

std::vector<std::string> strings_of(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node && node.IsScalar())
    out.push_back(node.Scalar());
  else if (node && node.IsSequence())
    for (const auto& item : node)
      if (item.IsScalar())
        out.push_back(item.Scalar());
  return out;
}

std::vector<std::string> Config::get_strings(std::string_view path) const {
  std::vector<std::string> out;
  if (auto parsed = literal(path)) {
    if (!parsed->list)
      out.push_back(std::move(parsed->text));
    for (Literal& item : parsed->items)
      out.push_back(std::move(item.text));
    return out;
  }
  const Value& value = require(*this, path);
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
  flatten();
  for (auto it = m_pending.lower_bound(prefix);
       it != m_pending.end() && it->first.compare(0, prefix.size(), prefix) == 0;)
    materialize(it++);
  for (auto it = m_values.lower_bound(prefix);
       it != m_values.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    out.emplace(it->first.substr(prefix.size()), &it->second);
  return out;
}

std::vector<RawEntry> Config::raw_entries(std::string_view path) const {
  std::vector<RawEntry> out;
  auto below = [&](std::string_view key) {
    return key.size() > path.size() + 1 && key.starts_with(path) && key[path.size()] == '.';
  };
  auto name = [&](std::string_view key) { return key.substr(path.size() + 1); };
  std::lock_guard lock(values_lock());
  // Named maps have no key defaults (see the loader); the rule sets in order,
  // then the values set one by one (a value built from a set is the effective one).
  for (const RuleSetLayer& set : m_sets)
    for (const BuiltinValue& value : set.values)
      if (below(value.path))
        out.push_back({name(value.path), nullptr, value.literal,
                       Location{set.file, value.line, value.column}});
  for (auto it = m_pending.lower_bound(path); it != m_pending.end() && it->first.starts_with(path);
       ++it)
    if (below(it->first))
      out.push_back({name(it->first), nullptr, it->second.literal, it->second.source});
  for (auto it = m_values.lower_bound(path); it != m_values.end() && it->first.starts_with(path);
       ++it)
    if (below(it->first))
      out.push_back({name(it->first), &it->second, {}, it->second.source});
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

void Config::add_rule_set(std::span<const BuiltinValue> values, std::string file) {
  {
    std::lock_guard lock(values_lock());
    if (m_values.empty() && m_pending.empty()) {
      m_sets.push_back({values, std::move(file)});
      return;
    }
  }
  for (const BuiltinValue& value : values)
    set_literal(std::string(value.path), value.literal, Location{file, value.line, value.column});
}

void Config::erase_prefix(std::string_view prefix) {
  std::lock_guard lock(values_lock());
  flatten();
  auto it = m_values.lower_bound(prefix);
  while (it != m_values.end() && it->first.compare(0, prefix.size(), prefix) == 0)
    it = m_values.erase(it);
  auto pending = m_pending.lower_bound(prefix);
  while (pending != m_pending.end() && pending->first.compare(0, prefix.size(), prefix) == 0)
    pending = m_pending.erase(pending);
}

namespace {

YAML::Node to_node(const Literal& literal) {
  if (!literal.list)
    return YAML::Node(literal.text);
  YAML::Node node(YAML::NodeType::Sequence);
  for (const Literal& item : literal.items)
    node.push_back(to_node(item));
  return node;
}

} // namespace

YAML::Node literal_node(std::string_view text) {
  if (auto literal = parse_literal(text))
    return to_node(*literal);
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
  // A plain scalar as YAML 1.2 reads it (see numbers.hpp): 2.0 and 0x2 are 2,
  // False is false.
  if (plain_scalar(node)) {
    const std::string& text = node.Scalar();
    if (yaml_number(text)) {
      auto whole = yaml_whole(text);
      if (!whole || whole->negative || whole->magnitude > 2)
        return std::nullopt;
      return parse_level(std::to_string(whole->magnitude));
    }
    if (text == "False" || text == "FALSE")
      return Level::off;
  }
  return parse_level(node.Scalar());
}

std::optional<Level> parse_level(std::string_view text) {
  if (text == "error" || text == "2")
    return Level::error;
  if (text == "warning" || text == "warn" || text == "1")
    return Level::warning;
  if (text == "off" || text == "0" || text == "false" || text == "no")
    return Level::off;
  return std::nullopt;
}

} // namespace preflight::config
