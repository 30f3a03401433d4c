#include "commands/trust.hpp"

#include "commands/any_hook.hpp"

#include "checks/glob.hpp"
#include "commands/nested.hpp"
#include "git/index_lookup.hpp"
#include "git/repository.hpp"
#include "git/text_diff.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

#include <algorithm>
#include <set>

namespace preflight::commands {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_kept = 64;
constexpr const char* k_command_sections[] = {"pre_commit", "commit_msg", "pre_push"};

fs::path trust_dir(const fs::path& common_dir) {
  return common_dir / "preflight" / "trusted";
}

// The trusted hashes, oldest first. Before trusted/ was a folder it was a file
// of hashes; those still count.
std::vector<std::string> trusted_hashes(const fs::path& common_dir) {
  fs::path dir = trust_dir(common_dir);
  std::error_code ec;
  fs::path list = fs::is_directory(dir, ec) ? dir / "list" : dir;
  std::vector<std::string> out;
  if (auto text = read_file_if_exists(list))
    for (const std::string& line : split(*text, '\n'))
      if (!trim(line).empty())
        out.emplace_back(trim(line));
  return out;
}

// base/word as a repository-relative path, with "." and ".." resolved (a
// script named as ../scripts/x.sh from a root is still a file of the
// repository); nullopt when it leaves the repository.
std::optional<std::string> inside_repository(const std::string& base, const std::string& word) {
  fs::path joined = base.empty() ? fs::path(word) : fs::path(base) / word;
  std::string path = joined.lexically_normal().generic_string();
  while (path.ends_with('/'))
    path.pop_back();
  if (path.empty() || path == "." || path == ".." || path.starts_with("../") ||
      path.starts_with('/'))
    return std::nullopt;
  return path;
}

// The paths a command's words may name, relative to the repository: each word
// of each argument and of each env: value (split at blanks and shell punctuation, so that a script
// given to sh -c counts too), also the part after '=' (--config=x.toml) and
// every tail after a '/' (what follows "$PWD/" or an absolute path),
// resolved as paths (inside_repository), and relative to the command's root when
// it has one.
void named_paths(const YAML::Node& item, const std::string& dir,
                 std::set<std::string, std::less<>>& out) {
  std::string root = item["root"] && item["root"].IsScalar() ? item["root"].Scalar() : "";
  if (!dir.empty())
    root = root.empty() ? dir : dir + "/" + root;
  while (root.starts_with("./"))
    root.erase(0, 2);
  while (root.ends_with("/"))
    root.pop_back();
  constexpr std::string_view separators = " \t\n;&|()<>\"'`$";
  // The values of env: name files too (BASH_ENV, NODE_OPTIONS=--require=x.js).
  std::vector<std::string> arguments = config::strings_of(item["run"]);
  if (item["env"] && item["env"].IsMap())
    for (const auto& variable : item["env"])
      if (variable.second.IsScalar())
        arguments.push_back(variable.second.Scalar());
  for (const std::string& argument : arguments) {
    std::size_t start = 0;
    while (start < argument.size()) {
      std::size_t end = argument.find_first_of(separators, start);
      if (end == std::string::npos)
        end = argument.size();
      std::string word = argument.substr(start, end - start);
      start = end + 1;
      for (const std::string& candidate : {word, word.substr(word.find('=') + 1)}) {
        // The word and each of its tails after a '/': a path written after a
        // variable or a command substitution ("$PWD/x.sh", "${ROOT}/x.sh",
        // "$(git rev-parse --show-toplevel)/x.sh") names the same file.
        for (std::size_t from = 0; from != std::string::npos;) {
          std::string tail = candidate.substr(from);
          if (!tail.empty() && !tail.starts_with('/'))
            for (const std::string& base : {std::string(), root})
              if (auto path = inside_repository(base, tail))
                out.insert(*path);
          std::size_t slash = candidate.find('/', from);
          from = slash == std::string::npos ? slash : slash + 1;
        }
      }
    }
  }
}

std::string block(const std::string& file, const std::string& key, const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  return "# from " + file + "\n" + key + ":\n" + out.c_str() + "\n";
}

// file ID PATH lines of text, as PATH -> ID (PATH as quoted()).
std::map<std::string, std::string> file_lines(std::string_view text) {
  std::map<std::string, std::string> out;
  for (const std::string& line : split(text, '\n'))
    if (line.starts_with("file ") && line.size() > 6) {
      std::size_t space = line.find(' ', 5);
      if (space != std::string::npos)
        out[line.substr(space + 1)] = line.substr(5, space - 5);
    }
  return out;
}

} // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[32];
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
#if MBEDTLS_VERSION_MAJOR >= 3
  mbedtls_sha256(bytes, data.size(), digest, 0);
#else
  mbedtls_sha256_ret(bytes, data.size(), digest, 0);
#endif
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    out += digits[byte >> 4];
    out += digits[byte & 15];
  }
  return out;
}

TrustState trust_state(const config::Config& rules, const git::Repository& repo) {
  TrustState state;
  // The lists that can run something, with where each came from.
  struct Runnable {
    std::string section, key;
    const config::Value* value;
    std::string dir; // the folder of a nested rules file, else ""
  };
  std::vector<Runnable> runnables;
  std::vector<std::string> sections(std::begin(k_command_sections), std::end(k_command_sections));
  for (const AnyHook& hook : any_hooks())
    sections.emplace_back(hook.section);
  for (const std::string& section : sections) {
    const config::Value* value = rules.find(section + ".commands");
    if (value && value->node.IsSequence() && value->node.size() > 0)
      runnables.push_back({section, section + ".commands", value, ""});
  }
  if (const config::Value* actions = rules.find("post_checkout.actions");
      actions && actions->node.IsSequence() &&
      std::any_of(actions->node.begin(), actions->node.end(),
                  [](const YAML::Node& action) { return action.IsMap() && action["run"]; }))
    runnables.push_back({"post_checkout", "post_checkout.actions", actions, ""});
  // Nested rules files are committed (they are found in the index).
  const std::vector<config::Scope> scopes = nested_scopes(rules, repo);
  for (const config::Scope& scope : scopes)
    if (sets_itself(scope, "pre_commit.commands"))
      if (const config::Value* value = scope.rules.find("pre_commit.commands");
          value->node.IsSequence() && value->node.size() > 0)
        runnables.push_back({"pre_commit", "pre_commit.commands", value, scope.dir});
  bool from_local = std::any_of(runnables.begin(), runnables.end(), [](const Runnable& r) {
    return r.value->source.file == config::k_local_rules_file;
  });
  // Shipped rule sets run nothing of the repository's; every other file does.
  auto built_in = [](const std::string& file) { return file.starts_with("<built-in"); };
  if (std::all_of(runnables.begin(), runnables.end(),
                  [&](const Runnable& r) { return built_in(r.value->source.file); }))
    return state;

  // One read of the index: is the local file tracked, and the named files' ids.
  const config::Value* patterns = rules.find("trust.files");
  std::vector<std::string> globs =
      patterns ? config::strings_of(patterns->node) : std::vector<std::string>{};
  checks::GlobList glob_list(globs);
  std::set<std::string, std::less<>> paths;
  for (const Runnable& r : runnables)
    for (const auto& item : r.value->node)
      named_paths(item, r.dir, paths);
  // Looked up to learn whether git tracks it; listed only when named or matched.
  bool only_asked = from_local && paths.insert(std::string(config::k_local_rules_file)).second;
  std::function<bool(std::string_view)> match;
  if (!globs.empty())
    match = [&](std::string_view path) { return glob_list.first_match(path) != nullptr; };
  std::map<std::string, std::string> ids = git::index_ids(repo, paths, match);
  bool local_tracked = ids.count(std::string(config::k_local_rules_file)) > 0;
  if (only_asked && !(match && match(config::k_local_rules_file)))
    ids.erase(std::string(config::k_local_rules_file));

  for (const Runnable& r : runnables) {
    const std::string& file = r.value->source.file;
    bool committed = !built_in(file) && (file != config::k_local_rules_file || local_tracked);
    if (!committed)
      continue;
    state.text += block(file, r.key, r.value->node);
    state.sections.push_back(r.section);
  }
  if (state.sections.empty())
    return state;
  if (!globs.empty())
    state.text += block(patterns->source.file.empty() ? "the defaults" : patterns->source.file,
                        "trust.files", patterns->node);
  state.files = std::move(ids);
  for (const auto& [path, id] : state.files)
    state.text += "file " + id + " " + preflight::quoted(path) + "\n";
  state.hash = sha256_hex(state.text);
  auto known = trusted_hashes(repo.common_dir());
  state.trusted = std::find(known.begin(), known.end(), state.hash) != known.end();
  return state;
}

bool may_run(const TrustState& state, std::string_view section) {
  bool needs =
      std::find(state.sections.begin(), state.sections.end(), section) != state.sections.end();
  return !needs || state.trusted;
}

void record_trust(const fs::path& common_dir, const TrustState& state) {
  auto known = trusted_hashes(common_dir);
  fs::path dir = trust_dir(common_dir);
  std::error_code ec;
  if (fs::is_regular_file(fs::symlink_status(dir, ec)))
    fs::remove(dir); // the old file of hashes: its hashes move into list
  fs::create_directories(dir);
  write_file_atomic(dir / state.hash, state.text, fs::perms(0600));
  std::erase(known, state.hash);
  known.push_back(state.hash);
  while (known.size() > k_kept) {
    fs::remove(dir / known.front(), ec);
    known.erase(known.begin());
  }
  std::string list;
  for (const std::string& line : known)
    list += line + "\n";
  write_file_atomic(dir / "list", list, fs::perms(0600));
}

std::optional<std::string> changes_since_trust(const git::Repository& repo,
                                               const TrustState& state) {
  auto known = trusted_hashes(repo.common_dir());
  if (known.empty())
    return std::nullopt;
  auto last = read_file_if_exists(trust_dir(repo.common_dir()) / known.back());
  if (!last)
    return std::nullopt;
  std::string out = git::unified_diff(*last, state.text, "trusted");
  auto before = file_lines(*last);
  for (const auto& [path, id] : state.files) {
    auto old = before.find(preflight::quoted(path));
    if (old == before.end() || old->second == id)
      continue;
    if (auto diff = git::blob_diff(repo, old->second, id, path))
      out += *diff;
  }
  return out;
}

} // namespace preflight::commands
