// Fuzz target: a committed .preflight.yaml (untrusted) read the way the hooks
// read it: loaded with its extends layers, then every value materialised and
// read through the typed readers (commit-msg rule settings, notebook settings,
// backup settings, team commands of every hook, the path patterns of every
// check). Anything may be refused with preflight::Error; nothing may crash.
#include "backup/policy.hpp"
#include "checks/check.hpp"
#include "checks/glob.hpp"
#include "commands/spec.hpp"
#include "commitmsg/settings.hpp"
#include "config/config.hpp"
#include "notebook/settings.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    char pattern[] = "/tmp/preflight-fuzz-rules-XXXXXX";
    const char* made = ::mkdtemp(pattern);
    if (!made)
      std::abort();
    return std::filesystem::path(made);
  }();
  return dir;
}

void read_everything(const preflight::config::Config& rules) {
  using namespace preflight;
  (void)commitmsg::settings_from(rules);
  (void)notebook::settings_from_config(rules);
  (void)backup::settings_from(rules);
  for (checks::Hook hook :
       {checks::Hook::pre_commit, checks::Hook::commit_msg, checks::Hook::pre_push})
    (void)commands::read_commands(rules, hook);
  for (const auto& [path, value] : rules.values()) {
    if (!path.ends_with(".allow") && !path.ends_with(".patterns"))
      continue;
    checks::GlobList globs(rules.get_strings(path));
    (void)globs.first_match("checkpoints/run 1/model.pt");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight;
  {
    std::ofstream out(scratch() / ".preflight.yaml", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    config::Config rules = config::load({scratch(), false});
    read_everything(rules);
  } catch (const Error&) {
  }
  return 0;
}
