// `git -c key=value` reaches hooks only through the environment, which libgit2
// 1.5 does not read: GIT_CONFIG_PARAMETERS (shell-quoted 'key'='value' words) and
// GIT_CONFIG_COUNT with GIT_CONFIG_KEY_<n>/GIT_CONFIG_VALUE_<n>.
#include "git/repository.hpp"

#include <cctype>
#include <cstdlib>
#include <vector>

namespace preflight::git {

namespace {

// "Core.HooksPath" -> "core.hookspath"; the subsection of a three-part key
// keeps its case, as in git.
std::string normalize_key(std::string_view key) {
  std::string out(key);
  std::size_t first = out.find('.');
  std::size_t last = out.rfind('.');
  for (std::size_t i = 0; i < out.size(); ++i)
    if (i < first || i > last || first == last)
      out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
  return out;
}

// Reads one shell-quoted word ('…' segments and \x escapes) starting at pos.
// Stops at an unquoted '=' when stop_at_equals, or at unquoted white space.
std::string read_word(std::string_view text, std::size_t& pos, bool stop_at_equals) {
  std::string word;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '\'') {
      std::size_t end = text.find('\'', pos + 1);
      if (end == std::string_view::npos)
        end = text.size();
      word.append(text.substr(pos + 1, end - pos - 1));
      pos = end + 1;
    } else if (c == '\\' && pos + 1 < text.size()) {
      word += text[pos + 1];
      pos += 2;
    } else if (std::isspace(static_cast<unsigned char>(c)) || (stop_at_equals && c == '=')) {
      break;
    } else {
      word += c;
      ++pos;
    }
  }
  return word;
}

std::vector<std::pair<std::string, std::string>> parameters(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[pos]))) {
      ++pos;
      continue;
    }
    std::string key = read_word(text, pos, true);
    std::string value = "true";
    if (pos < text.size() && text[pos] == '=') {
      ++pos;
      value = read_word(text, pos, false);
    } else if (auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1); // the old form: 'key=value'
      key.resize(eq);
    }
    out.emplace_back(normalize_key(key), value);
  }
  return out;
}

} // namespace

std::optional<std::string> config_from_environment(std::string_view key) {
  std::string wanted = normalize_key(key);
  std::optional<std::string> found;
  if (const char* text = std::getenv("GIT_CONFIG_PARAMETERS"))
    for (auto& [name, value] : parameters(text))
      if (name == wanted)
        found = value;
  if (const char* count_text = std::getenv("GIT_CONFIG_COUNT")) {
    long count = std::strtol(count_text, nullptr, 10);
    for (long i = 0; i < count && i < 10000; ++i) {
      std::string index = std::to_string(i);
      const char* name = std::getenv(("GIT_CONFIG_KEY_" + index).c_str());
      const char* value = std::getenv(("GIT_CONFIG_VALUE_" + index).c_str());
      if (name && value && normalize_key(name) == wanted)
        found = value;
    }
  }
  return found;
}

} // namespace preflight::git
