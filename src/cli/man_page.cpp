// preflight(1) in roff, generated from the command model: the build writes it
// with `preflight manpage` (see CMakeLists.txt), so the page lists exactly the
// subcommands and options the parser takes.
#include "cli/command_model.hpp"
#include "cli/commands.hpp"
#include "cli/output_options.hpp"
#include "util/error.hpp"
#include "util/version.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>

namespace preflight::cli {

namespace {

// Text for roff: backslashes doubled, dashes as \-, and a leading dot or quote
// escaped so that a line is never read as a request.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\''))
    out.insert(0, "\\&");
  return out;
}

std::string option_head(const OptionInfo& option) {
  std::string head;
  for (const std::string& name : option.names)
    head += (head.empty() ? "" : ", ") + std::string("\\fB") + roff(name) + "\\fR";
  if (option.takes_value)
    head += " \\fI" +
            roff(option.values.empty() ? "VALUE"
                                       : "{" +
                                             [&] {
                                               std::string list;
                                               for (const std::string& v : option.values)
                                                 list += (list.empty() ? "" : "|") + v;
                                               return list;
                                             }() +
                                             "}") +
            "\\fR";
  return head;
}

void options_of(const CommandInfo& command, std::string& out) {
  for (const OptionInfo& positional : command.positionals)
    out += ".TP\n\\fI" + roff(positional.label) + "\\fR\n" + roff(positional.doc) + "\n";
  for (const OptionInfo& option : command.options)
    out += ".TP\n" + option_head(option) + "\n" + roff(option.doc) + "\n";
}

void section(const CommandInfo& command, const std::string& path, std::string& out) {
  out += ".SS \"preflight " + roff(path) + "\"\n" + roff(command.summary) + "\n";
  options_of(command, out);
  for (const CommandInfo& sub : command.subcommands)
    section(sub, path + " " + sub.name, out);
}

} // namespace

std::string man_page(const CommandInfo& root) {
  std::string version(build_version());
  std::string out = ".TH PREFLIGHT 1 \"\" \"preflight " + roff(version) + "\" \"User Commands\"\n";
  out += ".SH NAME\npreflight \\- Git hooks that check commits, messages, notebooks and pushes, "
         "and keep backups before resets\n";
  out += ".SH SYNOPSIS\n\\fBpreflight\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n";
  out += ".br\n\\fBpreflight help\\fR [\\fICOMMAND\\fR]\n";
  out += ".SH DESCRIPTION\n" + roff(k_app_description) + "\n";
  out += ".PP\nEvery command takes \\fB\\-h\\fR, \\fB\\-\\-help\\fR.\n";
  out += ".SH OPTIONS\n";
  options_of(root, out);
  out += ".SH COMMANDS\n";
  for (const CommandInfo& command : root.subcommands)
    section(command, command.name, out);
  out += ".SH ENVIRONMENT\n"
         ".TP\n\\fBSKIP\\fR\nComma-separated check ids, rule names or command names that the "
         "hooks skip once (as in pre\\-commit).\n"
         ".TP\n\\fBNO_COLOR\\fR, \\fBFORCE_COLOR\\fR, \\fBCLICOLOR_FORCE\\fR, "
         "\\fBPREFLIGHT_COLOR\\fR\nColour: see \\fB\\-\\-color\\fR and docs/cli.md. "
         "PREFLIGHT_COLOR takes auto, always or never; FORCE_COLOR 0, 1, 2, 3, true or false. "
         "Another value gets one warning line and counts as unset.\n"
         ".TP\n\\fBPREFLIGHT_QUIET\\fR, \\fBPREFLIGHT_VERBOSE\\fR, \\fBPREFLIGHT_TRACE\\fR\n"
         "Yes/no words (1, 0, true, false, yes, no, on, off): the hooks print as with "
         "\\fB\\-q\\fR or \\fB\\-v\\fR, or what a hook sees. Another value gets one warning "
         "line and counts as unset.\n";
  out += ".SH EXIT STATUS\n0 passed, 1 findings block, 2 usage or rules error, 3 git or "
         "internal failure, 130 interrupted.\n";
  return out;
}

Action setup_manpage(CLI::App& sub, const GlobalOptions&) {
  sub.group(""); // for the build, not listed in --help
  return [] {
    std::string text = man_page(command_model());
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Exit::ok;
  };
}

} // namespace preflight::cli
