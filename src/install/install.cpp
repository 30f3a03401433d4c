#include "install/install.hpp"

#include "commands/any_hook.hpp"
#include "commands/trust.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "install/hook_files.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

namespace preflight::install {
namespace fs = std::filesystem;

const std::vector<std::string>& hook_names() {
  static const std::vector<std::string> names = {"pre-commit", "commit-msg", "pre-push",
                                                 "post-checkout", "reference-transaction"};
  return names;
}

const std::vector<std::string>& server_hook_names() {
  static const std::vector<std::string> names = {"pre-receive", "update"};
  return names;
}

std::string binary_for(const std::string& name) {
  const auto& names = hook_names();
  if (std::find(names.begin(), names.end(), name) != names.end())
    return name;
  const auto& server = server_hook_names();
  if (std::find(server.begin(), server.end(), name) != server.end())
    return name;
  return std::string(commands::k_any_hook_binary);
}

fs::path libexec_dir() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw Error("cannot find the preflight binary (/proc/self/exe): " + ec.message());
  // <prefix>/bin/preflight, or a hook binary in <prefix>/libexec/preflight/.
  fs::path folder = self.parent_path();
  if (folder.filename() == "preflight" && folder.parent_path().filename() == "libexec")
    return folder;
  return folder.parent_path() / "libexec" / "preflight";
}

namespace {

// Every hook preflight may install: the built-in five, the server's, and the
// hooks with commands only.
std::vector<std::string> every_hook_name() {
  std::vector<std::string> names = hook_names();
  names.insert(names.end(), server_hook_names().begin(), server_hook_names().end());
  for (const commands::AnyHook& hook : commands::any_hooks())
    names.emplace_back(hook.name);
  return names;
}

} // namespace

void check_hook_names(const std::vector<std::string>& names) {
  const std::vector<std::string> known = every_hook_name();
  for (const std::string& name : names)
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::vector<std::string_view> views(known.begin(), known.end());
      throw Error("unknown hook \"" + name + "\"" + did_you_mean_hint(name, views) +
                      "; preflight's hooks are pre-commit, commit-msg, pre-push, post-checkout "
                      "and reference-transaction, the hooks the rules give commands (post-merge, "
                      "...) and the server's pre-receive and update",
                  Exit::usage);
    }
}

namespace {

// Whether name is one of only, or only is empty (every hook).
bool chosen(const std::vector<std::string>& only, const std::string& name) {
  return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
}

constexpr std::size_t k_hook_file_max = 1 << 20; // larger hook files are nobody's we know

// A link is ours when it points at <something>/libexec/preflight/<name>.
bool is_our_link(const fs::path& target, const std::string& name) {
  return target.filename() == name && target.parent_path().filename() == "preflight" &&
         target.parent_path().parent_path().filename() == "libexec";
}

// The first bytes of a hook file (it is read through a link), or "".
std::string head_of(const fs::path& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec || size > k_hook_file_max)
    return "";
  try {
    return read_file_if_exists(path).value_or("");
  } catch (const Error&) {
    return "";
  }
}

bool is_ours(const fs::path& path, const std::string& name) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0)
    return false;
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    return is_our_link(fs::read_symlink(path, ec), name) && !ec;
  }
  std::string bytes = head_of(path);
  return launcher_target(bytes) || is_portable_script(bytes);
}

HookStatus inspect_one(const fs::path& dir, const std::string& name, const fs::path& libexec) {
  HookStatus status;
  status.name = name;
  status.path = dir / name;
  struct stat st {};
  fs::path local = dir / (name + ".local");
  status.chained = ::access(local.c_str(), X_OK) == 0;
  status.renamed_ours = is_ours(dir / (name + ".old"), name);
  status.legacy_ours = is_ours(dir / (name + ".legacy"), name);
  if (::lstat(status.path.c_str(), &st) != 0)
    return status;
  status.state = State::foreign;
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    fs::path target = fs::read_symlink(status.path, ec);
    if (!ec && is_our_link(target, name)) {
      status.target = target;
      status.link = true;
      status.state = State::stale;
      return status;
    }
  }
  std::string bytes = head_of(status.path);
  if (auto target = launcher_target(bytes)) {
    status.target = *target;
    bool current = status.target == libexec / binary_for(name) &&
                   ::access(target->c_str(), X_OK) == 0 && ::access(status.path.c_str(), X_OK) == 0;
    status.state = current ? State::ours : State::stale;
  } else if (is_portable_script(bytes)) {
    status.portable = true;
    status.state = bytes == portable_script(name) && ::access(status.path.c_str(), X_OK) == 0
                       ? State::ours
                       : State::stale;
  } else {
    status.owner = hook_owner(bytes);
  }
  return status;
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    throw Error("cannot rename " + from.string() + " to " + to.string() + ": " +
                std::strerror(errno));
}

// Writes our hook file for name in one rename (a link or an older file there
// is replaced, never written through).
void write_hook(const fs::path& path, const std::string& bytes) {
  write_file_atomic(path, bytes, fs::perms(0755));
}

// Removes our hook name (giving back <name>.local); one line per action.
void remove_ours(const fs::path& dir, const std::string& name, const fs::path& libexec,
                 std::vector<std::string>& lines) {
  HookStatus status = inspect_one(dir, name, libexec);
  fs::path local = dir / (name + ".local");
  bool has_local = fs::symlink_status(local).type() != fs::file_type::not_found;
  if (status.renamed_ours) {
    ::unlink((dir / (name + ".old")).c_str());
    lines.push_back(name + ".old: removed (preflight's hook, renamed by another tool)");
  }
  if (status.state == State::ours || status.state == State::stale) {
    if (has_local) {
      rename_or_throw(local, status.path); // replaces our hook in one step
      lines.push_back(name + ": removed; the previous hook is back");
    } else {
      if (::unlink(status.path.c_str()) != 0)
        throw Error("cannot remove " + status.path.string() + ": " + std::strerror(errno));
      lines.push_back(name + ": removed");
    }
  } else if (status.state == State::foreign && has_local) {
    lines.push_back(name + ": not ours, left alone; " + local.string() + " also left alone");
  } else if (status.state == State::missing && has_local) {
    rename_or_throw(local, status.path);
    lines.push_back(name + ": the previous hook is back");
  }
}

} // namespace

HooksPlace hooks_place(const git::Repository& repo) {
  HooksPlace place;
  place.dir = repo.hooks_dir();
  auto configured = repo.config_string("core.hooksPath");
  if (!configured || configured->empty())
    return place;
  place.user_level = repo.config_from_user_level("core.hooksPath");
  place.owner = hooks_path_owner(place.dir);
  if (auto root = repo.workdir()) {
    fs::path relative = place.dir.lexically_relative(*root);
    std::string text = relative.string();
    if (!relative.empty() && text != "." && !text.starts_with("..") && !text.starts_with(".git/") &&
        text != ".git")
      place.tracked = repo.tracks_under(text) || !repo.is_ignored(text + "/pre-commit");
  }
  return place;
}

std::vector<HookStatus> inspect(const git::Repository& repo, const fs::path& libexec,
                                const std::vector<std::string>& command_hooks) {
  fs::path dir = repo.hooks_dir();
  std::vector<HookStatus> all;
  for (const std::string& name : hook_names())
    all.push_back(inspect_one(dir, name, libexec));
  for (const commands::AnyHook& hook : commands::any_hooks()) {
    std::string name(hook.name);
    HookStatus status = inspect_one(dir, name, libexec);
    bool used = std::find(command_hooks.begin(), command_hooks.end(), name) != command_hooks.end();
    if (used || status.state == State::ours || status.state == State::stale)
      all.push_back(std::move(status));
  }
  return all;
}

std::vector<HookStatus> inspect_server(const git::Repository& repo, const fs::path& libexec) {
  std::vector<HookStatus> all;
  for (const std::string& name : server_hook_names())
    all.push_back(inspect_one(repo.hooks_dir(), name, libexec));
  return all;
}

std::vector<std::string> install(const git::Repository& repo, const fs::path& libexec,
                                 const InstallOptions& options) {
  HooksPlace place = hooks_place(repo);
  if (place.user_level && !options.global)
    throw Error("core.hooksPath is set in your user-level git config (" + place.dir.string() +
                    "), so hooks installed there run in every repository of yours; run "
                    "`preflight install --global` if that is what you want, or install into "
                    "this repository only with `git config core.hooksPath .git/hooks && "
                    "preflight install`",
                Exit::usage);
  if (place.tracked && !options.portable)
    throw Error("core.hooksPath is " + place.dir.string() +
                    ", a folder in the working tree that git tracks (or would: it is not "
                    "ignored); hook files written there get committed, and the usual ones name "
                    "this machine's paths; run `preflight install --portable` to write hook "
                    "scripts that run `preflight` from PATH and are safe to commit",
                Exit::usage);
  if (options.server && options.portable)
    throw Error("--server and --portable exclude each other", Exit::usage);
  std::vector<std::string> names = options.server ? server_hook_names() : hook_names();
  if (!options.server)
    for (const std::string& name : options.command_hooks)
      if (commands::find_any_hook(name) &&
          std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(name);
  std::string launcher;
  if (!options.portable) {
    fs::path launcher_file = libexec / "hook-launcher";
    for (const std::string& name : names)
      if (chosen(options.hooks, name) && ::access((libexec / binary_for(name)).c_str(), X_OK) != 0)
        throw Error("hook binary missing: " + (libexec / binary_for(name)).string() +
                    " (is preflight installed? run ./install.sh)");
    auto bytes = read_file_if_exists(launcher_file);
    if (!bytes)
      throw Error("hook launcher missing: " + launcher_file.string() +
                  " (is preflight installed? run ./install.sh)");
    launcher = std::move(*bytes);
  }
  fs::path dir = place.dir;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw Error("cannot create the hooks folder " + dir.string() + ": " + ec.message());

  std::vector<std::string> lines;
  for (const std::string& name : names) {
    if (!chosen(options.hooks, name))
      continue;
    HookStatus status = inspect_one(dir, name, libexec);
    fs::path local = dir / (name + ".local");
    fs::path binary = libexec / binary_for(name);
    std::string bytes =
        options.portable ? portable_script(name) : make_launcher(launcher, binary.string());
    if (status.renamed_ours) {
      fs::path old = dir / (name + ".old");
      ::unlink(old.c_str());
      lines.push_back(name + ": removed " + old.string() + " (preflight's hook, renamed by " +
                      (status.owner.empty() ? "another tool" : status.owner) + ")");
    }
    bool same = status.state == State::ours && status.portable == options.portable;
    switch (status.state) {
    case State::ours:
      if (same) {
        lines.push_back(name + ": already installed");
        continue;
      }
      [[fallthrough]];
    case State::stale:
      write_hook(status.path, bytes);
      lines.push_back(name + ": updated" +
                      (options.portable ? " (portable)" : " to " + binary.string()));
      continue;
    case State::foreign:
      if (fs::symlink_status(local).type() != fs::file_type::not_found)
        throw Error("cannot keep the existing " + name + " hook: " + local.string() +
                        " already exists (move one of them away, then run preflight install again)",
                    Exit::blocked);
      rename_or_throw(status.path, local);
      write_hook(status.path, bytes);
      lines.push_back(name + ": installed; the previous hook" +
                      (status.owner.empty() ? "" : " (" + status.owner + "'s)") + " was kept as " +
                      local.string() + " and runs after preflight's checks");
      continue;
    case State::missing:
      write_hook(status.path, bytes);
      lines.push_back(name + ": installed" + (options.portable ? " (portable)" : ""));
      continue;
    }
  }
  // Our hooks for commands the rules no longer have go (the hook git ran
  // before, kept as <hook>.local, comes back).
  // (Not for a chosen subset, nor on a server.)
  if (options.rules_loaded && options.hooks.empty() && !options.server)
    for (const commands::AnyHook& hook : commands::any_hooks()) {
      std::string name(hook.name);
      if (std::find(names.begin(), names.end(), name) != names.end())
        continue;
      std::vector<std::string> removed;
      remove_ours(dir, name, libexec, removed);
      for (const std::string& line : removed)
        lines.push_back(line + " (the rules have no " + name + " commands)");
    }
  if (exclude_local_rules(repo))
    lines.push_back(std::string(config::k_local_rules_file) + ": added to info/exclude");
  return lines;
}

std::vector<std::string> uninstall(const git::Repository& repo, const fs::path& libexec,
                                   const std::vector<std::string>& hooks) {
  fs::path dir = repo.hooks_dir();
  std::vector<std::string> lines;
  for (const std::string& name : every_hook_name())
    if (chosen(hooks, name))
      remove_ours(dir, name, libexec, lines);
  if (lines.empty())
    lines.push_back("no preflight hooks were installed in " + dir.string());
  return lines;
}

std::vector<std::string> verify_binaries(const fs::path& libexec) {
  std::vector<std::string> problems;
  fs::path sums_file = libexec / "SHA256SUMS";
  std::optional<std::string> sums;
  try {
    sums = read_file_if_exists(sums_file);
  } catch (const Error& e) {
    return {e.what()};
  }
  if (!sums)
    return {"cannot verify the hook binaries: " + sums_file.string() +
            " is missing (reinstall preflight: ./install.sh)"};
  std::map<std::string, std::string> expected;
  std::string version;
  for (const std::string& line : split(*sums, '\n')) {
    if (line.starts_with("version "))
      version = line.substr(8);
    else if (std::size_t gap = line.find("  "); gap == 64)
      expected[line.substr(gap + 2)] = line.substr(0, gap);
  }
  if (version != PREFLIGHT_VERSION)
    problems.push_back("the hook binaries in " + libexec.string() + " are preflight " +
                       (version.empty() ? "(unknown version)" : version) + ", this preflight is " +
                       PREFLIGHT_VERSION + " (reinstall preflight: ./install.sh)");
  std::vector<std::string> names = hook_names();
  names.insert(names.end(), server_hook_names().begin(), server_hook_names().end());
  names.emplace_back(commands::k_any_hook_binary);
  names.push_back("hook-launcher");
  for (const std::string& name : names) {
    fs::path file = libexec / name;
    std::optional<std::string> bytes;
    try {
      bytes = read_file_if_exists(file);
    } catch (const Error& e) {
      problems.push_back(e.what());
      continue;
    }
    if (!bytes)
      problems.push_back("the shared hook binary " + file.string() +
                         " is missing (reinstall preflight: ./install.sh)");
    else if (auto it = expected.find(name);
             it == expected.end() || commands::sha256_hex(*bytes) != it->second)
      problems.push_back("the shared hook binary " + file.string() +
                         " is not the one preflight installed (its SHA-256 differs from " +
                         sums_file.string() +
                         "; another tool wrote over it?): every repository that runs it is "
                         "affected; reinstall preflight (./install.sh)");
  }
  return problems;
}

bool exclude_local_rules(const git::Repository& repo) {
  fs::path exclude = repo.common_dir() / "info" / "exclude";
  std::string wanted = "/" + std::string(config::k_local_rules_file);
  std::string text = read_file_if_exists(exclude).value_or("");
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos)
      end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (line == wanted || line == config::k_local_rules_file)
      return false;
    start = end + 1;
  }
  std::error_code ec;
  fs::create_directories(exclude.parent_path(), ec);
  if (!text.empty() && text.back() != '\n')
    text += '\n';
  text += "# preflight: personal rules, never committed\n" + wanted + "\n";
  write_file_atomic(exclude, text);
  return true;
}

} // namespace preflight::install
