#include "report/ci.hpp"

#include "report/output.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <map>

namespace preflight::report {

namespace {

// A path as a relative URI reference: RFC 3986 unreserved characters and '/'
// as they are, every other byte percent-encoded (spaces, '%', '#', '?', ...).
std::string uri_of(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4];
      out += k_hex[byte & 15];
    }
  }
  return out;
}

std::string message_of(const Finding& f) {
  std::string text = f.message;
  if (!f.detail.empty())
    text += "\n" + f.detail;
  if (!f.hint.empty())
    text += "\nhint: " + f.hint;
  return text;
}

// text with each of chars written as GitHub's toolkit escapes it.
std::string escape(std::string_view text, std::string_view chars) {
  static const std::map<char, std::string_view> k_escapes = {
      {'%', "%25"}, {'\r', "%0D"}, {'\n', "%0A"}, {':', "%3A"}, {',', "%2C"}};
  std::string out;
  for (char c : text) {
    if (chars.find(c) != std::string_view::npos)
      out += k_escapes.at(c);
    else
      out += c;
  }
  return out;
}

} // namespace

std::string github_data(std::string_view text) {
  return escape(text, "%\r\n");
}

std::string github_property(std::string_view text) {
  return escape(text, "%\r\n:,");
}

std::string to_github(const Report& report) {
  std::string out;
  for (const Finding& f : report.findings()) {
    out += f.severity == Severity::error ? "::error " : "::warning ";
    std::string properties;
    auto add = [&properties](std::string_view key, const std::string& value) {
      properties += (properties.empty() ? "" : ",") + std::string(key) + "=" +
                    github_property(escape_controls(value));
    };
    if (!f.path.empty()) {
      add("file", f.path);
      if (f.line > 0)
        add("line", std::to_string(f.line));
      if (f.line > 0 && f.column > 0)
        add("col", std::to_string(f.column));
    }
    add("title", "preflight " + f.check);
    out += properties + "::" + github_data(escape_controls(message_of(f))) + "\n";
  }
  return out;
}

std::string to_sarif(const Report& report) {
  nlohmann::json rules = nlohmann::json::array();
  std::map<std::string, std::size_t> rule_index;
  nlohmann::json results = nlohmann::json::array();
  for (const Finding& f : report.findings()) {
    auto [it, added] = rule_index.emplace(f.check, rule_index.size());
    if (added)
      rules.push_back(
          {{"id", f.check}, {"shortDescription", {{"text", "preflight check " + f.check}}}});
    nlohmann::json result = {
        {"ruleId", f.check},
        {"ruleIndex", it->second},
        {"level", f.severity == Severity::error ? "error" : "warning"},
        {"message", {{"text", message_of(f)}}},
    };
    if (!f.path.empty()) {
      nlohmann::json location = {
          {"artifactLocation", {{"uri", uri_of(f.path)}, {"uriBaseId", "%SRCROOT%"}}}};
      if (f.line > 0) {
        location["region"] = {{"startLine", f.line}};
        if (f.column > 0)
          location["region"]["startColumn"] = f.column;
      }
      result["locations"] = nlohmann::json::array({{{"physicalLocation", location}}});
    }
    if (!f.commit.empty())
      result["properties"] = {{"commit", f.commit}};
    result["partialFingerprints"] = {{"preflight/v1", f.check + ':' + uri_of(f.path) + ':' +
                                                          std::to_string(f.line) + ':' + f.commit}};
    results.push_back(std::move(result));
  }
  nlohmann::json driver = {{"name", "preflight"},
                           {"version", PREFLIGHT_VERSION},
                           {"semanticVersion", PREFLIGHT_VERSION},
                           {"rules", std::move(rules)}};
  nlohmann::json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                        {"version", "2.1.0"},
                        {"runs", nlohmann::json::array({{{"tool", {{"driver", std::move(driver)}}},
                                                         {"results", std::move(results)}}})}};
  // Messages quote user text that may not be UTF-8: replace, never throw.
  return log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<std::string> format_report(const Report& report, std::string_view format) {
  if (format == "json")
    return to_json(report);
  if (format == "sarif")
    return to_sarif(report);
  if (format == "github")
    return to_github(report);
  return std::nullopt;
}

} // namespace preflight::report
