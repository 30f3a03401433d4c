#include "config/config.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>

namespace preflight::config {

const Value* Config::find(std::string_view path) const {
  auto it = m_values.find(path);
  return it == m_values.end() ? nullptr : &it->second;
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
  for (auto it = m_values.lower_bound(prefix);
       it != m_values.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    out.emplace(it->first.substr(prefix.size()), &it->second);
  return out;
}

void Config::set(std::string path, Value value) {
  m_values[std::move(path)] = std::move(value);
}

void Config::erase_prefix(std::string_view prefix) {
  auto it = m_values.lower_bound(prefix);
  while (it != m_values.end() && it->first.compare(0, prefix.size(), prefix) == 0)
    it = m_values.erase(it);
}

YAML::Node literal_node(std::string_view text) {
  auto unquote = [](std::string_view item) {
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ')
      item.remove_suffix(1);
    if (item.size() >= 2 && (item.front() == '\'' || item.front() == '"') &&
        item.back() == item.front())
      item = item.substr(1, item.size() - 2);
    return std::string(item);
  };
  bool special = text.find_first_of("{}&*!|>#:\\") != std::string_view::npos;
  if (!special && text.find_first_of("[],'\"") == std::string_view::npos)
    return YAML::Node(std::string(text));
  bool flat_list = !special && text.size() >= 2 && text.front() == '[' && text.back() == ']' &&
                   text.find_first_of("[]", 1) == text.size() - 1;
  if (!flat_list)
    return YAML::Load(std::string(text));
  YAML::Node list(YAML::NodeType::Sequence);
  std::string_view items = text.substr(1, text.size() - 2);
  while (!items.empty()) {
    std::size_t comma = items.find(',');
    std::string item = unquote(items.substr(0, comma));
    if (item.find_first_of("'\"") != std::string::npos)
      return YAML::Load(std::string(text)); // quotes inside an item: let yaml-cpp decide
    if (!item.empty() || comma != std::string_view::npos)
      list.push_back(item);
    items = comma == std::string_view::npos ? std::string_view() : items.substr(comma + 1);
  }
  return list;
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
