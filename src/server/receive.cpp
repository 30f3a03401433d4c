#include "server/receive.hpp"

#include "config/config.hpp"
#include "git/repository.hpp"
#include "hook/runner.hpp"
#include "report/output.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/process.hpp"
#include "util/quick_exit.hpp"
#include "util/strings.hpp"

#include <cstdio>
#include <unistd.h>

namespace preflight::server {
namespace fs = std::filesystem;

std::string to_push_lines(std::string_view received) {
  std::string out;
  int number = 0;
  for (const std::string& raw : split(received, '\n')) {
    ++number;
    std::string_view line = raw;
    if (line.empty())
      continue;
    auto fields = split(line, ' ');
    if (fields.size() != 3 || fields[2].empty())
      throw Error("pre-receive: line " + std::to_string(number) +
                      " of standard input is not \"<old id> <new id> <ref>\": " +
                      quoted(line.substr(0, 200)),
                  Exit::internal);
    out += fields[2] + ' ' + fields[1] + ' ' + fields[2] + ' ' + fields[0] + '\n';
  }
  return out;
}

fs::path configured_rules_file(const git::Repository& repo) {
  auto named = repo.config_string("preflight.rules");
  if (!named || named->empty())
    return {};
  return fs::path(*named).is_absolute() ? fs::path(*named) : repo.git_dir() / *named;
}

namespace {

// The hook that was there before `preflight install --server`, kept beside
// ours as <hook>.local: it gets git's own arguments and standard input.
int run_previous(const std::string& self, const std::vector<std::string>& args,
                 const std::string& received) {
  std::string previous = self + ".local";
  if (self.find('/') == std::string::npos || ::access(previous.c_str(), X_OK) != 0)
    return 0;
  std::vector<std::string> argv{previous};
  argv.insert(argv.end(), args.begin(), args.end());
  preflight::RunOptions run;
  run.input = received;
  int code = run_process(argv, run).exit_code;
  if (code != 0)
    std::fprintf(stderr, "preflight: the previous hook (%s) failed with exit code %d\n",
                 previous.c_str(), code);
  return code;
}

int run_hook(ServerHook hook, int argc, char** argv) {
  checks::HookInput input;
  input.hook = checks::Hook::pre_push;
  input.server = true;
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string received;
  if (hook == ServerHook::pre_receive) {
    received = read_stdin();
    input.stdin_data = to_push_lines(received);
  } else {
    if (args.size() != 3)
      throw Error("update: git passes <ref> <old id> <new id>", Exit::internal);
    input.stdin_data = args[0] + ' ' + args[2] + ' ' + args[0] + ' ' + args[1] + '\n';
  }
  hook::RunOptions options;
  options.root = fs::current_path(); // git runs hooks in the git dir of a bare repository
  options.rules_file = configured_rules_file(options.repo());
  bool per_ref = false;
  try {
    per_ref = options.rules().get_bool("server.per_ref");
  } catch (const Error& e) {
    // Broken rules: pre-receive reports them and refuses the push (below).
    if (hook == ServerHook::update)
      return 0;
    report::print_error(e.what(), false);
  }
  int code = 0;
  if (per_ref == (hook == ServerHook::update))
    code = hook::run(input, options);
  int previous = run_previous(argc > 0 ? argv[0] : "", args, received);
  return code != 0 ? code : previous != 0 ? static_cast<int>(Exit::blocked) : 0;
}

} // namespace

int main(ServerHook hook, int argc, char** argv) {
  int code = 0;
  try {
    code = run_hook(hook, argc, argv);
  } catch (const Error& e) {
    report::print_error(e.what(), false);
    code = static_cast<int>(e.exit() == Exit::ok ? Exit::internal : e.exit());
  } catch (const std::exception& e) {
    report::print_error(std::string("internal: ") + e.what(), false);
    code = static_cast<int>(Exit::internal);
  }
  return exit_now(code);
}

} // namespace preflight::server
