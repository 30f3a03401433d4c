#include "report/output.hpp"

#include <nlohmann/json.hpp>

#include "util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>
#include <unistd.h>

namespace preflight::report {

namespace {

constexpr std::string_view k_red = "\x1b[31m";
constexpr std::string_view k_yellow = "\x1b[33m";
constexpr std::string_view k_bold = "\x1b[1m";
constexpr std::string_view k_dim = "\x1b[2m";
constexpr std::string_view k_reset = "\x1b[0m";

std::string paint(std::string_view text, std::string_view colour, bool color) {
  if (!color)
    return std::string(text);
  return std::string(colour) + std::string(text) + std::string(k_reset);
}

void print_indented(std::FILE* out, std::string_view text, std::string_view prefix) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    std::string line = escape_controls(text.substr(start, end - start));
    std::fprintf(out, "  %.*s%s\n", static_cast<int>(prefix.size()), prefix.data(), line.c_str());
    start = end + 1;
  }
}

// The length of the UTF-8 sequence at text[i] and its code point, or 0 when
// the bytes there are not one (overlong forms and surrogates included).
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length == 0 || i + length > text.size())
    return 0;
  code = lead & (0x7f >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80)
      return 0;
    code = (code << 6) | (byte(i + k) & 0x3f);
  }
  static constexpr char32_t k_smallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < k_smallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
    return 0;
  return length;
}

} // namespace

std::string escape_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buffer[8];
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
        std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
        out += buffer;
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    char32_t code = 0;
    std::size_t length = utf8_sequence(text, i, code);
    if (length == 0) {
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
      ++i;
    } else if (code <= 0x9f) {
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(code));
      out += buffer;
      i += length;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

void print_line(std::FILE* out, std::string_view text) {
  std::string line = escape_controls(text);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out);
}

void note(std::string_view text) {
  std::size_t start = 0;
  do {
    std::size_t end = std::min(text.find('\n', start), text.size());
    print_line(stderr, "preflight: " + std::string(text.substr(start, end - start)));
    start = end + 1;
  } while (start < text.size());
}

std::size_t Report::count(Severity severity) const {
  std::size_t n = 0;
  for (const auto& f : m_findings)
    n += f.severity == severity;
  return n;
}

namespace {

std::optional<ColorMode> g_color_mode;
std::optional<Verbosity> g_verbosity;

// A variable that is set and not empty.
const char* set_env(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? value : nullptr;
}

// One warning line for a variable whose value preflight cannot read, at most
// once per variable and process (a hook asks for colour several times).
void warn_unread(const char* name, std::string_view value, std::string_view accepted) {
  static std::set<std::string, std::less<>> warned;
  if (!warned.emplace(name).second)
    return;
  print_line(stderr, "preflight: warning: " + std::string(name) + "=" + quoted(value) +
                         " is not one of " + std::string(accepted) + "; ignored, as if unset");
}

constexpr std::string_view k_flag_words = "1, 0, true, false, yes, no, on, off";

// FORCE_COLOR as supports-color (chalk) reads it: 0 and false turn colour off,
// 1, 2, 3 and true turn it on (the number is a colour depth, which does not
// matter here). force-color.org forces colour for any value, but tools differ
// on the others, so they get a warning and count as unset.
std::optional<bool> force_color_word(std::string_view word) {
  if (word == "0" || word == "false")
    return false;
  if (word == "1" || word == "2" || word == "3" || word == "true")
    return true;
  return std::nullopt;
}

} // namespace

std::optional<bool> parse_flag_word(std::string_view word) {
  std::string lower;
  for (char c : word)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "1" || lower == "true" || lower == "yes" || lower == "on")
    return true;
  if (lower == "0" || lower == "false" || lower == "no" || lower == "off")
    return false;
  return std::nullopt;
}

bool env_flag(const char* name) {
  const char* value = set_env(name);
  if (!value)
    return false;
  std::optional<bool> on = parse_flag_word(value);
  if (!on)
    warn_unread(name, value, k_flag_words);
  return on.value_or(false);
}

std::optional<ColorMode> parse_color_mode(std::string_view word) {
  if (word == "auto")
    return ColorMode::automatic;
  if (word == "always")
    return ColorMode::always;
  if (word == "never")
    return ColorMode::never;
  return std::nullopt;
}

void set_color_mode(ColorMode mode) {
  g_color_mode = mode;
}

bool use_color(std::FILE* stream) {
  std::optional<ColorMode> mode = g_color_mode;
  if (!mode)
    if (const char* chosen = set_env("PREFLIGHT_COLOR"); chosen) {
      mode = parse_color_mode(chosen);
      if (!mode)
        warn_unread("PREFLIGHT_COLOR", chosen, "auto, always, never");
    }
  if (!mode) {
    if (set_env("NO_COLOR"))
      return false;
    if (const char* force = set_env("FORCE_COLOR")) {
      if (std::optional<bool> forced = force_color_word(force))
        return *forced;
      warn_unread("FORCE_COLOR", force, "0, 1, 2, 3, true, false");
    }
    if (const char* force = set_env("CLICOLOR_FORCE"); force && std::string_view(force) != "0")
      return true;
  }
  if (mode && *mode != ColorMode::automatic)
    return *mode == ColorMode::always;
  return ::isatty(::fileno(stream)) == 1;
}

void set_verbosity(Verbosity level) {
  g_verbosity = level;
}

Verbosity verbosity() {
  if (!g_verbosity) {
    // Both are read, so that a bad value in either gets its warning.
    bool quiet = env_flag("PREFLIGHT_QUIET");
    bool verbose = env_flag("PREFLIGHT_VERBOSE");
    g_verbosity = quiet ? Verbosity::quiet : verbose ? Verbosity::verbose : Verbosity::normal;
  }
  return *g_verbosity;
}

void info(std::string_view text) {
  if (verbosity() != Verbosity::quiet)
    note(text);
}

void detail(std::string_view text) {
  if (verbosity() == Verbosity::verbose)
    note(text);
}

void print_text(const Report& report, std::FILE* out, bool color) {
  for (const Finding& f : report.findings()) {
    bool error = f.severity == Severity::error;
    std::string head = paint(error ? "error" : "warning", error ? k_red : k_yellow, color);
    std::string where = escape_controls(f.path);
    if (!where.empty() && f.line > 0) {
      where += ':' + std::to_string(f.line);
      if (f.column > 0)
        where += ':' + std::to_string(f.column);
    }
    std::string line = head + " " + paint("[" + escape_controls(f.check) + "]", k_bold, color);
    if (!where.empty())
      line += " " + where + ":";
    line += " " + escape_controls(f.message);
    std::fprintf(out, "%s\n", line.c_str());
    if (!f.detail.empty())
      print_indented(out, f.detail, "");
    if (!f.hint.empty())
      print_indented(out, f.hint,
                     color ? std::string(k_dim) + "hint: " + std::string(k_reset) : "hint: ");
  }
}

std::string to_json(const Report& report) {
  nlohmann::json findings = nlohmann::json::array();
  for (const Finding& f : report.findings()) {
    nlohmann::json item = {
        {"check", f.check},   {"severity", f.severity == Severity::error ? "error" : "warning"},
        {"path", f.path},     {"line", f.line},
        {"column", f.column}, {"message", f.message},
        {"detail", f.detail}, {"hint", f.hint},
    };
    findings.push_back(std::move(item));
  }
  nlohmann::json doc = {{"findings", std::move(findings)},
                        {"errors", report.count(Severity::error)},
                        {"warnings", report.count(Severity::warning)}};
  // Messages quote user text that may not be UTF-8: replace, never throw.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void print_error(std::string_view message, bool color) {
  std::size_t start = 0;
  while (start <= message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string_view::npos)
      end = message.size();
    std::string line = escape_controls(message.substr(start, end - start));
    std::fprintf(stderr, "preflight: %s %s\n", paint("error:", k_red, color).c_str(), line.c_str());
    start = end + 1;
  }
}

} // namespace preflight::report
