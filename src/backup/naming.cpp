#include "backup/naming.hpp"

#include <cstdio>

namespace preflight::backup {

std::string format_time(std::time_t when) {
  std::tm utc{};
  gmtime_r(&when, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

namespace {

bool digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9')
      return false;
  return !text.empty();
}

int number(std::string_view text) {
  int value = 0;
  for (char c : text)
    value = value * 10 + (c - '0');
  return value;
}

bool is_hex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return false;
  return !text.empty();
}

} // namespace

std::optional<std::time_t> parse_time(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z' || !digits(text.substr(0, 8)) ||
      !digits(text.substr(9, 6)))
    return std::nullopt;
  std::tm utc{};
  utc.tm_year = number(text.substr(0, 4)) - 1900;
  utc.tm_mon = number(text.substr(4, 2)) - 1;
  utc.tm_mday = number(text.substr(6, 2));
  utc.tm_hour = number(text.substr(9, 2));
  utc.tm_min = number(text.substr(11, 2));
  utc.tm_sec = number(text.substr(13, 2));
  if (utc.tm_mon < 0 || utc.tm_mon > 11 || utc.tm_mday < 1 || utc.tm_mday > 31 ||
      utc.tm_hour > 23 || utc.tm_min > 59 || utc.tm_sec > 60)
    return std::nullopt;
  // Only times format_time writes: 31 February or a leap second would be read
  // as another time, and the name would not be the one a backup got.
  std::time_t when = timegm(&utc);
  if (format_time(when) != text)
    return std::nullopt;
  return when;
}

std::string backup_branch(std::string_view space, std::string_view branch, std::time_t when,
                          std::string_view id) {
  std::string name(space);
  name += '/';
  name += branch;
  name += '/';
  name += format_time(when);
  name += '-';
  name += id.substr(0, 7);
  return name;
}

std::vector<std::string> backup_branch_tries(std::string_view space, std::string_view branch,
                                             std::time_t when, std::string_view id) {
  std::string base = backup_branch(space, branch, when, id);
  std::vector<std::string> names{base};
  for (int attempt = 2; attempt <= 20; ++attempt)
    names.push_back(base + "-" + std::to_string(attempt));
  return names;
}

std::optional<BackupName> parse_backup_branch(std::string_view name) {
  BackupName out;
  for (std::string_view space : {k_namespace, k_fallback_namespace})
    if (name.size() > space.size() && name.starts_with(space) && name[space.size()] == '/') {
      out.space = std::string(space);
      name.remove_prefix(space.size() + 1);
      break;
    }
  std::size_t slash = name.rfind('/');
  if (out.space.empty() || slash == std::string_view::npos || slash == 0)
    return std::nullopt;
  std::string_view last = name.substr(slash + 1); // <time>-<id>[-<n>]
  if (last.size() < 24 || last[16] != '-')
    return std::nullopt;
  auto time = parse_time(last.substr(0, 16));
  std::string_view id = last.substr(17, 7);
  std::string_view rest = last.substr(24);
  if (!time || !is_hex(id) || (!rest.empty() && (rest[0] != '-' || !digits(rest.substr(1)))))
    return std::nullopt;
  out.branch = std::string(name.substr(0, slash));
  out.time = *time;
  out.short_id = std::string(id);
  return out;
}

std::string age_text(std::time_t then, std::time_t now) {
  long long seconds = now > then ? static_cast<long long>(now - then) : 0;
  struct Unit {
    long long size;
    const char* name;
  };
  const Unit units[] = {{86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};
  for (const Unit& unit : units)
    if (seconds >= unit.size || unit.size == 1) {
      long long count = seconds / unit.size;
      return std::to_string(count) + " " + unit.name + (count == 1 ? "" : "s");
    }
  return "0 seconds";
}

} // namespace preflight::backup
