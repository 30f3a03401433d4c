// `preflight filter-process`: the notebook clean filter that `preflight install`
// registers as filter.preflight-nbstrip.process. git starts it once per command
// (`git add .` of 50 notebooks: one process, not 50) and sends every .ipynb
// through it; the stripped bytes are what git stores, while the working tree
// keeps its outputs. Options come from the rules file, read once at start, so
// the filter and the pre-commit check strip alike.
//
// A notebook that cannot be read is answered with status=error: git then keeps
// the file as is (filter.<driver>.required is false) and the pre-commit check
// reports it with its location. smudge (checkout) passes content through.
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "git/filter_protocol.hpp"
#include "git/repository.hpp"
#include "notebook/settings.hpp"
#include "report/output.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <optional>
#include <unistd.h>

namespace preflight::cli {

namespace {

constexpr std::string_view k_capabilities[] = {"clean", "smudge"};

// The notebook settings of the repository git runs us in, or nullopt (after
// saying why on stderr) when the rules do not load.
std::optional<notebook::Settings> load_settings() {
  try {
    git::Repository repo = open_repository();
    return notebook::settings_from_config(config::load({rules_root(repo)}));
  } catch (const Error& e) {
    report::print_error(std::string(e.what()) + "\n(notebooks are committed as they are; " +
                            "fix the rules, then `git add` them again)",
                        report::use_color(stderr));
    return std::nullopt;
  }
}

class NotebookFilter {
public:
  explicit NotebookFilter(std::optional<notebook::Settings> settings)
      : m_settings(std::move(settings)) {}

  git::FilterStatus operator()(const git::FilterRequest& request, std::string& content) const {
    if (request.command != "clean")
      return git::FilterStatus::success; // smudge: the committed form is checked out
    if (!m_settings)
      return git::FilterStatus::abort;
    if (!m_settings->enabled || m_settings->check_only ||
        !notebook::is_notebook_path(request.pathname))
      return git::FilterStatus::success;
    notebook::StripResult result = notebook::strip_notebook(content, m_settings->strip);
    if (result.failure) {
      report::print_error(notebook::describe_failure(request.pathname, *result.failure) +
                              " (stored without stripping; the pre-commit hook blocks it)",
                          m_color);
      return git::FilterStatus::error;
    }
    content = std::move(result.output);
    return git::FilterStatus::success;
  }

private:
  std::optional<notebook::Settings> m_settings;
  bool m_color = report::use_color(stderr);
};

} // namespace

Action setup_filter_process(CLI::App&, const GlobalOptions&) {
  return [] {
    // git closing the pipe early is its business, not a crash of ours.
    std::signal(SIGPIPE, SIG_IGN);
    NotebookFilter filter(load_settings());
    git::pkt::Reader reader(git::pkt::fd_reader(STDIN_FILENO));
    git::pkt::Writer writer(git::pkt::fd_writer(STDOUT_FILENO));
    git::serve_filter(reader, writer, k_capabilities,
                      [&filter](const git::FilterRequest& request, std::string& content) {
                        return filter(request, content);
                      });
    return Exit::ok;
  };
}

} // namespace preflight::cli
