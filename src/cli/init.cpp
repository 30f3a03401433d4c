// preflight init [--template NAME] [--force]
#include "cli/commands.hpp"
#include "cli/init_files.hpp"
#include "config/config.hpp"
#include "git/repository.hpp"
#include "util/fs.hpp"
#include "util/resources.hpp"
#include "util/strings.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <memory>

namespace preflight::cli {
namespace fs = std::filesystem;

namespace {

struct InitOptions {
  std::string template_name = "default";
  bool template_given = false;
  bool force = false;
};

std::vector<std::string> template_names() {
  std::vector<std::string> names;
  for (const Resource& r : resources())
    if (r.name.starts_with("templates/") && r.name.ends_with(".yaml"))
      names.emplace_back(r.name.substr(10, r.name.size() - 15));
  return names;
}

// Appends the template's .gitignore entries (templates/<name>.gitignore).
void update_gitignore(const fs::path& root, const std::string& name) {
  auto entries = find_resource("templates/" + name + ".gitignore");
  if (!entries)
    return;
  fs::path path = root / ".gitignore";
  if (fs::is_symlink(fs::symlink_status(path))) {
    std::printf("preflight: .gitignore is a symbolic link, left as it is; add these entries "
                "yourself:\n%s",
                std::string(*entries).c_str());
    return;
  }
  std::string existing = read_file_if_exists(path).value_or("");
  GitignoreMerge merged = merge_gitignore(existing, *entries, name);
  if (merged.added.empty()) {
    std::printf("preflight: .gitignore already has the \"%s\" entries\n", name.c_str());
    return;
  }
  write_file_atomic(path, merged.text);
  std::string list;
  for (const std::string& entry : merged.added)
    list += (list.empty() ? "" : " ") + entry;
  std::printf("preflight: added %zu entr%s to .gitignore: %s\n", merged.added.size(),
              merged.added.size() == 1 ? "y" : "ies", list.c_str());
}

} // namespace

Action setup_init(CLI::App& sub, const GlobalOptions&) {
  auto options = std::make_shared<InitOptions>();
  sub.add_option("-t,--template", options->template_name,
                 "Starter to write: default, minimal, python, pytorch (see templates/)")
      ->each([options](const std::string&) { options->template_given = true; });
  sub.add_flag("-f,--force", options->force, "Overwrite an existing .preflight.yaml");
  return [options] {
    auto names = template_names();
    auto text = find_resource("templates/" + options->template_name + ".yaml");
    if (!text) {
      std::vector<std::string_view> views(names.begin(), names.end());
      std::string list;
      for (const auto& name : names)
        list += (list.empty() ? "" : ", ") + name;
      throw Error("unknown template \"" + options->template_name + "\"" +
                      did_you_mean_hint(options->template_name, views) + "; templates: " + list,
                  Exit::usage);
    }
    git::Repository repo = open_repository();
    fs::path path = rules_root(repo) / config::k_rules_file;
    if (fs::symlink_status(path).type() != fs::file_type::not_found && !options->force)
      throw Error(path.string() + " already exists (use --force to overwrite it)", Exit::usage);
    write_file_atomic(path, *text);
    std::printf("preflight: wrote %s from the \"%s\" template; commit it to share it\n",
                path.c_str(), options->template_name.c_str());
    if (!repo.workdir())
      return Exit::ok; // bare: no work tree for a .gitignore or files to look at
    update_gitignore(*repo.workdir(), options->template_name);
    if (!options->template_given)
      if (auto found = find_ml_file(*repo.workdir()))
        std::printf("preflight: found %s: for a PyTorch or notebook project, `preflight init "
                    "--template pytorch --force` writes its rules and .gitignore entries\n",
                    preflight::quoted(*found).c_str());
    return Exit::ok;
  };
}

} // namespace preflight::cli
