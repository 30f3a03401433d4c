// lefthook.yml: each hook's commands, jobs and scripts become commands of the
// same hook, with their globs, excludes, root, env and stage_fixed; file
// templates ({staged_files}, ...) become the files preflight passes ("$@"),
// argument templates ({0}, {1}) the hook's arguments.
#include "migrate/migrate.hpp"
#include "migrate/readers.hpp"

#include "util/error.hpp"

#include <set>
#include <yaml-cpp/yaml.h>

namespace preflight::migrate {

namespace {

// lefthook's settings that change only how it prints or installs itself.
const std::set<std::string>& cosmetic_keys() {
  static const std::set<std::string> keys = {
      "colors",      "no_tty",   "output",   "skip_output", "assert_lefthook_installed",
      "min_version", "lefthook", "skip_lfs", "source_dir",  "source_dir_local",
      "glob_matcher"};
  return keys;
}

struct Context {
  std::string file, hook, section;
  Migration& out;
};

// run with lefthook's templates turned into sh positional parameters;
// *files set when it names files.
std::string convert_run(const Context& c, const std::string& where, const std::string& name,
                        std::string run, bool& files) {
  files = false;
  for (const char* tpl : {"{staged_files}", "{push_files}", "{all_files}", "{files}"}) {
    for (std::size_t at; (at = run.find(tpl)) != std::string::npos;) {
      run.replace(at, std::string_view(tpl).size(), "\"$@\"");
      files = true;
      if (std::string_view(tpl) == "{all_files}")
        c.out.lose(c.file, where,
                   name +
                       ": {all_files}: preflight passes the hook's files (every file with "
                       "`preflight run " +
                       c.hook + " --all-files`)");
      if (std::string_view(tpl) == "{files}")
        c.out.lose(c.file, where,
                   name + ": {files} (the output of its files: command): preflight passes the "
                          "hook's files instead");
    }
  }
  for (std::size_t at; (at = run.find("{0}")) != std::string::npos;)
    run.replace(at, 3, "\"$@\"");
  for (int n = 1; n <= 9; ++n) {
    std::string tpl = "{" + std::to_string(n) + "}";
    for (std::size_t at; (at = run.find(tpl)) != std::string::npos;)
      run.replace(at, tpl.size(), "\"$" + std::to_string(n) + "\"");
  }
  if (run.find('{') != std::string::npos && run.find('}') != std::string::npos)
    for (const char* tpl : {"{cmd}", "{lefthook_job_name}"})
      if (run.find(tpl) != std::string::npos)
        c.out.lose(c.file, where,
                   name + ": the template " + std::string(tpl) +
                       " is not known to "
                       "preflight (write its text instead)");
  return run;
}

std::vector<std::string> globs(const YAML::Node& node) {
  std::vector<std::string> out;
  auto add = [&](const std::string& glob) {
    for (std::string& one : expand_braces(glob))
      out.push_back(std::move(one));
  };
  if (node.IsSequence())
    for (const auto& item : node)
      add(item.Scalar());
  else if (node.IsScalar())
    add(node.Scalar());
  return out;
}

// One command, job or script: node holds its keys.
// located: the node as parsed (node may be a copy, which has no line).
void add_one(const Context& c, const std::string& name, const YAML::Node& node,
             const std::string& label, std::optional<std::string> script_path,
             const YAML::Node& located) {
  std::string where_at = where(c.file, located);
  Command cmd;
  cmd.section = c.section;
  cmd.name = name;
  cmd.origin = where_at + " (" + label + ")";
  bool files = false;
  if (script_path) {
    std::string runner = node["runner"] ? node["runner"].Scalar() : "";
    cmd.argv = split_words(runner).value_or(std::vector<std::string>{});
    cmd.argv.push_back(*script_path);
    // lefthook hands scripts the hook's arguments.
    if (!is_file_section(c.section) && c.section != "commit_msg")
      cmd.argv.push_back("{args}");
    files = c.section == "commit_msg";
  } else if (node["run"]) {
    cmd.script = convert_run(c, where_at, name, node["run"].Scalar(), files);
  } else {
    c.out.lose(c.file, where_at, name + ": no run: or script:", true);
    return;
  }
  bool file_hook = is_file_section(c.section);
  for (const auto& entry : node) {
    std::string key = entry.first.Scalar();
    const YAML::Node& value = entry.second;
    if (key == "run" || key == "runner" || key == "name" || key == "script")
      continue;
    if (key == "glob" && file_hook)
      cmd.glob = globs(value);
    else if (key == "exclude" && file_hook && value.IsSequence())
      cmd.exclude = globs(value);
    else if (key == "exclude" && file_hook) {
      if (auto converted = globs_of_regex(value.Scalar()))
        cmd.exclude = *converted;
      else
        c.out.lose(c.file, where_at,
                   name + ": exclude: " + value.Scalar() +
                       " (a regular expression with no gitignore pattern equivalent): write an "
                       "exclude: list by hand");
    } else if (key == "root")
      cmd.root = value.Scalar();
    else if (key == "stage_fixed" && file_hook)
      cmd.stage_fixed = value.as<bool>();
    else if (key == "env" && value.IsMap())
      for (const auto& var : value)
        cmd.env.emplace_back(var.first.Scalar(), var.second.Scalar());
    else if (key == "skip" || key == "only")
      c.out.lose(c.file, where_at,
                 name + ": " + key +
                     ": preflight has no run conditions; skip a command once with SKIP=" + name);
    else if (key == "tags")
      c.out.lose(c.file, where_at,
                 name + ": tags: preflight names commands, not tags (SKIP=" + name + ")");
    else if (key == "use_stdin")
      c.out.lose(c.file, where_at,
                 name + ": use_stdin: preflight passes standard input to the commands of the "
                        "hooks that get one (post-rewrite), not to file hooks");
    else
      c.out.lose(c.file, where_at,
                 name + ": " + key +
                     (file_hook || (key != "glob" && key != "exclude" && key != "stage_fixed")
                          ? " has no preflight equivalent"
                          : " applies to hooks with files only"));
  }
  if (file_hook && !files)
    cmd.pass_files = false;
  if (!cmd.root.empty() && cmd.root.back() == '/')
    cmd.root.pop_back();
  c.out.add_command(std::move(cmd), c.file);
}

// jobs, flattened: a group's jobs take its glob, exclude, root and env when
// they have none of their own, and are named after it when they have no name.
void add_jobs(const Context& c, const YAML::Node& jobs, const std::string& label,
              const YAML::Node& parent, const std::string& parent_name) {
  int index = 0;
  for (const YAML::Node& given : jobs) {
    ++index;
    YAML::Node job = YAML::Clone(given);
    if (parent)
      for (const char* key : {"glob", "exclude", "root", "env"})
        if (!job[key] && parent[key])
          job[key] = parent[key];
    std::string name =
        job["name"] ? job["name"].Scalar()
                    : (parent_name.empty() ? "job" : parent_name) + "-" + std::to_string(index);
    if (job["group"]) {
      if (job["group"]["jobs"]) {
        YAML::Node group = YAML::Clone(job);
        group.remove("group");
        add_jobs(c, given["group"]["jobs"], label + "." + name, group, name);
      }
      continue;
    }
    std::optional<std::string> script;
    if (job["script"])
      script = ".lefthook/" + c.hook + "/" + job["script"].Scalar();
    add_one(c, name, job, label + ".jobs." + name, script, given);
  }
}

} // namespace

void from_lefthook(const std::string& file, const std::string& text, Migration& out) {
  YAML::Node doc = parse_yaml(file, text);
  out.read(file);
  if (!doc.IsMap())
    return;
  for (const auto& top : doc) {
    std::string key = top.first.Scalar();
    const YAML::Node& value = top.second;
    if (cosmetic_keys().count(key))
      continue;
    std::string section = section_of_hook(key);
    if (key == "remotes" || key == "extends" || key == "templates" || key == "rc") {
      out.lose(file, where(file, value),
               key + ": preflight reads one rules file (copy what it brings in here)", true);
      continue;
    }
    if (section.empty() || !value.IsMap()) {
      out.lose(file, where(file, value),
               key + (key == "post-checkout"
                          ? ": preflight's post-checkout runs actions, not commands (see "
                            "docs/post-checkout.md)"
                          : ": not a git hook preflight runs commands on (run it by hand or "
                            "in CI)"),
               true);
      continue;
    }
    Context c{file, key, section, out};
    std::size_t before = out.commands().size();
    if (value["commands"] && value["commands"].IsMap())
      for (const auto& command : value["commands"])
        add_one(c, command.first.Scalar(), command.second,
                key + ".commands." + command.first.Scalar(), std::nullopt, command.second);
    if (value["scripts"] && value["scripts"].IsMap())
      for (const auto& script : value["scripts"])
        add_one(c, script.first.Scalar(), script.second, key + ".scripts." + script.first.Scalar(),
                ".lefthook/" + key + "/" + script.first.Scalar(), script.second);
    if (value["jobs"] && value["jobs"].IsSequence())
      add_jobs(c, value["jobs"], key, YAML::Node(), "");
    std::size_t added = out.commands().size() - before;
    bool parallel = value["parallel"] && value["parallel"].as<bool>();
    if (is_file_section(section) && added > 1)
      out.add_setting({section + ".parallel", parallel ? "true" : "false",
                       where(file, value) + " (" + key + ".parallel" +
                           (value["parallel"] ? "" : ", lefthook's default") + ")"},
                      file, false);
    for (const char* lost :
         {"piped", "follow", "skip", "only", "exclude_tags", "files", "fail_on_changes"})
      if (value[lost])
        out.lose(file, where(file, value[lost]),
                 key + "." + lost +
                     ": no preflight equivalent (preflight runs every command "
                     "and shows its output when it fails)");
  }
}

} // namespace preflight::migrate
