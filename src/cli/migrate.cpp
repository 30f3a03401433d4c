// preflight migrate [--from FILE...] [--write [--force]]
#include "migrate/migrate.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "config/diagnostics.hpp"
#include "git/repository.hpp"
#include "report/output.hpp"
#include "util/fs.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <memory>

namespace preflight::cli {

namespace fs = std::filesystem;

namespace {

struct MigrateOptions {
  std::vector<std::string> from;
  bool write = false;
  bool force = false;
};

// Reads one file into m by its kind. Throws Error for an unknown kind or a
// file that does not parse.
void read_one(const fs::path& path, const std::string& shown, migrate::Migration& m) {
  std::string kind = migrate::kind_of(path.filename().string());
  if (kind == "commitlint-script") {
    migrate::from_commitlint_script(shown, m);
    return;
  }
  auto text = read_file_if_exists(path);
  if (!text)
    throw Error(shown + ": no such file", Exit::usage);
  try {
    if (kind == "pre-commit")
      migrate::from_pre_commit(shown, *text, m);
    else if (kind == "lefthook")
      migrate::from_lefthook(shown, *text, m);
    else if (kind == "commitlint" || kind == "package.json")
      migrate::from_commitlint(shown, *text, m);
    else
      throw Error(shown + ": not a file migrate reads (.pre-commit-config.yaml, lefthook.yml, "
                          ".commitlintrc.json/.yaml/.yml, commitlint.config.js, package.json)",
                  Exit::usage);
  } catch (const YAML::Exception& e) { // a value of the wrong type (stage_fixed: maybe)
    throw Error(shown + ":" + std::to_string(e.mark.line + 1) + ":" +
                    std::to_string(e.mark.column + 1) + ": " + e.msg,
                Exit::usage);
  }
}

std::string summary(const migrate::Tally& t) {
  return t.source + ": " + std::to_string(t.carried) + " carried over, " +
         std::to_string(t.builtin) + " mapped to built-in checks, " + std::to_string(t.adapt) +
         " to adapt, " + std::to_string(t.lost) + " not carried over" +
         (t.partly ? " (" + std::to_string(t.partly) + " carried over in part)" : "");
}

} // namespace

Action setup_migrate(CLI::App& sub, const GlobalOptions& global) {
  auto options = std::make_shared<MigrateOptions>();
  sub.add_option("--from", options->from,
                 "Read these files (default: every known one in the repository, and "
                 "nbstripout's git config)")
      ->expected(1, -1);
  sub.add_flag("--write", options->write,
               "Write .preflight.yaml at the repository root (default: print it)");
  sub.add_flag("--force", options->force, "With --write: replace an existing .preflight.yaml");
  return [options, &global] {
    migrate::Migration m;
    std::optional<git::Repository> repo;
    fs::path root = fs::current_path();
    if (options->from.empty() || options->write) {
      repo.emplace(open_repository());
      root = rules_root(*repo);
    }
    if (!options->from.empty()) {
      for (const std::string& file : options->from)
        read_one(file, file, m);
    } else {
      // 1. Every known file at the root, then nbstripout's git set-up.
      for (const std::string& name : migrate::known_files())
        if (fs::symlink_status(root / name).type() == fs::file_type::regular)
          read_one(root / name, name, m);
      auto config = [&](const std::string& key) { return repo->config_string(key); };
      migrate::from_nbstripout(config, "git config",
                               read_file_if_exists(root / ".gitattributes").value_or(""), m);
      if (m.tallies().empty())
        throw Error("nothing to migrate in " + root.string() +
                        ": no .pre-commit-config.yaml, lefthook.yml, commitlint config, "
                        "package.json with a \"commitlint\" key, or nbstripout filter",
                    Exit::usage);
    }
    // 2. The result must load as preflight's own rules: a failure is ours.
    std::string yaml = migrate::to_yaml(m);
    config::Diagnostics diags{std::string(config::k_rules_file)};
    config::validate_text(yaml, std::string(config::k_rules_file), diags);
    if (!diags.empty())
      throw Error("the migrated rules do not validate (a preflight bug; please report it):\n" +
                      diags.str(),
                  Exit::internal);
    // 3. Print or write, and say what did not carry over.
    fs::path target = root / config::k_rules_file;
    if (options->write) {
      if (fs::symlink_status(target).type() != fs::file_type::not_found && !options->force)
        throw Error(target.string() + " exists; migrate --write --force replaces it (or run "
                                      "without --write to print the rules)",
                    Exit::usage);
      write_file_atomic(target, yaml);
    }
    if (global.format == "json") {
      nlohmann::json doc;
      doc["sources"] = nlohmann::json::array();
      for (const migrate::Tally& t : m.tallies())
        doc["sources"].push_back({{"source", t.source},
                                  {"carried", t.carried},
                                  {"builtin", t.builtin},
                                  {"adapt", t.adapt},
                                  {"lost", t.lost},
                                  {"partly", t.partly}});
      doc["not_carried_over"] = m.lost();
      doc["rules"] = yaml;
      std::printf("%s\n",
                  doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      return Exit::ok;
    }
    if (options->write)
      report::note("wrote " + target.string());
    else
      std::fputs(yaml.c_str(), stdout);
    for (const migrate::Tally& t : m.tallies())
      report::note(summary(t));
    if (!m.lost().empty()) {
      report::note("could not carry over:");
      for (const std::string& line : m.lost())
        report::note("  " + line);
    }
    return Exit::ok;
  };
}

} // namespace preflight::cli
