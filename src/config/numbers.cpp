#include "config/numbers.hpp"

#include "config/config.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <regex>
#include <string>

namespace preflight::config {

namespace {

bool all_of(std::string_view text, const char* set) {
  return !text.empty() && text.find_first_not_of(set) == std::string_view::npos;
}

std::optional<std::uint64_t> digits(std::string_view text, int base) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (ec != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

// YAML 1.2 core schema's float (without .inf and .nan, never whole).
bool yaml_float(std::string_view text) {
  static const std::regex k_float(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  return std::regex_match(text.begin(), text.end(), k_float);
}

} // namespace

std::optional<Whole> yaml_whole(std::string_view text) {
  auto whole = [](std::optional<std::uint64_t> value, bool negative) -> std::optional<Whole> {
    if (!value)
      return std::nullopt;
    return Whole{negative && *value != 0, *value};
  };
  if (text.starts_with("0x") && all_of(text.substr(2), "0123456789abcdefABCDEF"))
    return whole(digits(text.substr(2), 16), false);
  if (text.starts_with("0o") && all_of(text.substr(2), "01234567"))
    return whole(digits(text.substr(2), 8), false);
  bool negative = !text.empty() && text.front() == '-';
  std::string_view unsigned_part =
      !text.empty() && (text.front() == '-' || text.front() == '+') ? text.substr(1) : text;
  if (all_of(unsigned_part, "0123456789"))
    return whole(digits(unsigned_part, 10), negative);
  if (!yaml_float(text))
    return std::nullopt;
  long double value = std::strtold(std::string(text).c_str(), nullptr);
  if (!std::isfinite(value) || value != std::trunc(value) || std::fabs(value) >= 0x1p64L)
    return std::nullopt;
  return Whole{value < 0, static_cast<std::uint64_t>(std::fabs(value))};
}

bool yaml_number(std::string_view text) {
  return yaml_whole(text) || yaml_float(text) || text == ".inf" || text == "-.inf" ||
         text == "+.inf" || text == ".nan" || text == ".NaN" || text == ".NAN" || text == ".Inf" ||
         text == ".INF";
}

bool plain_scalar(const YAML::Node& node) {
  return node.IsScalar() && node.Tag() == "?";
}

std::optional<std::int64_t> whole_number(const YAML::Node& node) {
  if (!node.IsScalar())
    return std::nullopt;
  const std::string& text = node.Scalar();
  if (!plain_scalar(node)) {
    std::string_view number = text;
    if (number.starts_with("-"))
      number.remove_prefix(1);
    if (number.size() > 18 || !all_of(number, "0123456789"))
      return std::nullopt;
    return std::stoll(text);
  }
  auto whole = yaml_whole(text);
  constexpr auto k_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (!whole || whole->magnitude > k_max + (whole->negative ? 1 : 0))
    return std::nullopt;
  if (!whole->negative)
    return static_cast<std::int64_t>(whole->magnitude);
  return whole->magnitude == k_max + 1 ? std::numeric_limits<std::int64_t>::min()
                                       : -static_cast<std::int64_t>(whole->magnitude);
}

std::optional<std::uint64_t> size_value(const YAML::Node& node) {
  if (!node.IsScalar())
    return std::nullopt;
  const std::string& text = node.Scalar();
  if (plain_scalar(node) && yaml_number(text)) {
    auto whole = yaml_whole(text);
    if (!whole || (whole->negative && whole->magnitude != 0))
      return std::nullopt;
    return whole->magnitude;
  }
  std::size_t count = 0;
  while (count < text.size() && text[count] >= '0' && text[count] <= '9')
    ++count;
  std::string_view unit = std::string_view(text).substr(count);
  while (!unit.empty() && unit.front() == ' ')
    unit.remove_prefix(1);
  int limit = k_size_digits[0];
  if (!unit.empty()) {
    switch (unit.front()) {
    case 'k':
    case 'K': limit = k_size_digits[1]; break;
    case 'm':
    case 'M': limit = k_size_digits[2]; break;
    case 'g':
    case 'G': limit = k_size_digits[3]; break;
    case 't':
    case 'T': limit = k_size_digits[4]; break;
    default: break;
    }
  }
  if (count == 0 || count > static_cast<std::size_t>(limit))
    return std::nullopt;
  return parse_size(text);
}

} // namespace preflight::config
