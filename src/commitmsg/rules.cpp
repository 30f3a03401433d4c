// The rule table and the helpers the rule implementations share.
#include "commitmsg/rules.hpp"

#include "commitmsg/rules_impl.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

namespace preflight::commitmsg {

std::span<const RuleDef> rule_table() {
  static const std::vector<RuleDef> table = [] {
    const auto by_name = [](const RuleDef& a, const RuleDef& b) { return a.name < b.name; };
    const auto header = detail::header_rules(), body = detail::body_rules();
    std::vector<RuleDef> all;
    all.reserve(header.size() + body.size());
    // Each part is written in name order: merge them (sort when one is not).
    if (std::is_sorted(header.begin(), header.end(), by_name) &&
        std::is_sorted(body.begin(), body.end(), by_name)) {
      std::merge(header.begin(), header.end(), body.begin(), body.end(), std::back_inserter(all),
                 by_name);
    } else {
      all.insert(all.end(), header.begin(), header.end());
      all.insert(all.end(), body.begin(), body.end());
      std::sort(all.begin(), all.end(), by_name);
    }
    return all;
  }();
  return table;
}

const RuleDef* find_rule(std::string_view name) {
  const auto table = rule_table();
  const auto it = std::lower_bound(table.begin(), table.end(), name,
                                   [](const RuleDef& r, std::string_view n) { return r.name < n; });
  return it != table.end() && it->name == name ? &*it : nullptr;
}

namespace detail {

Violation on_header(const RuleInput& input, std::string message, std::size_t begin,
                    std::size_t end) {
  Violation v;
  v.message = std::move(message);
  v.line = input.commit.header_line;
  v.line_text = input.commit.header;
  v.begin = std::min(begin, v.line_text.size());
  v.end = std::max(v.begin, std::min(end, v.line_text.size()));
  return v;
}

Violation on_line(const Line& line, std::string message, std::size_t begin, std::size_t end) {
  Violation v;
  v.message = std::move(message);
  v.line = line.number;
  v.line_text = line.text;
  v.begin = std::min(begin, v.line_text.size());
  v.end = std::max(v.begin, std::min(end, v.line_text.size()));
  return v;
}

std::size_t offset_after(std::string_view text, std::size_t count, LengthUnit unit) {
  if (unit == LengthUnit::byte)
    return std::min(count, text.size());
  std::size_t units = 0, i = 0;
  while (i < text.size()) {
    std::size_t next = i;
    const char32_t c = next_code_point(text, next);
    units += unit == LengthUnit::utf16 && c > 0xFFFF ? 2 : 1;
    if (units > count)
      return i;
    i = next;
  }
  return text.size();
}

std::string bracket_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + items[i];
  return out + "]";
}

bool matches_any_case(std::string_view text, const RuleValue& value) {
  return std::any_of(value.list.begin(), value.list.end(),
                     [&](const std::string& c) { return ensure_case(text, c); });
}

std::string last_char(std::string_view text) {
  if (text.empty())
    return {};
  std::size_t start = text.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
    --start;
  return std::string(text.substr(start));
}

bool has_url(std::string_view line) {
  for (std::size_t i = line.find("http"); i != std::string_view::npos;
       i = line.find("http", i + 1)) {
    if (i > 0 && is_word_byte(line[i - 1]))
      continue;
    std::size_t j = i + 4;
    if (j < line.size() && line[j] == 's')
      ++j;
    if (line.substr(j, 3) != "://" || j + 3 >= line.size())
      continue;
    std::size_t k = j + 3;
    if (!is_js_space(next_code_point(line, k)))
      return true;
  }
  return false;
}

std::vector<std::string> scope_segments(std::string_view scope,
                                        const std::vector<std::string>& delimiters) {
  std::vector<std::string> segments;
  std::string current;
  std::size_t i = 0;
  while (i < scope.size()) {
    std::size_t skip = 0;
    if (delimiters.empty()) {
      const char c = scope[i];
      if (c == '/' || c == '\\')
        skip = 1;
      else if (c == ',')
        skip = i + 1 < scope.size() && scope[i + 1] == ' ' ? 2 : 1;
    } else {
      for (const auto& d : delimiters)
        if (!d.empty() && scope.substr(i, d.size()) == d)
          skip = std::max(skip, d.size());
    }
    if (skip == 0) {
      current.push_back(scope[i++]);
      continue;
    }
    segments.push_back(std::move(current));
    current.clear();
    i += skip;
  }
  segments.push_back(std::move(current));
  return segments;
}

} // namespace detail
} // namespace preflight::commitmsg
