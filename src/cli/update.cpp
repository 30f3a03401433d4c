// preflight update: fetch the shared rules repositories `extends` pins (repo:,
// rev:) into their caches, and move each rev to the newest tag, as `pre-commit
// autoupdate` does. With --fetch only fills the caches and records new pins.
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "git/pins.hpp"
#include "git/repository.hpp"
#include "report/output.hpp"
#include "util/fs.hpp"

#include <CLI/CLI.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <memory>

namespace preflight::cli {

namespace {

struct UpdateOptions {
  bool fetch_only = false;
};

struct Pin {
  std::string url, rev, path;
  std::size_t begin = 0, end = 0; // the rev's bytes in the rules file
};

// The bytes of a scalar starting at pos: up to its closing quote when quoted.
std::size_t scalar_end(const std::string& text, std::size_t pos, const std::string& value) {
  char quote = pos < text.size() ? text[pos] : '\0';
  if (quote != '"' && quote != '\'')
    return pos + value.size();
  std::size_t at = pos + 1;
  while (at < text.size() && text[at] != quote)
    at += text[at] == '\\' && quote == '"' ? 2 : 1;
  return std::min(at + 1, text.size());
}

std::vector<Pin> pins_in(const std::string& text) {
  std::vector<Pin> pins;
  YAML::Node root = YAML::Load(text);
  if (!root.IsMap() || !root["extends"] || !root["extends"].IsSequence())
    return pins;
  for (const auto& item : root["extends"]) {
    if (!item.IsMap() || !item["repo"] || !item["rev"] || !item["path"])
      continue;
    const YAML::Node rev = item["rev"];
    std::size_t begin = static_cast<std::size_t>(rev.Mark().pos);
    pins.push_back({item["repo"].Scalar(), rev.Scalar(), item["path"].Scalar(), begin,
                    scalar_end(text, begin, rev.Scalar())});
  }
  return pins;
}

} // namespace

Action setup_update(CLI::App& sub, const GlobalOptions&) {
  auto options = std::make_shared<UpdateOptions>();
  sub.add_flag("--fetch", options->fetch_only,
               "Only fetch the pinned repositories and record new pins; move no rev");
  return [options] {
    git::Repository repo = open_repository();
    const auto common = repo.common_dir();
    const auto file = rules_root(repo) / std::string(config::k_rules_file);
    std::string text = read_file(file);
    std::vector<Pin> pins;
    try {
      pins = pins_in(text);
    } catch (const YAML::Exception& e) {
      throw Error(std::string(config::k_rules_file) + ": invalid YAML: " + e.msg, Exit::usage);
    }
    if (pins.empty()) {
      std::printf("%s pins no shared rules repository (extends: - repo:)\n",
                  std::string(config::k_rules_file).c_str());
      return Exit::ok;
    }
    std::vector<std::string> fetched;
    for (const Pin& pin : pins)
      if (std::find(fetched.begin(), fetched.end(), pin.url) == fetched.end()) {
        git::fetch_pinned(common, pin.url);
        fetched.push_back(pin.url);
      }
    Exit exit = Exit::ok;
    std::string out = text;
    // From the last pin to the first, so that earlier offsets stay right.
    for (auto pin = pins.rbegin(); pin != pins.rend(); ++pin) {
      std::string rev = pin->rev;
      if (!options->fetch_only)
        if (auto newest = git::newest_tag(common, pin->url))
          rev = *newest;
      auto commit = git::pinned_commit(common, pin->url, rev);
      if (!commit) {
        report::print_line(stderr, "preflight: " + std::string(config::k_rules_file) + ": rev \"" +
                                       rev + "\" of " + pin->url +
                                       " is neither a tag nor a full commit id");
        exit = Exit::usage;
        continue;
      }
      auto recorded = git::recorded_pin(common, pin->url, rev);
      if (options->fetch_only && recorded && *recorded != *commit) {
        report::print_line(stdout, pin->url + ": the tag " + rev + " moved from " + *recorded +
                                       " to " + *commit + "; run `preflight update` to accept");
        exit = Exit::blocked;
        continue;
      }
      if (!git::full_commit_id(rev))
        git::record_pin(common, pin->url, rev, *commit);
      if (rev != pin->rev) {
        out.replace(pin->begin, pin->end - pin->begin, rev);
        report::print_line(stdout, pin->url + ": " + pin->rev + " -> " + rev);
      } else if (recorded && *recorded != *commit) {
        report::print_line(stdout, pin->url + ": " + rev + " moved from " + *recorded + " to " +
                                       *commit + ": accepted");
      } else {
        report::print_line(stdout, pin->url + ": " + rev + " (" + *commit + ")");
      }
    }
    if (out != text)
      write_file_atomic(file, out);
    return exit;
  };
}

} // namespace preflight::cli
