#include "cli/output_options.hpp"

#include "cli/command.hpp"
#include "report/output.hpp"
#include "util/version.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <string_view>

namespace preflight::cli {

namespace {

std::string g_color;
bool g_quiet = false;
bool g_verbose = false;

// The global options that take a value (so that the value is not taken for
// the subcommand's name).
bool takes_value(std::string_view word) {
  return word == "-C" || word == "--format" || word == "--color";
}

bool set_color(std::string_view word) {
  auto mode = report::parse_color_mode(word);
  if (mode)
    report::set_color_mode(*mode);
  return mode.has_value();
}

} // namespace

std::vector<char*> help_to_flag(int argc, char** argv) {
  std::vector<char*> words(argv, argv + argc);
  for (std::size_t i = 1; i < words.size(); ++i) {
    std::string_view word = words[i];
    if (takes_value(word)) {
      ++i;
      continue;
    }
    if (word.starts_with("-"))
      continue;
    std::string_view next = i + 1 < words.size() ? words[i + 1] : "";
    if (word == "help" && next != "-h" && next != "--help") {
      static char flag[] = "--help";
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(i));
      // help COMMAND: the flag after the command's name; help alone: here.
      std::size_t at = i < words.size() && !std::string_view(words[i]).starts_with("-") ? i + 1 : i;
      words.insert(words.begin() + static_cast<std::ptrdiff_t>(at), flag);
    }
    break;
  }
  return words;
}

int early_options(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view word = argv[i];
    std::string_view value;
    if (word == "--color" && i + 1 < argc)
      value = argv[i + 1];
    else if (word.starts_with("--color="))
      value = word.substr(8);
    if (!value.empty() && !set_color(value)) {
      report::print_error("--color must be auto, always or never, not \"" + std::string(value) +
                              "\"",
                          report::use_color(stderr));
      return 2;
    }
    if (word == "--version") {
      std::printf("preflight %.*s\n", static_cast<int>(build_version().size()),
                  build_version().data());
      return 0;
    }
    if (word == "-q" || word == "--quiet")
      report::set_verbosity(report::Verbosity::quiet);
    if (word == "-v" || word == "--verbose")
      report::set_verbosity(report::Verbosity::verbose);
    if (takes_value(word))
      ++i;
    else if (!word.starts_with("-"))
      break; // the subcommand's name: what follows is its own
  }
  return -1;
}

void add_global_options(CLI::App& app, GlobalOptions& global) {
  app.add_option("-C", global.directory, "Run as if started in this folder");
  app.add_option("--format", global.format,
                 "Output format: text, json, sarif (SARIF 2.1.0) or github (workflow commands); "
                 "sarif and github for run and check-msg")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  app.set_version_flag("--version", "preflight " + std::string(build_version()),
                       "Print the version and exit");
  app.add_option("--color", g_color,
                 "Colour: auto (on a terminal, unless NO_COLOR is set), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", g_quiet, "Print problems only");
  app.add_flag("-v,--verbose", g_verbose,
               "Also print what ran, how long it took, and what was skipped and why");
}

void apply_output_options() {
  if (!g_color.empty())
    set_color(g_color);
  if (g_quiet)
    report::set_verbosity(report::Verbosity::quiet);
  if (g_verbose)
    report::set_verbosity(report::Verbosity::verbose);
}

} // namespace preflight::cli
