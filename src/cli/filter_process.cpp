// `preflight filter-process`: the notebook filter that `preflight install`
// registers as filter.preflight-nbstrip.process. git starts it once per command
// (`git add .` of 50 notebooks: one process, not 50) and sends every .ipynb
// through it; the stripped bytes are what git stores, while the working tree
// keeps its outputs. Options come from the rules file, read once at start, so
// the filter and the pre-commit check strip alike.
//
// clean (git add, stash, status) also keeps the notebook with its outputs in
// the output cache under the id of the stripped blob (and drops the entry when
// the notebook comes already stripped); smudge (git writing a
// blob into the working tree: checkout, stash pop, reset --hard) gives that
// notebook back when it strips to exactly the blob, and the blob otherwise.
//
// A notebook that cannot be read is answered with status=error: git then keeps
// the file as is (filter.<driver>.required is false) and the pre-commit check
// reports it with its location. The cache is best effort: a failure to write
// it is reported once and never fails git's command.
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "git/filter_protocol.hpp"
#include "git/repository.hpp"
#include "notebook/filter.hpp"
#include "report/output.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <optional>
#include <unistd.h>

namespace preflight::cli {

namespace {

constexpr std::string_view k_capabilities[] = {"clean", "smudge"};

// The notebook settings and output cache of the repository git runs us in, or
// nullopt (after saying why on stderr) when the rules do not load.
std::optional<notebook::FilterSetup> load_setup() {
  try {
    git::Repository repo = open_repository();
    notebook::Settings settings = notebook::settings_from_config(config::load({rules_root(repo)}));
    notebook::add_nbstripout_git_keys(
        settings.strip, [&repo](std::string_view key) { return repo.config_string(key); });
    notebook::OutputCache cache(notebook::OutputCache::folder_in(repo.common_dir()),
                                settings.output_cache_max_size);
    return notebook::FilterSetup{std::move(settings), std::move(cache)};
  } catch (const Error& e) {
    report::print_error(std::string(e.what()) + "\n(notebooks are committed as they are; " +
                            "fix the rules, then `git add` them again)",
                        report::use_color(stderr));
    return std::nullopt;
  }
}

} // namespace

Action setup_filter_process(CLI::App&, const GlobalOptions&) {
  return [] {
    // git closing the pipe early is its business, not a crash of ours.
    std::signal(SIGPIPE, SIG_IGN);
    notebook::NotebookFilter filter(load_setup(), report::use_color(stderr));
    git::pkt::Reader reader(git::pkt::fd_reader(STDIN_FILENO));
    git::pkt::Writer writer(git::pkt::fd_writer(STDOUT_FILENO));
    git::serve_filter(reader, writer, k_capabilities,
                      [&filter](const git::FilterRequest& request, std::string& content) {
                        return filter(request, content);
                      });
    filter.finish();
    return Exit::ok;
  };
}

} // namespace preflight::cli
