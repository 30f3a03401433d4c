// Reading rules files: YAML syntax, validation against the key table, `extends`,
// and layering. Every problem in every file is collected before anything throws,
// so one run shows them all.
#include "config/builtin_rules.hpp"
#include "config/config.hpp"
#include "config/diagnostics.hpp"
#include "config/numbers.hpp"
#include "config/schema.hpp"
#include "git/pins.hpp"
#include "report/output.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace preflight::config {

namespace {

// A rules file is untrusted input: bound what one can make us do.
constexpr std::size_t k_max_file_size = 1 << 20;
constexpr std::size_t k_max_nodes = 100000;
constexpr std::size_t k_max_extends_depth = 16;

// One item of `extends`: a shipped rule set by name, or a rules file in the
// repository (`- path: ci/preflight.yaml`).
struct Extend {
  std::string name; // the shipped set, or "" for a path
  std::string path; // the file, relative to the repository root
  YAML::Node node;  // for locations
  std::string repo; // a shared rules repository's url, with rev; else ""
  std::string rev;
};

// The values one file sets, and the rule sets it extends.
struct Layer {
  std::vector<std::pair<std::string, Value>> values;
  std::vector<Extend> extends;
  bool has_extends = false;
};

std::string join_path(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

// The names of the keys directly below prefix, for "did you mean" hints.
std::vector<std::string_view> child_names(const std::string& prefix) {
  std::vector<std::string_view> names;
  std::size_t skip = prefix.empty() ? 0 : prefix.size() + 1;
  for (const KeyDef& key : key_table()) {
    std::string_view path = key.path;
    if (!prefix.empty() && (path.size() <= skip || path.substr(0, prefix.size()) != prefix ||
                            path[prefix.size()] != '.'))
      continue;
    std::string_view rest = path.substr(skip);
    if (rest.find('.') == std::string_view::npos)
      names.push_back(rest);
  }
  return names;
}

std::string quote_list(std::span<const std::string_view> items) {
  std::string out;
  for (std::string_view item : items)
    out += (out.empty() ? "" : ", ") + std::string(item);
  return out;
}

class Validator {
public:
  Validator(Diagnostics& diags, Layer& layer) : m_diags(diags), m_layer(layer) {}

  void root(const YAML::Node& node) {
    if (node.IsNull())
      return;
    if (!node.IsMap()) {
      m_diags.error(node, "a rules file must be a map of keys, such as \"extends: [default]\"");
      return;
    }
    map(node, "");
  }

private:
  Diagnostics& m_diags;
  Layer& m_layer;
  std::size_t m_nodes = 0;

  bool budget(const YAML::Node& node) {
    if (++m_nodes == k_max_nodes)
      m_diags.error(node, "too many values (more than " + std::to_string(k_max_nodes) + ")");
    return m_nodes < k_max_nodes;
  }

  void store(const std::string& path, const YAML::Node& node) {
    m_layer.values.push_back({path, Value{node, m_diags.locate(node)}});
  }

  void map(const YAML::Node& node, const std::string& prefix) {
    std::set<std::string> seen;
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (!budget(key))
        return;
      if (!key.IsScalar()) {
        m_diags.error(key, "keys must be plain names");
        continue;
      }
      const std::string& name = key.Scalar();
      if (!seen.insert(name).second) {
        m_diags.error(key, "duplicate key \"" + name + "\"");
        continue;
      }
      std::string path = join_path(prefix, name);
      const KeyDef* def = find_key(path);
      if (!def) {
        unknown(key, name, prefix);
        continue;
      }
      value(*def, path, entry.second);
    }
  }

  void unknown(const YAML::Node& key, const std::string& name, const std::string& prefix) {
    auto siblings = child_names(prefix);
    std::string hint = did_you_mean_hint(name, siblings);
    if (hint.empty()) {
      // The right name in the wrong section: "keep_output" at the top level.
      for (const KeyDef& other : key_table()) {
        std::string_view path = other.path;
        if (path.size() > name.size() && path.substr(path.size() - name.size()) == name &&
            path[path.size() - name.size() - 1] == '.') {
          hint = " (did you mean \"" + std::string(path) + "\"?)";
          break;
        }
      }
    }
    std::string where = prefix.empty() ? "" : " in \"" + prefix + "\"";
    m_diags.error(key, "unknown key \"" + name + "\"" + where + hint);
  }

  void value(const KeyDef& def, const std::string& path, const YAML::Node& node) {
    switch (def.type) {
    case ValueType::section:
      if (node.IsNull())
        return;
      if (!node.IsMap())
        return m_diags.error(node, "\"" + path + "\" must be a map of keys");
      return map(node, path);
    case ValueType::boolean: {
      bool ignored = false;
      if (!node.IsScalar() || !YAML::convert<bool>::decode(node, ignored))
        return m_diags.error(node, "\"" + path + "\" must be true or false");
      return store(path, node);
    }
    case ValueType::integer:
      if (!whole_number(node))
        return m_diags.error(node, "\"" + path + "\" must be a whole number");
      return store(path, node);
    case ValueType::size:
      if (!size_value(node))
        return m_diags.error(node, "\"" + path +
                                       "\" must be a size in bytes, such as 1048576, 500k or 5MB");
      return store(path, node);
    case ValueType::string:
      if (!node.IsScalar())
        return m_diags.error(node, "\"" + path + "\" must be a string");
      return store(path, node);
    case ValueType::string_list: return string_list(path, node);
    case ValueType::choice:
      if (!node.IsScalar() ||
          std::find(def.choices.begin(), def.choices.end(), node.Scalar()) == def.choices.end()) {
        std::string got = node.IsScalar() ? " \"" + node.Scalar() + "\"" : "";
        std::string hint = node.IsScalar() ? did_you_mean_hint(node.Scalar(), def.choices) : "";
        return m_diags.error(node, "\"" + path + "\" must be one of " + quote_list(def.choices) +
                                       ", not" + (got.empty() ? " this" : got) + hint);
      }
      return store(path, node);
    case ValueType::object_list:
      if (!node.IsSequence())
        return m_diags.error(node, "\"" + path + "\" must be a list");
      for (const auto& item : node) {
        if (!budget(item))
          return;
        if (!item.IsMap())
          m_diags.error(item, "each item of \"" + path + "\" must be a map of keys");
        else
          map_items(item, path + "[]");
      }
      return store(path, node);
    case ValueType::named_map: return named_map(def, path, node);
    }
  }

  // Items of an object_list are validated but stored as part of the list.
  void map_items(const YAML::Node& item, const std::string& prefix) {
    Layer scratch;
    Validator inner(m_diags, scratch);
    inner.m_nodes = m_nodes;
    inner.map(item, prefix);
    m_nodes = inner.m_nodes;
  }

  void string_list(const std::string& path, const YAML::Node& node) {
    if (node.IsScalar()) {
      if (path == "extends")
        m_layer.extends.push_back({node.Scalar(), "", node, "", ""});
      return store(path, node);
    }
    if (!node.IsSequence())
      return m_diags.error(node, "\"" + path + "\" must be a list of strings");
    for (const auto& item : node) {
      if (!budget(item))
        return;
      if (path == "extends" && item.IsMap())
        extends_item(item);
      else if (!item.IsScalar())
        m_diags.error(item, "each item of \"" + path + "\" must be a string");
      else if (path == "extends")
        m_layer.extends.push_back({item.Scalar(), "", item, "", ""});
    }
    store(path, node);
  }

  // `- path: FILE`: a rules file in the repository; with repo: URL and rev: TAG
  // or COMMIT, a file of a shared rules repository.
  void extends_item(const YAML::Node& item) {
    const bool shared = static_cast<bool>(item["repo"]);
    for (const auto& entry : item) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
      if (key != "path" && !(shared && (key == "repo" || key == "rev")))
        return m_diags.error(entry.first, "an item of \"extends\" is a shipped rule set's name "
                                          "or a map: path: FILE, with repo: URL and rev: TAG "
                                          "for a shared rules repository");
    }
    const YAML::Node file = item["path"];
    if (!file || !file.IsScalar() || file.Scalar().empty())
      return m_diags.error(item, "\"extends\" item needs path: FILE (a rules file in the "
                                 "repository, or in the shared repository of repo:)");
    if (!shared)
      return m_layer.extends.push_back({"", file.Scalar(), file, "", ""});
    const YAML::Node url = item["repo"];
    const YAML::Node rev = item["rev"];
    if (!url.IsScalar() || url.Scalar().empty())
      return m_diags.error(url, "\"repo\" must be the url of a shared rules repository");
    if (!rev || !rev.IsScalar() || rev.Scalar().empty())
      return m_diags.error(item, "\"extends\" item with repo: needs rev: TAG (or a full commit "
                                 "id): a pin that does not move");
    m_layer.extends.push_back({"", file.Scalar(), rev, url.Scalar(), rev.Scalar()});
  }

  void named_map(const KeyDef& def, const std::string& path, const YAML::Node& node) {
    if (node.IsNull())
      return;
    if (!node.IsMap())
      return m_diags.error(node, "\"" + path + "\" must be a map of names");
    std::set<std::string> seen;
    for (const auto& entry : node) {
      if (!budget(entry.first))
        return;
      const std::string& name = entry.first.Scalar();
      if (!entry.first.IsScalar() || !seen.insert(name).second) {
        m_diags.error(entry.first, "duplicate or invalid name in \"" + path + "\"");
        continue;
      }
      if (!def.names.empty() &&
          std::find(def.names.begin(), def.names.end(), name) == def.names.end()) {
        m_diags.error(entry.first, "unknown name \"" + name + "\" in \"" + path + "\"" +
                                       did_you_mean_hint(name, def.names));
        continue;
      }
      std::size_t before = m_diags.all().size();
      if (def.validate_entry)
        def.validate_entry(name, entry.second, m_diags);
      if (m_diags.all().size() == before)
        store(path + "." + name, entry.second);
    }
  }
};

// Parses one rules text; problems go to diags (nullopt when it is not YAML).
std::optional<YAML::Node> parse_text(std::string_view text, const std::string& file,
                                     Diagnostics& diags) {
  diags.set_file(file);
  if (text.size() > k_max_file_size) {
    diags.error(Location{file, 0, 0}, "rules file too large (" + std::to_string(text.size()) +
                                          " bytes; the limit is 1 MiB)");
    return std::nullopt;
  }
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Location where{file, e.mark.is_null() ? 0 : e.mark.line + 1,
                   e.mark.is_null() ? 0 : e.mark.column + 1};
    diags.error(where, "invalid YAML: " + e.msg);
    return std::nullopt;
  }
}

// Validates a parsed rules tree into a layer; problems go to diags.
Layer layer_from(const YAML::Node& root, const std::string& file, Diagnostics& diags) {
  Layer layer;
  diags.set_file(file);
  try {
    Validator(diags, layer).root(root);
  } catch (const YAML::Exception& e) {
    diags.error(Location{file, e.mark.line + 1, e.mark.column + 1}, "invalid value: " + e.msg);
  }
  layer.has_extends = root.IsMap() && root["extends"];
  return layer;
}

const BuiltinRuleSet* find_builtin(std::string_view name) {
  for (const BuiltinRuleSet& set : builtin_rule_sets())
    if (set.name == name)
      return &set;
  return nullptr;
}

class Loader {
public:
  Config config;
  Diagnostics diags;
  std::filesystem::path repo_root; // extends paths are relative to it
  // False for a rules file pushed to a server: its `path:` items name files of
  // the pushed tree, not of the server's disk, and are refused.
  bool read_paths = true;
  int shared_depth = 0; // > 0 while a shared repository's file is applied

  // The text of root/file: a regular file of up to k_max_file_size bytes (a
  // link to /dev/zero, a FIFO, a terminal or a folder would hang the hook or
  // fill memory). nullopt when missing; a refusal is a problem in diags.
  std::optional<std::string> read(const std::filesystem::path& root, std::string_view file) {
    try {
      return read_regular_file(root / file, k_max_file_size);
    } catch (const Error& e) {
      std::string why = e.what();
      std::string prefix = (root / file).string() + ": ";
      if (why.starts_with(prefix))
        why.erase(0, prefix.size());
      diags.error(Location{std::string(file), 0, 0},
                  why + "; rules are read only from regular files of up to 1 MiB");
      return std::nullopt;
    }
  }

  // The key table's defaults, looked up when read. A named map's default is
  // documentation; the feature that reads the map applies it for names the files
  // leave unset (commit_msg.rules: see commitmsg/settings.cpp), so no hook parses it.
  void defaults() { config.use_key_defaults(); }

  // Applies a file's text: first what it extends, then its own values.
  void apply_text(std::string_view text, const std::string& file, bool implicit_default,
                  std::vector<std::string>& stack) {
    Diagnostics local(file);
    auto root = parse_text(text, file, local);
    diags.append(local);
    if (root)
      apply(*root, file, implicit_default, stack);
  }

  void apply(const YAML::Node& root, const std::string& file, bool implicit_default,
             std::vector<std::string>& stack) {
    Diagnostics local(file);
    Layer layer = layer_from(root, file, local);
    diags.append(local);
    if (!local.empty()) {
      for (const Extend& item : layer.extends)
        if (item.path.empty() && !find_builtin(item.name))
          extend(item, file, stack); // reports the unknown name
      return;
    }
    if (!layer.has_extends && implicit_default)
      layer.extends.push_back({"default", "", YAML::Node(), "", ""});
    for (const Extend& item : layer.extends)
      extend(item, file, stack);
    config.add_file(file);
    set_values(layer);
  }

  void set_values(Layer& layer) {
    for (auto& [path, value] : layer.values) {
      if (path == "extends")
        continue;
      const KeyDef* def = find_key(path);
      if (def && def->type == ValueType::named_map)
        continue; // entries were stored one by one
      config.set(path, std::move(value));
    }
  }

  void extend(const Extend& item, const std::string& file, std::vector<std::string>& stack) {
    if (!item.repo.empty())
      return extend_repo(item, file, stack);
    if (!item.path.empty())
      return extend_path(item, file, stack);
    const std::string& name = item.name;
    Diagnostics local(file);
    const BuiltinRuleSet* set = find_builtin(name);
    if (!set) {
      std::vector<std::string_view> views;
      for (const BuiltinRuleSet& known : builtin_rule_sets())
        views.push_back(known.name);
      local.error(item.node, "unknown rule set \"" + name + "\"" + did_you_mean_hint(name, views) +
                                 "; shipped rule sets: " + quote_list(views));
    } else if (std::find(stack.begin(), stack.end(), name) != stack.end() ||
               stack.size() >= k_max_extends_depth) {
      local.error(item.node, "rule set \"" + name + "\" extends itself");
    } else {
      stack.push_back(name);
      apply_builtin(*set, stack);
      stack.pop_back();
    }
    diags.append(local);
  }

  // `- path: FILE`: the file's own extends, then its values, below the file
  // that names it. Paths are relative to the repository root and stay inside it.
  void extend_path(const Extend& item, const std::string& file, std::vector<std::string>& stack) {
    Diagnostics local(file);
    auto path = normal_relative_path(item.path);
    if (path && path->empty())
      path.reset();
    std::string key = "path:" + (path ? *path : item.path);
    if (!path) {
      local.error(item.node, "extends path \"" + item.path +
                                 "\" must be a relative path inside the repository (no \"..\", "
                                 "not absolute)");
    } else if (shared_depth > 0) {
      local.error(item.node, "extends path \"" + *path +
                                 "\" is not read from a shared repository's file (it would name "
                                 "a file of this repository)");
    } else if (!read_paths) {
      local.error(item.node, "extends path \"" + *path +
                                 "\" is not read from a rules file pushed to a server (the "
                                 "server reads no file of its own disk for a push); put the rules "
                                 "in the server's rules file");
    } else if (std::find(stack.begin(), stack.end(), key) != stack.end()) {
      local.error(item.node, "\"" + *path + "\" extends itself (through " + chain(stack) + ")");
    } else if (stack.size() >= k_max_extends_depth) {
      local.error(item.node, "extends nest deeper than " + std::to_string(k_max_extends_depth) +
                                 " files (through " + chain(stack) + ")");
    } else if (auto link = symlink_in(*path)) {
      local.error(item.node, "extends path \"" + *path + "\" goes through the symbolic link \"" +
                                 *link + "\"; rules are read only from files in the repository");
    } else {
      diags.append(local);
      auto text = read(repo_root, *path);
      if (!text) {
        if (!std::filesystem::exists(repo_root / *path)) // else read() said why
          diags.error(Diagnostics(file).locate(item.node),
                      "extends path \"" + *path + "\" does not exist");
        return;
      }
      stack.push_back(key);
      apply_text(*text, *path, false, stack);
      stack.pop_back();
      return;
    }
    diags.append(local);
  }

  // `- repo: URL, rev: TAG, path: FILE`: read from the cache `preflight update`
  // fills, never from the network. Its values carry the label URL@COMMIT:FILE.
  void extend_repo(const Extend& item, const std::string& file, std::vector<std::string>& stack) {
    Diagnostics local(file);
    std::string key = "repo:" + item.repo + "@" + item.rev + ":" + item.path;
    if (!read_paths || shared_depth > 0) {
      local.error(item.node, "a shared rules repository is not read from " +
                                 std::string(read_paths ? "another shared repository's file"
                                                        : "a rules file pushed to a server"));
    } else if (std::find(stack.begin(), stack.end(), key) != stack.end() ||
               stack.size() >= k_max_extends_depth) {
      local.error(item.node, "\"" + item.repo + "\" extends itself (through " + chain(stack) + ")");
    } else if (auto common = git::common_dir_of(repo_root); !common) {
      local.error(item.node, "a shared rules repository needs a git repository for its cache");
    } else {
      try {
        git::PinnedFile pinned = git::read_pinned(*common, item.repo, item.rev, item.path);
        stack.push_back(key);
        ++shared_depth;
        apply_text(pinned.text, pinned.label, false, stack);
        --shared_depth;
        stack.pop_back();
      } catch (const Error& e) {
        local.error(item.node, e.what());
      }
    }
    diags.append(local);
  }

  static std::string chain(const std::vector<std::string>& stack) {
    std::string out;
    for (const std::string& item : stack)
      out += (out.empty() ? "" : " -> ") + (item.starts_with("path:") ? item.substr(5) : item);
    return out.empty() ? "the root rules" : out;
  }

  // The first part of path (relative to root) that is a symbolic link.
  std::optional<std::string> symlink_in(const std::string& path) const {
    std::string sofar;
    for (const std::string& part : split(path, '/')) {
      sofar += (sofar.empty() ? "" : "/") + part;
      std::error_code ec;
      if (std::filesystem::is_symlink(std::filesystem::symlink_status(repo_root / sofar, ec)))
        return sofar;
    }
    return std::nullopt;
  }

  // A shipped set is valid (a unit test loads each one through the validator
  // too): its parents, then its values straight from the generated table.
  void apply_builtin(const BuiltinRuleSet& set, std::vector<std::string>& stack) {
    const std::string file = "<built-in rules/" + std::string(set.name) + ".yaml>";
    for (std::string_view parent : set.extends)
      extend({std::string(parent), "", YAML::Node(), "", ""}, file, stack);
    config.add_file(file);
    config.add_rule_set(set.values, file);
  }
};

} // namespace

void validate_text(std::string_view text, const std::string& file, Diagnostics& diags) {
  if (auto root = parse_text(text, file, diags))
    layer_from(*root, file, diags);
}

bool nested_key(std::string_view path) {
  return path.starts_with("checks.") || path == "pre_commit.commands";
}

const Scope* scope_of(const std::vector<Scope>& scopes, std::string_view path) {
  const Scope* best = nullptr;
  for (const Scope& scope : scopes)
    if (path.size() > scope.dir.size() && path.starts_with(scope.dir) &&
        path[scope.dir.size()] == '/' && (!best || scope.dir.size() > best->dir.size()))
      best = &scope;
  return best;
}

std::vector<Scope> load_scopes(const Config& rules, const std::filesystem::path& root,
                               std::vector<std::string> dirs) {
  // Outer folders first, so that each file goes on top of its parent's rules.
  std::sort(dirs.begin(), dirs.end());
  std::vector<Scope> scopes;
  scopes.reserve(dirs.size());
  Diagnostics problems;
  for (const std::string& dir : dirs) {
    const std::string file = dir + "/" + std::string(k_rules_file);
    const Scope* parent = scope_of(scopes, file);
    Loader loader;
    loader.repo_root = root;
    loader.config = parent ? parent->rules : rules;
    if (auto link = loader.symlink_in(file)) {
      problems.error(Location{file, 0, 0},
                     "\"" + *link +
                         "\" is a symbolic link in the working tree; nested rules are "
                         "read only from the repository's own folders and files");
      continue;
    }
    auto text = loader.read(root, file);
    if (text) {
      Diagnostics local(file);
      if (auto tree = parse_text(*text, file, local)) {
        Layer layer = layer_from(*tree, file, local);
        for (const auto& [path, value] : layer.values)
          if (!nested_key(path))
            local.error(value.source,
                        "\"" + path + "\" applies to the whole repository: set it in the root " +
                            std::string(k_rules_file) +
                            " (a nested rules file sets only checks.* and pre_commit.commands)");
        if (local.empty()) {
          loader.config.add_file(file);
          loader.set_values(layer);
        }
      }
      loader.diags.append(local);
    }
    problems.append(loader.diags);
    if (text && loader.diags.empty())
      scopes.push_back({dir, file, std::move(loader.config)});
  }
  if (!problems.empty())
    throw Error(problems.str(), Exit::usage);
  return scopes;
}

Config load(const LoadOptions& options) {
  // PREFLIGHT_TRACE=1 (see hook/runner.cpp): each load, to show that a hook reads its rules once.
  if (report::env_flag("PREFLIGHT_TRACE"))
    std::fprintf(stderr, "preflight: trace: load rules from %s\n", options.root.c_str());
  Loader loader;
  loader.repo_root = options.root;
  loader.read_paths = !options.text;
  loader.defaults();
  std::vector<std::string> stack;
  // Each file is on the stack while it is applied, so that extending it is a cycle.
  auto apply = [&](const std::string& file, const std::string& text, bool implicit_default) {
    stack.push_back("path:" + file);
    loader.apply_text(text, file, implicit_default, stack);
    stack.pop_back();
  };
  // The server names its rules file (options.file) or hands its text.
  std::string name = options.file.empty() ? std::string(k_rules_file) : options.file.string();
  auto main_text = options.text ? options.text : loader.read(options.root, name);
  if (main_text)
    apply(name, *main_text, true);
  else if (!options.file.empty() && loader.diags.empty())
    loader.diags.error(Location{name, 0, 0}, "the rules file does not exist");
  else
    loader.extend({"default", "", YAML::Node(), "", ""}, name, stack);
  if (options.read_local) {
    auto local_text = loader.read(options.root, k_local_rules_file);
    if (local_text)
      apply(std::string(k_local_rules_file), *local_text, false);
  }
  if (!loader.diags.empty())
    throw Error(loader.diags.str(), Exit::usage);
  return std::move(loader.config);
}

} // namespace preflight::config
