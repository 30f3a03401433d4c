#include "migrate/readers.hpp"

#include "commands/any_hook.hpp"
#include "util/error.hpp"

#include <yaml-cpp/yaml.h>

namespace preflight::migrate {

YAML::Node parse_yaml(const std::string& file, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw Error(file + ":" + std::to_string(e.mark.line + 1) + ":" +
                    std::to_string(e.mark.column + 1) + ": " + e.msg,
                Exit::usage);
  }
}

std::string where(const std::string& file, const YAML::Node& node) {
  return file + ":" + std::to_string(node.Mark().line + 1);
}

std::string section_of_hook(const std::string& hook) {
  if (hook == "pre-commit" || hook == "commit-msg" || hook == "pre-push") {
    std::string out = hook;
    for (char& c : out)
      if (c == '-')
        c = '_';
    return out;
  }
  if (const commands::AnyHook* any = commands::find_any_hook(hook))
    return std::string(any->section);
  return "";
}

bool is_file_section(const std::string& section) {
  return section == "pre_commit" || section == "pre_push";
}

std::optional<std::vector<std::string>> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word)
        words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\' && i + 1 < text.size()) {
      word += text[++i];
    } else if (c == '\'') {
      std::size_t end = text.find('\'', i + 1);
      if (end == std::string::npos)
        return std::nullopt;
      word += text.substr(i + 1, end - i - 1);
      i = end;
    } else if (c == '"') {
      std::size_t j = i + 1;
      for (; j < text.size() && text[j] != '"'; ++j) {
        if (text[j] == '\\' && j + 1 < text.size() &&
            std::string_view("\"\\$`").find(text[j + 1]) != std::string_view::npos)
          ++j;
        word += text[j];
      }
      if (j >= text.size())
        return std::nullopt;
      i = j;
    } else {
      word += c;
    }
  }
  if (in_word)
    words.push_back(std::move(word));
  return words;
}

namespace {

// A regex with no alternation or group as a path pattern piece: "\." -> ".",
// ".*" -> "*" (marked as crossing folders), literal characters as they are.
std::optional<std::string> literal_piece(const std::string& regex) {
  std::string out;
  for (std::size_t i = 0; i < regex.size(); ++i) {
    char c = regex[i];
    if (c == '\\' && i + 1 < regex.size() &&
        std::string_view(".-_/+()[]{}").find(regex[i + 1]) != std::string_view::npos) {
      out += regex[++i];
    } else if (c == '.' && i + 1 < regex.size() && regex[i + 1] == '*') {
      out += '\x01'; // any text, folders included
      ++i;
    } else if (c == '[' &&
               (regex.compare(i, 5, "[^/]*") == 0 || regex.compare(i, 5, "[^/]+") == 0)) {
      out += '*'; // a name's characters ("+": at least one, which any real name has)
      i += 4;
    } else if (c == '.') {
      out += '.'; // any character: in file names nearly always a dot meant as one
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '/' || c == ' ' || c == '~' || c == '@' || c == '=') {
      out += c;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// One alternative, anchored or not, as a gitignore pattern.
std::optional<std::string> glob_of(std::string body, bool anchored, bool to_end) {
  auto piece = literal_piece(body);
  if (!piece || piece->empty())
    return std::nullopt;
  std::string text = *piece;
  // ".*" before more text is "**/*" (any folders, then a name); at the end "**".
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x01') {
      out += text[i];
      continue;
    }
    bool at_end = i + 1 == text.size();
    bool after_slash = out.empty() || out.back() == '/';
    if (at_end)
      out += after_slash ? "**" : "*";
    else
      out += after_slash ? "**/*" : "*";
  }
  if (!to_end && !anchored) {
    // Text anywhere in the path: anywhere in a name, when it holds no "/".
    if (out.find('/') != std::string::npos)
      return std::nullopt;
    return (out.starts_with("*") ? "" : "*") + out + (out.ends_with("*") ? "" : "*");
  }
  if (!to_end) {
    // A prefix: a folder (ends in "/") and everything below it.
    if (out.back() != '/')
      return std::nullopt;
    out += "**";
  }
  if (anchored)
    return "/" + out;
  // Unanchored and to the end: a name suffix ("\.py$" -> "*.py") at any depth.
  if (out.find('/') != std::string::npos)
    return "**/*" + out;
  return out.starts_with("*") ? out : "*" + out;
}

// Splits "a|b|c" at the top level (no nested groups supported).
std::vector<std::string> alternatives(const std::string& text) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      out.back() += text.substr(i, 2);
      ++i;
    } else if (text[i] == '|') {
      out.emplace_back();
    } else {
      out.back() += text[i];
    }
  }
  return out;
}

} // namespace

std::optional<std::vector<std::string>> globs_of_regex(const std::string& regex) {
  std::string text = regex;
  // pre-commit's verbose style (?x)^(a|b)$ with newlines.
  if (text.starts_with("(?x)")) {
    std::string compact;
    for (char c : text.substr(4))
      if (c != ' ' && c != '\n' && c != '\t')
        compact += c;
    text = compact;
  }
  bool anchored = text.starts_with("^");
  if (anchored)
    text.erase(0, 1);
  bool to_end = text.ends_with("$") && !text.ends_with("\\$");
  if (to_end)
    text.pop_back();
  // "prefix(a|b)suffix" with one group: every alternative between the two.
  std::string prefix, suffix;
  std::vector<std::string> bodies;
  std::size_t open = text.find('(');
  if (open != std::string::npos) {
    std::size_t close = text.rfind(')');
    if (close == std::string::npos || close < open)
      return std::nullopt;
    prefix = text.substr(0, open);
    suffix = text.substr(close + 1);
    std::string inner = text.substr(open + 1, close - open - 1);
    if (inner.starts_with("?:"))
      inner.erase(0, 2);
    for (const std::string& alt : alternatives(inner))
      bodies.push_back(prefix + alt + suffix);
  } else {
    bodies = alternatives(text);
  }
  std::vector<std::string> out;
  for (const std::string& body : bodies) {
    auto glob = glob_of(body, anchored, to_end);
    if (!glob)
      return std::nullopt;
    out.push_back(*glob);
  }
  return out;
}

std::vector<std::string> expand_braces(const std::string& glob) {
  std::size_t open = glob.find('{');
  std::size_t close = open == std::string::npos ? open : glob.find('}', open);
  if (close == std::string::npos)
    return {glob};
  std::vector<std::string> out;
  std::string inner = glob.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (true) {
    std::size_t comma = inner.find(',', start);
    std::string alt = inner.substr(start, comma == std::string::npos ? comma : comma - start);
    for (std::string& rest : expand_braces(glob.substr(close + 1)))
      out.push_back(glob.substr(0, open) + alt + rest);
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i ? separator : "") + items[i];
  return out;
}

void notebook_settings(const std::vector<std::string>& args, const std::string& origin,
                       const std::string& source, Migration& out) {
  auto set = [&](const std::string& key, const std::string& value) {
    out.add_setting({"notebooks." + key, value, origin}, source, false);
  };
  auto list = [](const std::string& value) {
    std::vector<std::string> items;
    for (const std::string& word : split_words(value).value_or(std::vector<std::string>{}))
      items.push_back(quoted_yaml(word));
    return "[" + join(items, ", ") + "]";
  };
  set("enabled", "true");
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i], value;
    if (std::size_t eq = arg.find('='); eq != std::string::npos && arg.starts_with("--")) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
    }
    auto take = [&]() {
      if (value.empty() && i + 1 < args.size())
        value = args[++i];
      return value;
    };
    if (arg == "--keep-output")
      set("keep_output", "true");
    else if (arg == "--keep-count")
      set("keep_count", "true");
    else if (arg == "--keep-id")
      set("keep_id", "true");
    else if (arg == "--drop-empty-cells")
      set("drop_empty_cells", "true");
    else if (arg == "--strip-init-cells")
      set("strip_init_cells", "true");
    else if (arg == "--extra-keys")
      set("extra_keys", list(take()));
    else if (arg == "--keep-metadata-keys")
      set("keep_metadata_keys", list(take()));
    else if (arg == "--drop-tagged-cells")
      set("drop_tagged_cells", list(take()));
    else if (arg == "--max-size")
      set("max_size", quoted_yaml(take()));
    else if (arg == "-t" || arg == "--textconv" || arg == "-m" || arg == "nbstripout")
      continue; // how git runs it, not an option of the stripping
    else
      out.lose(source, origin, "nbstripout option " + args[i] + " has no preflight equivalent");
  }
}

} // namespace preflight::migrate
