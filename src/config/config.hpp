// The effective rules: key defaults, then the shipped rule sets a file extends,
// then .preflight.yaml, then .preflight.local.yaml, each value remembering where
// it came from.
#pragma once

#include "util/error.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::config {

inline constexpr std::string_view k_rules_file = ".preflight.yaml";
inline constexpr std::string_view k_local_rules_file = ".preflight.local.yaml";

// One effective value and where it was set. An empty source.file means the
// key table's default; "<rules/NAME>" means a shipped rule set.
struct Value {
  YAML::Node node;
  Location source;
};

struct BuiltinValue;
struct Literal;

// One entry of a named_map as stored, without building a YAML node for it:
// either a value from a rules file, or a literal (parse_literal, literal_node).
struct RawEntry {
  std::string_view name;    // the entry's name
  const Value* value;       // set for values read from files
  std::string_view literal; // else the literal
  Location source;          // where it was set
};

class Config {
public:
  // Leaf values by dotted path. Named-map entries are "<path>.<name>"; an
  // object_list is one leaf holding the whole list.
  const Value* find(std::string_view path) const;

  bool get_bool(std::string_view path) const;
  std::int64_t get_int(std::string_view path) const;
  std::uint64_t get_size(std::string_view path) const;
  std::string get_string(std::string_view path) const;
  std::vector<std::string> get_strings(std::string_view path) const;

  // The entries of a named_map, by name.
  std::map<std::string, const Value*> entries(std::string_view path) const;
  // The same entries without building YAML nodes, from the lowest layer to the
  // highest: a name listed again later is overridden by the later one.
  std::vector<RawEntry> raw_entries(std::string_view path) const;
  // The literal of a value that is set but not built yet (a key default or a
  // shipped rule set's value), or nullopt when it is built or unset (then use find).
  std::optional<std::string_view> find_literal(std::string_view path) const;

  // Every value (builds the pending ones first).
  const std::map<std::string, Value, std::less<>>& values() const;

  // The rules files that were read, in layering order (for status and config).
  const std::vector<std::string>& files() const { return m_files; }

  // Used by the loader.
  void set(std::string path, Value value);
  // A value written in code as flow YAML (a shipped rule set): its node is
  // built on first use, so a hook pays only for the keys it reads. literal
  // must outlive the Config (the generated tables are static).
  void set_literal(std::string path, std::string_view literal, Location source);
  void erase_prefix(std::string_view prefix);
  void add_file(std::string file) { m_files.push_back(std::move(file)); }
  // The key table's defaults as the lowest layer, looked up when a key is read
  // rather than copied in (a hook reads a few of a hundred keys).
  void use_key_defaults() { m_key_defaults = true; }
  // A shipped rule set's values (file is "<built-in rules/NAME.yaml>") as a layer
  // above everything set so far; kept by reference while nothing else was set.
  void add_rule_set(std::span<const BuiltinValue> values, std::string file);

private:
  struct Pending {
    std::string_view literal;
    Location source;
  };
  struct RuleSetLayer {
    std::span<const BuiltinValue> values;
    std::string file;
  };
  // The layers, highest first: m_values and m_pending (values set one by one;
  // a path is in one of them at most), m_sets (the last one wins), then the key
  // defaults. A value built from a lower layer is kept in m_values (it is the
  // effective one: rule sets are added by reference only while the maps are
  // empty). Everything changes under one lock (building a pending value moves
  // it into m_values), so readers on several threads are safe; std::map keeps
  // the Values that find() returned in place.
  mutable std::map<std::string, Value, std::less<>> m_values;
  mutable std::map<std::string, Pending, std::less<>> m_pending;
  mutable std::vector<RuleSetLayer> m_sets;
  mutable bool m_key_defaults = false;
  std::vector<std::string> m_files;

  std::optional<Literal> literal(std::string_view path) const;
  const Value* materialize(std::map<std::string, Pending, std::less<>>::iterator it) const;
  // The value of path in the rule sets or the key defaults, if any.
  std::optional<Pending> lower(std::string_view path) const;
  // Copies the rule sets and the key defaults into m_pending (for listings).
  void flatten() const;
};

struct LoadOptions {
  std::filesystem::path root; // the folder holding .preflight.yaml (worktree root)
  bool read_local = true;     // also read .preflight.local.yaml
  // When set, the rules file to read instead of root/.preflight.yaml (a
  // server's `git config preflight.rules`); it must exist.
  std::filesystem::path file{};
  // When set, the text of the rules file (named file, or .preflight.yaml),
  // not read from disk: a rules file pushed to a server.
  std::optional<std::string> text{};
};

// Loads the effective rules. Throws Error(Exit::usage) listing every problem
// found in every file ("file:line:col: message" lines).
Config load(const LoadOptions& options);

// A .preflight.yaml in a sub-folder (monorepos): its values apply to the files
// under dir, on top of the root file's and those of the folders between (the
// closest folder wins per key). Its pre_commit.commands add to the others' and
// run in dir. Only per-file settings can be nested (nested_key); the rest
// (commit messages, pushes, backups, notebooks, trust, extends) is the
// repository's and is set in the root file only.
struct Scope {
  std::string dir;  // "web/api": repository-relative, no trailing '/'
  std::string file; // "web/api/.preflight.yaml"
  Config rules;     // the effective rules for the files under dir
};

// Whether a nested rules file may set path: checks.* and pre_commit.commands.
bool nested_key(std::string_view path);

// Reads the nested rules files of dirs (folders relative to root; the files
// are read from the working tree like the root one) on top of rules. A folder
// whose file is gone from the working tree is left out. Throws
// Error(Exit::usage) listing every problem in every file.
std::vector<Scope> load_scopes(const Config& rules, const std::filesystem::path& root,
                               std::vector<std::string> dirs);

// The deepest scope whose folder holds path (repository-relative), or nullptr
// when the root rules apply.
const Scope* scope_of(const std::vector<Scope>& scopes, std::string_view path);

// Parses and validates one rules text without layering (for tests and fuzzing).
// file is the name used in locations. Problems are appended to diags.
void validate_text(std::string_view text, const std::string& file, class Diagnostics& diags);

// A YAML node for a default written in code ("true", "10MB", "[a, 'b/*']"):
// plain scalars and flat flow lists are built directly, since running yaml-cpp's
// parser once per default cost more than the rest of a hook; anything else is
// parsed. Only for the project's own constants, never for user input.
YAML::Node literal_node(std::string_view text);

// The strings of a string_list node: the scalar, or the list's scalar items
// (others are left out); none for a missing node.
std::vector<std::string> strings_of(const YAML::Node& node);

// Parses a size: 123, "500k", "5MB", "5MiB", "2G" (powers of 1024).
std::optional<std::uint64_t> parse_size(std::string_view text);

// Reads a rule level from YAML: error, warning/warn, off (also 2/1/0, false).
// Returns nullopt for anything else.
enum class Level { off, warning, error };
std::optional<Level> parse_level(const YAML::Node& node);
std::optional<Level> parse_level(std::string_view text);

} // namespace preflight::config
