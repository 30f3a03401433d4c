// `preflight nbstrip`: nbstripout's command line on the notebook library.
//
// Same options, outputs and exit codes as nbstripout 0.9.1 (see
// docs/notebooks.md), with these differences on purpose: files are replaced
// atomically (never truncated first), processing continues past a bad file
// (still exiting 1), --drop-tagged-cells drops every listed tag, and
// --drop-output-type/--keep-output-type take one value per occurrence so they
// cannot swallow file names.
//
// nbstripout's git config keys (filter.nbstripout.extrakeys, .keepmetadatakeys)
// are read as nbstripout reads them (`git config KEY` here; with --global or
// --system that scope only) and added to the flags' keys. --install,
// --uninstall, --is-installed and --status set up preflight's notebook filter
// (cli/nbstrip_install.hpp).
//
// --rules takes the options from the repository's rules file (notebooks.*)
// instead, as the pre-commit check and the clean filter do; `preflight install`
// registers `nbstrip --textconv --rules` as the notebooks' diff textconv. There
// a notebook that cannot be read is shown as it is, with a warning, so that
// `git diff` still works.
#include "cli/commands.hpp"
#include "cli/nbstrip_install.hpp"
#include "cli/needed_options.hpp"
#include "config/config.hpp"
#include "git/config_edit.hpp"
#include "git/repository.hpp"
#include "notebook/io.hpp"
#include "notebook/json.hpp"
#include "notebook/settings.hpp"
#include "notebook/strip.hpp"
#include "report/output.hpp"
#include "util/huge_heap.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace preflight::cli {

namespace {

struct NbstripOptions {
  notebook::StripOptions strip;
  bool keep_output = false;
  std::string extra_keys, keep_metadata_keys, drop_tagged_cells, max_size = "0", mode = "jupyter";
  bool dry_run = false, verify = false, textconv = false, force = false, unix_newlines = false;
  bool rules = false;
  bool install = false, uninstall = false, is_installed = false, status = false;
  bool global = false, system = false;
  std::string attributes, python;
  std::vector<std::string> files;
};

class Runner {
public:
  explicit Runner(const NbstripOptions& options) : m_options(options) {}

  Exit run();

private:
  void process(notebook::InputBuffer& input, const std::string& name, bool from_stdin);
  void error(const std::string& message) {
    report::print_error(message, m_color);
    m_failed = true;
  }
  // textconv --rules: a notebook that does not strip is diffed as it is.
  void show_unstripped(const std::string& name, notebook::Failure f) {
    std::optional<notebook::InputBuffer> again;
    try { // read again: a successful parse may have decoded strings in the buffer
      again = notebook::InputBuffer::from_file(name);
      if (f.line == 0)
        notebook::locate(again->view(), f.offset, f.line, f.column);
    } catch (const std::system_error& e) {
      error(name + ": cannot read: " + e.what());
    }
    std::fprintf(stderr, "preflight: warning: %s (shown without stripping)\n",
                 notebook::describe_failure(name, f).c_str());
    if (again)
      emit(again->view());
  }
  void emit(std::string_view bytes) {
    if (!notebook::write_all(STDOUT_FILENO, bytes) && errno != EPIPE)
      error(std::string("cannot write to stdout: ") + std::strerror(errno));
  }

  const NbstripOptions& m_options;
  bool m_color = report::use_color(stderr);
  bool m_changed = false;
  bool m_failed = false;
};

void Runner::process(notebook::InputBuffer& input, const std::string& name, bool from_stdin) {
  const NbstripOptions& o = m_options;
  bool dry_run = o.dry_run || o.verify;
  bool to_stdout = from_stdin || o.textconv;
  notebook::StripResult result =
      notebook::strip_notebook_buffer(input.writable(), o.strip, !dry_run);
  std::string where = from_stdin ? "<stdin>" : name;
  if (result.failure && o.rules && o.textconv && !from_stdin) {
    show_unstripped(name, *result.failure);
    return;
  }
  if (result.failure) {
    notebook::Failure& f = *result.failure;
    std::string location = where;
    if (f.line > 0)
      location += ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
    else if (f.kind == notebook::FailureKind::not_json)
      location += ": byte " + std::to_string(f.offset);
    if (f.kind == notebook::FailureKind::not_json && o.strip.mode == notebook::Mode::jupyter)
      error(location + ": No valid notebook detected " +
            (from_stdin ? std::string("on stdin") : "in '" + name + "'") + ": " + f.message);
    else if (from_stdin)
      error(location + ": " + f.message);
    else
      error(location + ": Could not strip '" + name + "': " + f.message);
    return;
  }
  m_changed |= result.changed;
  if (dry_run) {
    if (result.changed)
      emit("Dry run: would have stripped " + (from_stdin ? "input from stdin" : name) + "\n");
  } else if (to_stdout) {
    emit(result.output);
  } else if (result.changed) {
    try {
      notebook::replace_file(name, result.output);
    } catch (const std::system_error& e) {
      error(name + ": Could not strip '" + name + "': " + e.what());
    }
  }
}

// Notebooks from this size on are read into a heap in huge pages (see
// util/huge_heap.hpp); below it one huge page costs more than the small pages
// it saves. Measured on 100 KB (even) and 1 MB notebooks (0.7 ms less).
constexpr std::size_t k_huge_heap_from = 256 * 1024;

// How to load the inputs: a heap in huge pages for the largest when it is big
// enough (the input, its tree and the output: about three times its size).
notebook::Load prepare_memory(const std::vector<std::string>& files) {
  std::size_t largest = 0;
  struct stat st {};
  if (files.empty() && ::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
    largest = static_cast<std::size_t>(st.st_size);
  for (const std::string& file : files)
    if (::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      largest = std::max(largest, static_cast<std::size_t>(st.st_size));
  return largest >= k_huge_heap_from && reserve_huge_heap(3 * largest) ? notebook::Load::read
                                                                       : notebook::Load::map;
}

Exit Runner::run() {
  const NbstripOptions& o = m_options;
  notebook::Load load = prepare_memory(o.files);
  // A reader that goes away (git, `| head`) is not an error, as in nbstripout.
  std::signal(SIGPIPE, SIG_IGN);
  for (const std::string& key : notebook::removal_keys(o.strip).invalid)
    std::fprintf(stderr, "preflight: warning: Ignoring invalid extra key `%s`\n", key.c_str());

  if (o.files.empty()) {
    notebook::InputBuffer input;
    try {
      input = notebook::InputBuffer::from_fd(STDIN_FILENO, load);
    } catch (const std::system_error& e) {
      throw Error(std::string("cannot read stdin: ") + e.what(), Exit::blocked);
    }
    process(input, "input from stdin", true);
  }
  for (const std::string& file : o.files) {
    if (!o.force && !file.ends_with(".ipynb") && !file.ends_with(".zpln"))
      continue;
    notebook::InputBuffer input;
    try {
      input = notebook::InputBuffer::from_file(file, load);
    } catch (const std::system_error& e) {
      error(file + ": Could not strip '" + file + "': " +
            (e.code() == std::errc::no_such_file_or_directory ? std::string("file not found")
                                                              : e.code().message()));
      continue;
    }
    process(input, file, false);
  }
  return (m_failed || (o.verify && m_changed)) ? Exit::blocked : Exit::ok;
}

// nbstripout's mutually exclusive groups: at most one of names.
void tasks_exclude_each_other(CLI::App& sub, std::initializer_list<const char*> names) {
  std::vector<CLI::Option*> options;
  for (const char* name : names)
    if (CLI::Option* option = sub.get_option_no_throw(name))
      options.push_back(option);
  for (CLI::Option* a : options)
    for (CLI::Option* b : options)
      if (a != b)
        a->excludes(b);
}

NbstripSetup setup_of(const NbstripOptions& o) {
  NbstripSetup setup;
  setup.task = o.install     ? NbstripTask::install
               : o.uninstall ? NbstripTask::uninstall
               : o.status    ? NbstripTask::status
                             : NbstripTask::is_installed;
  if (o.global)
    setup.place.scope = install::FilterPlace::Scope::global;
  if (o.system)
    setup.place.scope = install::FilterPlace::Scope::system;
  if (!o.attributes.empty())
    setup.place.attributes = o.attributes;
  if (!o.python.empty())
    setup.program = o.python;
  return setup;
}

} // namespace

Action setup_nbstrip(CLI::App& sub, const GlobalOptions& global) {
  auto o = std::make_shared<NbstripOptions>();
  // git runs `nbstrip --textconv --rules FILE` for every notebook it diffs:
  // only the options the command line uses are set up (see needed_options.hpp).
  const NeededOptions needed(global.args, {"-C",
                                           "--format",
                                           "--dry-run",
                                           "--verify",
                                           "--keep-count",
                                           "--keep-output",
                                           "--drop-output-type",
                                           "--keep-output-type",
                                           "--keep-id",
                                           "--extra-keys",
                                           "--keep-metadata-keys",
                                           "--drop-empty-cells",
                                           "--drop-tagged-cells",
                                           "--strip-init-cells",
                                           "--max-size",
                                           "-m",
                                           "--mode",
                                           "-f",
                                           "--force",
                                           "-t",
                                           "--textconv",
                                           "--unix-newlines",
                                           "--rules",
                                           "--install",
                                           "--uninstall",
                                           "--is-installed",
                                           "--status",
                                           "--attributes",
                                           "--global",
                                           "--system",
                                           "--python"});
  auto flag = [&](const char* names, bool& value, const char* description) {
    if (needed(names))
      sub.add_flag(names, value, description);
  };
  auto option = [&](const char* names, auto& value, const char* description) {
    return needed(names) ? sub.add_option(names, value, description) : nullptr;
  };
  flag("--dry-run", o->dry_run, "Print which notebooks would have been stripped");
  flag("--verify", o->verify, "Exit 1 if any notebook would be stripped (implies --dry-run)");
  flag("--keep-count", o->strip.keep_count, "Keep execution counts / prompt numbers");
  flag("--keep-output", o->keep_output, "Keep outputs");
  // One value per occurrence: CLI11's vector options would also take the
  // file names that follow.
  if (CLI::Option* types = option("--drop-output-type", o->strip.drop_output_types,
                                  "Output type to drop, e.g. error or stream:stderr (repeatable)"))
    types->expected(1)->allow_extra_args(false)->multi_option_policy(
        CLI::MultiOptionPolicy::TakeAll);
  if (CLI::Option* types = option("--keep-output-type", o->strip.keep_output_types,
                                  "Output type to keep even when stripping (repeatable)"))
    types->expected(1)->allow_extra_args(false)->multi_option_policy(
        CLI::MultiOptionPolicy::TakeAll);
  flag("--keep-id", o->strip.keep_id, "Keep cell ids (else renumbered 0, 1, ...)");
  option("--extra-keys", o->extra_keys,
         "Space-separated metadata paths to strip too, e.g. 'metadata.foo cell.metadata.bar'");
  option("--keep-metadata-keys", o->keep_metadata_keys,
         "Space-separated metadata paths not to strip");
  flag("--drop-empty-cells", o->strip.drop_empty_cells,
       "Remove cells whose source is empty or whitespace");
  option("--drop-tagged-cells", o->drop_tagged_cells,
         "Space-separated cell tags; cells with any of them are removed");
  flag("--strip-init-cells", o->strip.strip_init_cells,
       "Strip outputs of cells with init_cell: true too");
  option("--max-size", o->max_size, "Keep outputs of at most SIZE (k, M, G: x1000)");
  if (CLI::Option* mode = option("-m,--mode", o->mode, "jupyter or zeppelin"))
    mode->check(CLI::IsMember({"jupyter", "zeppelin"}));
  flag("-f,--force", o->force, "Also process files not ending in .ipynb or .zpln");
  flag("-t,--textconv", o->textconv, "Print stripped files to stdout (git textconv)");
  flag("--unix-newlines", o->unix_newlines, "Accepted for compatibility (always LF)");
  flag("--rules", o->rules,
       "Take the options from the rules file (notebooks.*), as the hook and the clean "
       "filter do; with --textconv, show unreadable notebooks as they are");
  flag("--install", o->install,
       "Set up preflight's notebook filter and diff textconv in this repository, as "
       "`preflight install` does for notebooks (nbstripout --install)");
  flag("--uninstall", o->uninstall, "Remove the filter and textconv set-up and attributes line");
  flag("--is-installed", o->is_installed, "Exit 0 when the filter is set up here, else 1");
  flag("--status", o->status, "Like --is-installed, and print the set-up");
  option("--attributes", o->attributes,
         "The attributes file for --install/--uninstall (default: .git/info/attributes)");
  flag("--global", o->global, "Use the user's git config (and attributes file)");
  flag("--system", o->system, "Use the system's git config (and attributes file)");
  option("--python", o->python,
         "The program written into the filter commands instead of this preflight's path "
         "(nbstripout: the Python interpreter)");
  tasks_exclude_each_other(sub,
                           {"--dry-run", "--install", "--uninstall", "--is-installed", "--status"});
  tasks_exclude_each_other(sub, {"--global", "--system", "--python"});
  option("files", o->files, "Notebooks to strip in place (none: stdin to stdout)");
  return [o]() {
    if (o->install || o->uninstall || o->is_installed || o->status)
      return run_nbstrip_setup(setup_of(*o));
    if (o->keep_output)
      o->strip.keep_output = true;
    o->strip.mode = o->mode == "zeppelin" ? notebook::Mode::zeppelin : notebook::Mode::jupyter;
    o->strip.extra_keys = notebook::split_words(o->extra_keys);
    o->strip.keep_metadata_keys = notebook::split_words(o->keep_metadata_keys);
    o->strip.drop_tagged_cells = notebook::split_words(o->drop_tagged_cells);
    std::optional<std::uint64_t> size = notebook::parse_max_size(o->max_size);
    if (!size)
      throw Error("--max-size: invalid size \"" + o->max_size +
                      "\" (digits with an optional k, M or G suffix)",
                  Exit::usage);
    o->strip.max_size = *size;
    if (o->rules) {
      git::Repository repo = open_repository();
      o->strip = notebook::settings_from_config(config::load({rules_root(repo)})).strip;
      notebook::add_nbstripout_git_keys(
          o->strip, [&repo](std::string_view key) { return repo.config_string(key); });
    } else {
      std::optional<git::UserScope> only;
      if (o->global || o->system)
        only = o->global ? git::UserScope::global : git::UserScope::system;
      notebook::add_nbstripout_git_keys(o->strip, git::config_here(only));
    }
    return Runner(*o).run();
  };
}

} // namespace preflight::cli
