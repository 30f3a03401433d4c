// `preflight nbstrip --install | --uninstall | --is-installed | --status`.
// nbstripout answers failures with exit 1 (not a repository, an attributes
// file it cannot write), and so does this, after a located message.
#include "cli/nbstrip_install.hpp"

#include "cli/commands.hpp"
#include "config/config.hpp"
#include "git/config_edit.hpp"
#include "git/repository.hpp"
#include "install/install.hpp"
#include "notebook/settings.hpp"
#include "report/output.hpp"
#include "util/error.hpp"

#include <cstdio>

namespace preflight::cli {

namespace {

using Scope = install::FilterPlace::Scope;

// nbstripout's words for where it looked.
std::string location(const git::Repository* repo, Scope scope) {
  if (scope == Scope::global)
    return "globally";
  if (scope == Scope::system)
    return "system-wide";
  return "in repository '" + rules_root(*repo).string() + "'";
}

Exit status(const git::Repository* repo, const NbstripSetup& setup, bool verbose) {
  install::FilterState state = install::notebook_filter_state(repo, setup.place);
  std::string where = location(repo, setup.place.scope);
  if (!verbose)
    return state.installed ? Exit::ok : Exit::blocked;
  if (!state.installed) {
    report::print_line(stdout, "preflight's notebook filter is not installed " + where);
    return Exit::blocked;
  }
  report::print_line(stdout, "preflight's notebook filter is installed " + where);
  std::printf("\nFilter:\n");
  for (const auto& [key, value] : state.config)
    report::print_line(stdout, "  " + key + " = " + value);
  // nbstripout's own keys, which preflight honours (docs/notebooks.md).
  for (const char* key : {"filter.nbstripout.extrakeys", "filter.nbstripout.keepmetadatakeys"}) {
    std::optional<std::string> value =
        setup.place.scope == Scope::local
            ? repo->config_string(key)
            : git::config_here(setup.place.scope == Scope::global ? git::UserScope::global
                                                                  : git::UserScope::system)(key);
    report::print_line(stdout, "  " + std::string(key) + " = " + value.value_or(""));
  }
  report::print_line(stdout, "\nAttributes:\n  *.ipynb: filter: " + state.filter_attribute);
  report::print_line(stdout, "\nDiff Attributes:\n  *.ipynb: diff: " + state.diff_attribute);
  return Exit::ok;
}

// notebooks.diff_textconv of the repository's rules; false, after saying why,
// when they do not load.
bool diff_textconv(const git::Repository& repo) {
  try {
    return notebook::settings_from_config(config::load({rules_root(repo)})).diff_textconv;
  } catch (const Error& e) {
    report::print_error(std::string(e.what()) +
                            "\n(the filter is set up without git diff's textconv: "
                            "notebooks.diff_textconv could not be read)",
                        report::use_color(stderr));
    return false;
  }
}

} // namespace

Exit run_nbstrip_setup(const NbstripSetup& setup) {
  bool color = report::use_color(stderr);
  try {
    std::optional<git::Repository> repo;
    if (setup.place.scope == Scope::local) {
      try {
        repo.emplace(open_repository());
      } catch (const Error& e) {
        if (setup.task == NbstripTask::is_installed)
          return Exit::blocked;
        throw;
      }
    }
    const git::Repository* in = repo ? &*repo : nullptr;
    switch (setup.task) {
    case NbstripTask::install:
      for (const std::string& line : install::install_notebook_filter(
               in,
               setup.program ? install::program_filter_commands(*setup.program)
                             : install::libexec_filter_commands(install::libexec_dir()),
               in && diff_textconv(*in), setup.place))
        report::print_line(stdout, line);
      return Exit::ok;
    case NbstripTask::uninstall:
      for (const std::string& line : install::uninstall_notebook_filter(in, setup.place))
        report::print_line(stdout, line);
      return Exit::ok;
    case NbstripTask::is_installed: return status(in, setup, false);
    case NbstripTask::status: return status(in, setup, true);
    }
  } catch (const Error& e) {
    report::print_error(e.what(), color);
  } catch (const std::filesystem::filesystem_error& e) {
    report::print_error(e.what(), color);
  }
  return Exit::blocked;
}

} // namespace preflight::cli
