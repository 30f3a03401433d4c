// .pre-commit-config.yaml: local system/script hooks become commands; the
// well-known ids of pre-commit-hooks and nbstripout's hook become built-in
// checks; hooks that pre-commit installs into environments of their own are
// written as commands to adapt.
#include "migrate/migrate.hpp"
#include "migrate/readers.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <map>
#include <yaml-cpp/yaml.h>

namespace preflight::migrate {

namespace {

// pre-commit's `types` tags (identify) as file name patterns: the common ones.
const std::map<std::string, std::vector<std::string>>& type_globs() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"python", {"*.py", "*.pyi"}},
      {"pyi", {"*.pyi"}},
      {"jupyter", {"*.ipynb"}},
      {"yaml", {"*.yaml", "*.yml"}},
      {"json", {"*.json"}},
      {"toml", {"*.toml"}},
      {"markdown", {"*.md", "*.markdown"}},
      {"rst", {"*.rst"}},
      {"shell", {"*.sh", "*.bash"}},
      {"bash", {"*.sh", "*.bash"}},
      {"javascript", {"*.js", "*.mjs", "*.cjs"}},
      {"jsx", {"*.jsx"}},
      {"ts", {"*.ts"}},
      {"tsx", {"*.tsx"}},
      {"css", {"*.css"}},
      {"html", {"*.html", "*.htm"}},
      {"go", {"*.go"}},
      {"rust", {"*.rs"}},
      {"c", {"*.c", "*.h"}},
      {"c++", {"*.cpp", "*.cc", "*.cxx", "*.hpp", "*.hh", "*.hxx"}},
      {"cython", {"*.pyx", "*.pxd"}},
      {"sql", {"*.sql"}},
      {"dockerfile", {"Dockerfile", "*.dockerfile"}},
      {"proto", {"*.proto"}},
      {"xml", {"*.xml"}},
      {"java", {"*.java"}},
      {"kotlin", {"*.kt", "*.kts"}},
      {"ruby", {"*.rb"}},
      {"swift", {"*.swift"}},
      {"terraform", {"*.tf"}},
      {"lua", {"*.lua"}},
      {"php", {"*.php"}},
      {"r", {"*.r", "*.R"}},
      {"tex", {"*.tex"}},
      {"svg", {"*.svg"}},
  };
  return table;
}

// pre-commit-hooks ids that are console scripts of the pre-commit-hooks
// package under another name.
std::string script_of(const std::string& id) {
  if (id == "trailing-whitespace")
    return "trailing-whitespace-fixer";
  return id;
}

std::string stage_section(std::string stage) {
  if (stage == "commit")
    stage = "pre-commit";
  if (stage == "push")
    stage = "pre-push";
  if (stage == "merge-commit")
    stage = "pre-merge-commit";
  return section_of_hook(stage);
}

struct Hook {
  const YAML::Node& node;
  std::string file, repo, rev, id, where;
  std::vector<std::string> args;
};

// The built-in check for a well-known id; false when there is none.
bool map_builtin(const Hook& h, Migration& out) {
  auto set = [&](const std::string& path, const std::string& value) {
    out.add_setting({path, value, h.where + " (" + h.id + ")"}, h.file, false);
  };
  bool done = true;
  if (h.id == "check-added-large-files") {
    set("checks.large_files.enabled", "true");
    long long kb = 500; // pre-commit-hooks' default
    for (std::size_t i = 0; i < h.args.size(); ++i) {
      std::string value;
      if (h.args[i].starts_with("--maxkb="))
        value = h.args[i].substr(8);
      else if (h.args[i] == "--maxkb" && i + 1 < h.args.size())
        value = h.args[++i];
      else if (h.args[i] == "--enforce-all")
        out.lose(h.file, h.where,
                 "check-added-large-files --enforce-all: preflight checks the "
                 "files a commit adds or changes, as without it");
      if (!value.empty())
        try {
          kb = std::stoll(value);
        } catch (const std::exception&) {
          out.lose(h.file, h.where,
                   "check-added-large-files: --maxkb " + value +
                       " is not a number (the default 500 KB is used)");
        }
    }
    set("checks.large_files.max_size", std::to_string(kb * 1024));
  } else if (h.id == "detect-private-key") {
    set("checks.private_keys.enabled", "true");
  } else if (h.id == "check-merge-conflict") {
    set("checks.conflict_markers.enabled", "true");
  } else if (h.id == "check-case-conflict") {
    set("checks.case_conflicts.enabled", "true");
  } else if (h.id == "check-symlinks") {
    set("checks.symlinks.enabled", "true");
  } else if (h.id == "nbstripout" && h.repo.find("nbstripout") != std::string::npos) {
    notebook_settings(h.args, h.where + " (nbstripout)", h.file, out);
  } else {
    done = false;
  }
  return done;
}

std::vector<std::string> strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node && node.IsSequence())
    for (const auto& item : node)
      out.push_back(item.Scalar());
  else if (node && node.IsScalar())
    out.push_back(node.Scalar());
  return out;
}

// The gitignore patterns for the regex under key (files, exclude); when there
// are none, a line saying so and what happens instead.
std::vector<std::string> regex_globs(const Hook& h, const char* key, const char* instead,
                                     Migration& out) {
  const YAML::Node node = h.node[key];
  if (!node || node.Scalar().empty())
    return {};
  if (auto globs = globs_of_regex(node.Scalar()))
    return *globs;
  out.lose(h.file, h.where,
           h.id + ": " + key + ": " + node.Scalar() +
               " (a regular expression with no gitignore pattern equivalent): " + instead);
  return {};
}

void file_filters(const Hook& h, Command& c, Migration& out) {
  const YAML::Node& n = h.node;
  c.glob = regex_globs(h, "files", "the command runs on every file; write a glob: by hand", out);
  std::vector<std::string> types = strings(n["types"]);
  std::vector<std::string> types_or = strings(n["types_or"]);
  // types must all hold, types_or one of them: a single type of either is a glob.
  std::vector<std::string> wanted = types_or;
  if (types.size() == 1 && types[0] != "file" && types[0] != "text")
    wanted.push_back(types[0]);
  else if (types.size() > 1 || (types.size() == 1 && types_or.empty() && types[0] == "text"))
    out.lose(h.file, h.where,
             h.id + ": types: [" + join(types, ", ") +
                 "] has no glob equivalent (preflight picks files by name): the command runs "
                 "on every file its glob allows");
  if (c.glob.empty())
    for (const std::string& type : wanted) {
      auto it = type_globs().find(type);
      if (it == type_globs().end()) {
        out.lose(h.file, h.where,
                 h.id + ": type " + type + " has no glob here; add its file patterns to glob:");
        continue;
      }
      for (const std::string& glob : it->second)
        if (std::find(c.glob.begin(), c.glob.end(), glob) == c.glob.end())
          c.glob.push_back(glob);
    }
  c.exclude = regex_globs(h, "exclude", "nothing is excluded; write an exclude: by hand", out);
  for (const std::string& type : strings(n["exclude_types"]))
    if (auto it = type_globs().find(type); it != type_globs().end())
      c.exclude.insert(c.exclude.end(), it->second.begin(), it->second.end());
}

// no-commit-to-branch has no built-in check (pre_push.protected_branches
// guards pushes): a pre-commit command does its job, the branch names passed
// in the environment, never spliced into the script.
void no_commit_to_branch(const Hook& h, Migration& out) {
  std::vector<std::string> branches;
  for (std::size_t i = 0; i < h.args.size(); ++i) {
    if (h.args[i] == "--branch" || h.args[i] == "-b") {
      if (i + 1 < h.args.size())
        branches.push_back(h.args[++i]);
    } else if (h.args[i].starts_with("--branch=")) {
      branches.push_back(h.args[i].substr(9));
    } else {
      out.lose(h.file, h.where,
               "no-commit-to-branch: " + h.args[i] + " (a --pattern regex?) is not carried over");
    }
  }
  if (branches.empty())
    branches = {"main", "master"}; // pre-commit-hooks' default
  Command c;
  c.section = "pre_commit";
  c.name = h.id;
  c.origin = h.where + " (" + h.repo + ", id " + h.id + ")";
  c.script = "b=$(git symbolic-ref --short HEAD 2>/dev/null) || exit 0; for p in $BRANCHES; do "
             "if [ \"$b\" = \"$p\" ]; then echo \"no commits to $b here: commit on another "
             "branch\" >&2; exit 1; fi; done";
  c.pass_files = false;
  c.env = {{"BRANCHES", join(branches, " ")}};
  out.add_command(std::move(c), h.file);
}

void read_hook(const Hook& h, const std::vector<std::string>& default_stages, Migration& out) {
  const YAML::Node& n = h.node;
  std::vector<std::string> stages = strings(n["stages"]);
  if (stages.empty())
    stages = default_stages;
  if (stages.empty())
    stages = {"pre-commit"};
  if (h.repo == "meta") {
    out.lose(h.file, h.where,
             h.id + ": a check of pre-commit's own configuration, which preflight validates "
                    "itself",
             true);
    return;
  }
  if (h.repo != "local" && map_builtin(h, out)) {
    out.count_builtin(h.file);
    return;
  }
  if (h.repo != "local" && h.id == "no-commit-to-branch") {
    no_commit_to_branch(h, out);
    return;
  }
  std::string language = n["language"] ? n["language"].Scalar() : "";
  for (const std::string& stage : stages) {
    std::string section = stage_section(stage);
    if (section == "pre_merge_commit" &&
        (std::find(stages.begin(), stages.end(), "pre-commit") != stages.end() ||
         std::find(stages.begin(), stages.end(), "commit") != stages.end())) {
      // pre-commit runs it on a merge's files there; preflight's pre-merge-commit
      // commands get no files, so the pre-commit command stands for both.
      out.lose(h.file, h.where,
               h.id + ": stage pre-merge-commit: carried over for pre-commit only (preflight's "
                      "pre-merge-commit commands get no files)");
      continue;
    }
    if (section.empty()) {
      out.lose(h.file, h.where,
               h.id + ": stage " + stage +
                   (stage == "manual" ? " runs only by hand (pre-commit run --hook-stage manual): "
                                        "run the tool yourself"
                                      : " is no git hook preflight runs commands on"),
               stages.size() == 1);
      continue;
    }
    Command c;
    c.section = section;
    c.name = h.id;
    c.origin =
        h.where + " (" + (h.repo == "local" ? std::string("local") : h.repo) + ", id " + h.id + ")";
    if (h.repo == "local") {
      std::string entry = n["entry"] ? n["entry"].Scalar() : "";
      auto words = split_words(entry);
      if (!words || words->empty()) {
        out.lose(h.file, h.where, h.id + ": entry " + entry + " cannot be split into words", true);
        continue;
      }
      c.argv = *words;
      if (language == "fail") {
        c.script = "echo \"$0: files that must not be committed:\"; printf '  %s\\n' \"$@\"; "
                   "exit 1";
        c.argv.clear();
        c.name = h.id;
      } else if (language == "pygrep") {
        c.argv = {"grep", "-nHE", "--", entry};
        c.adapt = "pygrep: pre-commit fails on lines matching this Python regex; grep -E reads "
                  "most of them, but it fails on no match: negate it with a script";
      } else if (language != "system" && language != "script") {
        c.adapt = "language " + language + ": pre-commit runs " + entry +
                  " in an environment it installs; install the tool, then enable this";
      }
    } else {
      c.argv = {script_of(h.id)};
      c.adapt = "runs in an environment pre-commit installs from " + h.repo +
                (h.rev.empty() ? "" : "@" + h.rev) + "; install the tool, check its program name";
    }
    c.argv.insert(c.argv.end(), h.args.begin(), h.args.end());
    if (is_file_section(section)) {
      file_filters(h, c, out);
      if (n["pass_filenames"] && !n["pass_filenames"].as<bool>())
        c.pass_files = false;
      if (n["always_run"] && n["always_run"].as<bool>())
        out.lose(h.file, h.where,
                 h.id + ": always_run: preflight runs a command only when one of its files is "
                        "in the commit (set no glob: to run it on any commit)");
    }
    out.add_command(std::move(c), h.file);
  }
}

} // namespace

void from_pre_commit(const std::string& file, const std::string& text, Migration& out) {
  YAML::Node doc = parse_yaml(file, text);
  out.read(file);
  if (!doc.IsMap() || !doc["repos"] || !doc["repos"].IsSequence())
    throw Error(file + ":1:1: no repos: list (is this a pre-commit configuration?)", Exit::usage);
  std::vector<std::string> default_stages = strings(doc["default_stages"]);
  for (const char* key : {"files", "exclude"})
    if (doc[key])
      out.lose(file, where(file, doc[key]),
               std::string(key) + ": " + doc[key].Scalar() +
                   " (applies to every hook in pre-commit): add it to each command's " +
                   (key[0] == 'f' ? "glob" : "exclude") + " by hand");
  if (doc["fail_fast"] && doc["fail_fast"].as<bool>())
    out.lose(file, where(file, doc["fail_fast"]),
             "fail_fast: preflight runs every command and reports all failures");
  for (const YAML::Node& repo : doc["repos"]) {
    std::string url = repo["repo"] ? repo["repo"].Scalar() : "";
    std::string rev = repo["rev"] ? repo["rev"].Scalar() : "";
    if (!repo["hooks"] || !repo["hooks"].IsSequence())
      continue;
    for (const YAML::Node& hook : repo["hooks"]) {
      Hook h{hook, file, url, rev, hook["id"] ? hook["id"].Scalar() : "", where(file, hook), {}};
      h.args = strings(hook["args"]);
      if (h.id.empty()) {
        out.lose(file, h.where, "a hook without an id", true);
        continue;
      }
      read_hook(h, default_stages, out);
    }
  }
}

} // namespace preflight::migrate
