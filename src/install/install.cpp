#include "install/install.hpp"

#include "config/config.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace preflight::install {
namespace fs = std::filesystem;

const std::vector<std::string>& hook_names() {
  static const std::vector<std::string> names = {"pre-commit", "commit-msg", "pre-push",
                                                 "post-checkout", "reference-transaction"};
  return names;
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

// A link is ours when it points at <something>/libexec/preflight/<name>.
bool is_our_link(const fs::path& target, const std::string& name) {
  return target.filename() == name && target.parent_path().filename() == "preflight" &&
         target.parent_path().parent_path().filename() == "libexec";
}

HookStatus inspect_one(const fs::path& dir, const std::string& name, const fs::path& libexec) {
  HookStatus status;
  status.name = name;
  status.path = dir / name;
  struct stat st {};
  fs::path local = dir / (name + ".local");
  status.chained = ::access(local.c_str(), X_OK) == 0;
  if (::lstat(status.path.c_str(), &st) != 0)
    return status;
  status.state = State::foreign;
  if (S_ISLNK(st.st_mode)) {
    std::error_code ec;
    fs::path target = fs::read_symlink(status.path, ec);
    if (!ec && is_our_link(target, name)) {
      status.target = target;
      bool current = target == libexec / name && ::access(target.c_str(), X_OK) == 0;
      status.state = current ? State::ours : State::stale;
    }
  }
  return status;
}

// Makes path a link to target, replacing what is there in one rename.
void link_atomically(const fs::path& target, const fs::path& path) {
  fs::path temporary = path.string() + ".preflight-new";
  ::unlink(temporary.c_str());
  if (::symlink(target.c_str(), temporary.c_str()) != 0 ||
      ::rename(temporary.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    throw Error("cannot install " + path.string() + ": " + std::strerror(saved));
  }
}

void rename_or_throw(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0)
    throw Error("cannot rename " + from.string() + " to " + to.string() + ": " +
                std::strerror(errno));
}

} // namespace

std::vector<HookStatus> inspect(const git::Repository& repo, const fs::path& libexec) {
  fs::path dir = repo.hooks_dir();
  std::vector<HookStatus> all;
  for (const std::string& name : hook_names())
    all.push_back(inspect_one(dir, name, libexec));
  return all;
}

std::vector<std::string> install(const git::Repository& repo, const fs::path& libexec) {
  for (const std::string& name : hook_names())
    if (::access((libexec / name).c_str(), X_OK) != 0)
      throw Error("hook binary missing: " + (libexec / name).string() +
                  " (is preflight installed? run ./install.sh)");
  fs::path dir = repo.hooks_dir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw Error("cannot create the hooks folder " + dir.string() + ": " + ec.message());

  std::vector<std::string> lines;
  for (const std::string& name : hook_names()) {
    HookStatus status = inspect_one(dir, name, libexec);
    fs::path local = dir / (name + ".local");
    switch (status.state) {
    case State::ours: lines.push_back(name + ": already installed"); continue;
    case State::stale:
      link_atomically(libexec / name, status.path);
      lines.push_back(name + ": updated to " + (libexec / name).string());
      continue;
    case State::foreign:
      if (fs::symlink_status(local).type() != fs::file_type::not_found)
        throw Error("cannot keep the existing " + name + " hook: " + local.string() +
                        " already exists (move one of them away, then run preflight install again)",
                    Exit::blocked);
      rename_or_throw(status.path, local);
      link_atomically(libexec / name, status.path);
      lines.push_back(name + ": installed; the previous hook was kept as " + local.string() +
                      " and runs too");
      continue;
    case State::missing:
      link_atomically(libexec / name, status.path);
      lines.push_back(name + ": installed");
      continue;
    }
  }
  if (exclude_local_rules(repo))
    lines.push_back(std::string(config::k_local_rules_file) + ": added to info/exclude");
  return lines;
}

std::vector<std::string> uninstall(const git::Repository& repo, const fs::path& libexec) {
  fs::path dir = repo.hooks_dir();
  std::vector<std::string> lines;
  for (const std::string& name : hook_names()) {
    HookStatus status = inspect_one(dir, name, libexec);
    fs::path local = dir / (name + ".local");
    bool has_local = fs::symlink_status(local).type() != fs::file_type::not_found;
    if (status.state == State::ours || status.state == State::stale) {
      if (has_local) {
        rename_or_throw(local, status.path); // replaces our link in one step
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
  if (lines.empty())
    lines.push_back("no preflight hooks were installed in " + dir.string());
  return lines;
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
