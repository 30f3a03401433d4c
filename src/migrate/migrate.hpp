// `preflight migrate`: a .preflight.yaml from the hook set-up a repository has
// today (.pre-commit-config.yaml, lefthook.yml, commitlint's JSON and YAML
// configs or package.json key, nbstripout's git filter). Each reader adds what
// it understood to one Migration: commands, built-in check settings, commit
// message rules, and one line for everything it could not carry over, so that
// nothing is dropped without a word. to_yaml() writes the rules file, each
// entry under a comment naming the file and line it came from. See
// docs/migrate.md.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace preflight::migrate {

struct Command {
  std::string section; // "pre_commit", "commit_msg", "pre_push", "post_merge", ...
  std::string origin;  // "lefthook.yml:12 (pre-commit.commands.lint)"
  std::string name;
  std::optional<std::string> script; // a sh script (run: "...")
  std::vector<std::string> argv;     // or a program and its arguments
  std::vector<std::string> glob, exclude;
  std::optional<bool> pass_files, stage_fixed;
  std::string root;
  std::vector<std::pair<std::string, std::string>> env;
  // Not empty: written commented out, as a command to adapt, for this reason.
  std::string adapt;
};

struct Setting {
  std::string path;  // "checks.large_files.max_size"
  std::string value; // YAML text
  std::string origin;
};

// What one source file gave.
struct Tally {
  std::string source;
  int carried = 0; // commands and rules carried over as they are
  int builtin = 0; // mapped to preflight's built-in checks
  int adapt = 0;   // written as commands to adapt
  int lost = 0;    // hooks or rules not carried over at all
  int partly = 0;  // carried over, less something (an option, a filter)
};

class Migration {
public:
  void add_command(Command command, const std::string& source);
  void add_setting(Setting setting, const std::string& source, bool counts = true);
  void add_rule(const std::string& name, const std::string& value, const std::string& origin,
                const std::string& source);
  // where: "file:line"; what: what was not carried over and why. whole: the
  // hook itself was not carried over (else: a part of one that was).
  void lose(const std::string& source, const std::string& where, const std::string& what,
            bool whole = false);
  // One hook of source mapped to built-in checks (its settings added uncounted).
  void count_builtin(const std::string& source) { tally(source).builtin++; }
  // The source was read, even if nothing came of it.
  void read(const std::string& source) { tally(source); }

  const std::vector<Command>& commands() const { return m_commands; }
  const std::vector<Setting>& settings() const { return m_settings; }
  const std::vector<std::string>& lost() const { return m_lost; }
  const std::vector<Tally>& tallies() const { return m_tallies; }

private:
  Tally& tally(const std::string& source);
  std::vector<Command> m_commands;
  std::vector<Setting> m_settings;
  std::vector<std::string> m_lost;
  std::vector<Tally> m_tallies;
};

// The readers. text is the file's content, file its name as printed. Each
// throws Error(Exit::usage) with file:line:column for a file it cannot parse.
void from_pre_commit(const std::string& file, const std::string& text, Migration& out);
void from_lefthook(const std::string& file, const std::string& text, Migration& out);
// .commitlintrc.json / .yaml / .yml, or package.json (its "commitlint" key).
void from_commitlint(const std::string& file, const std::string& text, Migration& out);
// A JavaScript or TypeScript commitlint config: reported as not readable.
void from_commitlint_script(const std::string& file, Migration& out);
// nbstripout's set-up: git config (config_value("filter.nbstripout.clean") ...)
// and the .gitattributes text ("" when there is none).
void from_nbstripout(const std::function<std::optional<std::string>(const std::string&)>& config,
                     const std::string& config_name, const std::string& gitattributes,
                     Migration& out);

// Which reader a file name calls for: "pre-commit", "lefthook", "commitlint",
// "commitlint-script", "package.json", or "" when none.
std::string kind_of(const std::string& file_name);

// The file names migrate looks for in a repository, in the order read.
const std::vector<std::string>& known_files();

// The rules file for m (comments saying where each entry came from).
std::string to_yaml(const Migration& m);

// A YAML double-quoted scalar for text (never needs more quoting).
std::string quoted_yaml(const std::string& text);

} // namespace preflight::migrate
