#include "report/output.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
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
    std::fprintf(out, "  %.*s%.*s\n", static_cast<int>(prefix.size()), prefix.data(),
                 static_cast<int>(end - start), text.data() + start);
    start = end + 1;
  }
}

} // namespace

std::size_t Report::count(Severity severity) const {
  std::size_t n = 0;
  for (const auto& f : m_findings)
    n += f.severity == severity;
  return n;
}

bool use_color(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color)
    return false;
  return ::isatty(::fileno(stream)) == 1;
}

void print_text(const Report& report, std::FILE* out, bool color) {
  for (const Finding& f : report.findings()) {
    bool error = f.severity == Severity::error;
    std::string head = paint(error ? "error" : "warning", error ? k_red : k_yellow, color);
    std::string where = f.path;
    if (!where.empty() && f.line > 0) {
      where += ':' + std::to_string(f.line);
      if (f.column > 0)
        where += ':' + std::to_string(f.column);
    }
    std::string line = head + " " + paint("[" + f.check + "]", k_bold, color);
    if (!where.empty())
      line += " " + where + ":";
    line += " " + f.message;
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
    std::string line(message.substr(start, end - start));
    std::fprintf(stderr, "preflight: %s %s\n", paint("error:", k_red, color).c_str(), line.c_str());
    start = end + 1;
  }
}

} // namespace preflight::report
