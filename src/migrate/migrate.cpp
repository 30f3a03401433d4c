#include "migrate/migrate.hpp"

#include "report/output.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace preflight::migrate {

namespace {

std::string flow_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + quoted_yaml(items[i]);
  return out + "]";
}

// A rules-file section as a tree of keys, in the order they were first met.
struct Node {
  struct Kid;
  std::vector<std::string> origins;
  std::optional<std::string> value;
  std::vector<Kid> kids;                // (a vector of a pair holding Node needs Node complete)
  std::vector<const Command*> commands; // for a "commands" key

  Node& kid(const std::string& key);
};

struct Node::Kid {
  std::string name;
  Node node;
};

Node& Node::kid(const std::string& key) {
  for (auto& [name, node] : kids)
    if (name == key)
      return node;
  kids.push_back(Kid{key, Node{}});
  return kids.back().node;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(path.substr(start, dot - start));
  parts.push_back(path.substr(start));
  return parts;
}

void command_lines(const Command& c, const std::string& pad, std::string& out) {
  std::string prefix = c.adapt.empty() ? pad : pad + "# ";
  out += prefix + "- name: " + quoted_yaml(c.name) + "\n";
  std::string item = prefix + "  ";
  if (c.script)
    out += item + "run: " + quoted_yaml(*c.script) + "\n";
  else
    out += item + "run: " + flow_list(c.argv) + "\n";
  if (!c.glob.empty())
    out += item + "glob: " + flow_list(c.glob) + "\n";
  if (!c.exclude.empty())
    out += item + "exclude: " + flow_list(c.exclude) + "\n";
  if (c.pass_files)
    out += item + "pass_files: " + (*c.pass_files ? "true" : "false") + "\n";
  if (c.stage_fixed)
    out += item + "stage_fixed: " + (*c.stage_fixed ? "true" : "false") + "\n";
  if (!c.root.empty())
    out += item + "root: " + quoted_yaml(c.root) + "\n";
  if (!c.env.empty()) {
    out += item + "env:\n";
    for (const auto& [key, value] : c.env)
      out += item + "  " + quoted_yaml(key) + ": " + quoted_yaml(value) + "\n";
  }
}

void render(const Node& node, const std::string& pad, std::string& out) {
  for (const auto& [key, kid] : node.kids) {
    for (const std::string& origin : kid.origins)
      out += pad + "# from " + origin + "\n";
    if (kid.value) {
      out += pad + key + ": " + *kid.value + "\n";
      continue;
    }
    if (key == "commands") {
      bool any = std::any_of(kid.commands.begin(), kid.commands.end(),
                             [](const Command* c) { return c->adapt.empty(); });
      out += pad + key + ":" + (any ? "\n" : " []\n");
      for (const Command* c : kid.commands) {
        if (c->adapt.empty())
          out += pad + "  # from " + c->origin + "\n";
        else
          out += pad + "  # to adapt (" + c->adapt + "): from " + c->origin + "\n";
        command_lines(*c, pad + "  ", out);
      }
      continue;
    }
    out += pad + key + ":\n";
    render(kid, pad + "  ", out);
  }
}

// One line of a comment: no newline may end the comment early, and no
// control character from the files read reaches a terminal.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return report::escape_controls(text);
}

} // namespace

std::string quoted_yaml(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Tally& Migration::tally(const std::string& source) {
  for (Tally& t : m_tallies)
    if (t.source == source)
      return t;
  m_tallies.push_back(Tally{source});
  return m_tallies.back();
}

void Migration::add_command(Command command, const std::string& source) {
  // Names are unique per hook, and SKIP= separates them with commas.
  std::replace(command.name.begin(), command.name.end(), ',', '-');
  if (command.name.empty())
    command.name = "command";
  std::string base = command.name;
  for (int n = 2;; ++n) {
    bool taken = std::any_of(m_commands.begin(), m_commands.end(), [&](const Command& c) {
      return c.section == command.section && c.name == command.name;
    });
    if (!taken)
      break;
    command.name = base + "-" + std::to_string(n);
  }
  command.origin = one_line(command.origin);
  command.adapt = one_line(command.adapt);
  Tally& t = tally(source);
  (command.adapt.empty() ? t.carried : t.adapt)++;
  m_commands.push_back(std::move(command));
}

void Migration::add_setting(Setting setting, const std::string& source, bool counts) {
  if (counts)
    tally(source).builtin++;
  setting.origin = one_line(setting.origin);
  m_settings.push_back(std::move(setting));
}

void Migration::add_rule(const std::string& name, const std::string& value,
                         const std::string& origin, const std::string& source) {
  tally(source).carried++;
  m_settings.push_back({"commit_msg.rules." + name, value, one_line(origin)});
}

void Migration::lose(const std::string& source, const std::string& where, const std::string& what,
                     bool whole) {
  (whole ? tally(source).lost : tally(source).partly)++;
  m_lost.push_back(where + ": " + what);
}

std::string kind_of(const std::string& file_name) {
  std::string base = file_name.substr(file_name.find_last_of('/') + 1);
  if (base == ".pre-commit-config.yaml" || base == ".pre-commit-config.yml")
    return "pre-commit";
  if (base == "lefthook.yml" || base == ".lefthook.yml" || base == "lefthook.yaml" ||
      base == ".lefthook.yaml")
    return "lefthook";
  if (base == ".commitlintrc" || base == ".commitlintrc.json" || base == ".commitlintrc.yaml" ||
      base == ".commitlintrc.yml")
    return "commitlint";
  if (base == "package.json")
    return "package.json";
  for (const char* stem : {".commitlintrc.", "commitlint.config."})
    if (base.starts_with(stem))
      for (const char* ext : {"js", "cjs", "mjs", "ts", "cts", "mts"})
        if (base == std::string(stem) + ext)
          return "commitlint-script";
  return "";
}

const std::vector<std::string>& known_files() {
  static const std::vector<std::string> files = {".pre-commit-config.yaml",
                                                 ".pre-commit-config.yml",
                                                 "lefthook.yml",
                                                 ".lefthook.yml",
                                                 "lefthook.yaml",
                                                 ".lefthook.yaml",
                                                 ".commitlintrc",
                                                 ".commitlintrc.json",
                                                 ".commitlintrc.yaml",
                                                 ".commitlintrc.yml",
                                                 ".commitlintrc.js",
                                                 ".commitlintrc.cjs",
                                                 ".commitlintrc.mjs",
                                                 ".commitlintrc.ts",
                                                 ".commitlintrc.cts",
                                                 ".commitlintrc.mts",
                                                 "commitlint.config.js",
                                                 "commitlint.config.cjs",
                                                 "commitlint.config.mjs",
                                                 "commitlint.config.ts",
                                                 "commitlint.config.cts",
                                                 "commitlint.config.mts",
                                                 "package.json"};
  return files;
}

std::string to_yaml(const Migration& m) {
  Node root;
  // `extends` first: the built-in default rule set stays underneath.
  for (const Setting& s : m.settings()) {
    std::vector<std::string> parts = split_path(s.path);
    Node* node = &root;
    // commit_msg.rules.<name>: the rule name may hold no dot, but stop there.
    std::size_t depth = s.path.starts_with("commit_msg.rules.") ? 3 : parts.size();
    std::string last = parts[depth - 1];
    for (std::size_t i = 0; i + 1 < depth; ++i)
      node = &node->kid(parts[i]);
    if (depth < parts.size())
      for (std::size_t i = depth; i < parts.size(); ++i)
        last += "." + parts[i];
    Node& leaf = node->kid(last);
    if (leaf.value && *leaf.value != s.value)
      leaf.origins.push_back(s.origin + " (replaces the value above: " + *leaf.value + ")");
    else
      leaf.origins.push_back(s.origin);
    leaf.value = s.value;
  }
  for (const Command& c : m.commands())
    root.kid(c.section).kid("commands").commands.push_back(&c);

  std::string sources;
  for (const Tally& t : m.tallies())
    sources += (sources.empty() ? "" : ", ") + t.source;
  std::string out = "# Written by `preflight migrate` from " +
                    one_line(sources.empty() ? std::string("nothing") : sources) +
                    ".\n# Review it; the commands in it run only after `preflight trust`.\n";
  render(root, "", out);
  return out;
}

} // namespace preflight::migrate
