#include "commands/hook_commands.hpp"

#include "checks/push_input.hpp"
#include "commands/execute.hpp"
#include "commands/nested.hpp"
#include "commands/progress.hpp"
#include "commands/trust.hpp"
#include "commands/unstaged.hpp"
#include "git/index_edit.hpp"
#include "git/repository.hpp"
#include "install/notebook_filter.hpp"
#include "report/output.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <map>

namespace preflight::commands {

namespace fs = std::filesystem;
using checks::Hook;

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void on_signal(int) {
  g_cancel.store(true);
}

// Ctrl-C, a closed terminal or a kill stop the commands (their process groups
// get SIGTERM) and the hook then gives the unstaged changes back.
class SignalGuard {
public:
  SignalGuard() {
    g_cancel.store(false);
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < 3; ++i)
      ::sigaction(k_signals[i], &action, &m_previous[i]);
  }
  ~SignalGuard() {
    for (std::size_t i = 0; i < 3; ++i)
      ::sigaction(k_signals[i], &m_previous[i], nullptr);
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

private:
  static constexpr int k_signals[3] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction m_previous[3]{};
};

std::string joined(const std::vector<std::string>& items, std::size_t max = 10) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max; ++i)
    out += (out.empty() ? "" : ", ") + preflight::quoted(items[i]);
  if (items.size() > max)
    out += " and " + std::to_string(items.size() - max) + " more";
  return out;
}

std::string bypass(Hook hook) {
  return hook == Hook::pre_push ? "git push --no-verify" : "git commit --no-verify";
}

// The repository-relative files the hook's commands choose from.
std::vector<std::string> hook_files(const HookCommands& c) {
  const checks::HookInput& input = c.input;
  std::vector<std::string> files;
  if (input.files)
    return *input.files;
  if (input.all_files) {
    const checks::ContentInput& staged = c.view.staged_content();
    return staged.tree ? staged.tree->all_paths() : staged.tree_paths;
  }
  if (input.hook == Hook::pre_commit) {
    for (const checks::FileChange& change : c.view.staged_content().changes)
      if (change.mode != checks::k_mode_gitlink)
        files.push_back(change.path);
    return files;
  }
  if (input.hook == Hook::pre_push) {
    std::set<std::string> seen;
    auto add_range = [&](const std::string& to, const std::string& from,
                         const std::string& remote) {
      for (const checks::PushedCommit& commit : c.view.commits_to_push(to, from, remote))
        for (const checks::FileChange& change : c.view.commit_changes(commit))
          if (change.mode != checks::k_mode_gitlink)
            seen.insert(change.path);
    };
    if (input.range) {
      add_range(c.view.resolve_commit(input.range->second),
                c.view.resolve_commit(input.range->first), "");
    } else {
      std::string remote = input.args.empty() ? "" : input.args[0];
      for (const checks::RefUpdate& update : checks::parse_push_input(input.stdin_data))
        // A tag of a tree or a blob brings no commit (the checks read its files).
        if (!update.deletes() && !c.view.non_commit_files(update.local_id, update.remote_ref))
          add_range(update.local_id, update.creates() ? "" : update.remote_id, remote);
    }
    // Files the pushed commits deleted are not there to run on.
    auto root = c.repo.workdir();
    for (const std::string& path : seen)
      if (!root || fs::symlink_status(*root / path).type() != fs::file_type::not_found)
        files.push_back(path);
  }
  return files;
}

// One line about a command: problems always (in text output), the rest
// unless -q.
void print_line(const HookCommands& c, const std::string& name, const std::string& text,
                bool problem = false) {
  if (c.progress)
    problem ? report::note(name + ": " + text) : report::info(name + ": " + text);
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Stages path (a file a stage_fixed command changed) as `git add` would: its
// working-tree bytes through git's end-of-line and ident filters. A file
// behind another filter driver (git-lfs, ...) is left for the user to add and
// the command fails: preflight does not run drivers itself.
bool stage(git::Repository& repo, const std::string& path, std::string& why_not) {
  auto id = commands::index_entry_id(repo, path);
  auto root = repo.workdir();
  if (!id || !root || !fs::is_regular_file(fs::symlink_status(*root / path)))
    return false;
  // preflight's own notebook driver needs no run here: the notebook check,
  // after the commands, strips what is staged.
  if (auto driver = git::filter_driver(repo, path);
      driver && *driver != install::k_notebook_driver) {
    why_not = path + " goes through the \"" + *driver + "\" filter driver; stage it with git add";
    return false;
  }
  std::string bytes = git::clean_bytes(repo, path, read_file(*root / path));
  git::replace_staged(repo, path, *id, bytes);
  return true;
}

class Runner {
public:
  Runner(const HookCommands& c, report::Report& report) : m_c(c), m_report(report) {}

  std::vector<CommandResult> run(const std::vector<CommandSpec>& specs) {
    std::vector<CommandResult> results(specs.size());
    std::vector<Planned> planned;
    std::vector<std::size_t> index_of;
    if (!trusted(specs, results))
      return results;
    std::vector<std::string> files = hook_files(m_c);
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const CommandSpec& spec = specs[i];
      results[i].name = spec.name;
      if (m_c.skipped.count(spec.name)) {
        if (!spec.required) {
          results[i].status = "skipped";
          print_line(m_c, spec.name, "skipped (SKIP)");
          continue;
        }
        print_line(m_c, spec.name, "required: runs despite SKIP (only --no-verify skips it)");
      }
      Planned item{&spec, {}};
      if (m_c.input.hook == Hook::commit_msg) {
        if (!m_c.input.args.empty())
          item.files.push_back(fs::absolute(m_c.input.args[0]).string());
      } else {
        item.files = select_files(spec, files);
        if (item.files.empty()) {
          results[i].status = "no-files";
          continue;
        }
      }
      results[i].files = spec.pass_files ? item.files.size() : 0;
      planned.push_back(std::move(item));
      index_of.push_back(i);
    }
    if (planned.empty())
      return results;

    auto root = m_c.repo.workdir();
    if (!root)
      throw Error("commands need a working tree; this repository is bare", Exit::usage);
    bool staged_only =
        m_c.input.hook == Hook::pre_commit && !m_c.input.all_files && !m_c.input.files;
    SignalGuard guard;
    commands::WorktreeWatch watch(m_c.repo);
    std::optional<std::string> hidden;
    if (staged_only) {
      auto dirty = watch.dirty();
      hidden = commands::hide_paths(m_c.repo, dirty);
      if (hidden)
        watch.refresh(dirty);
    }
    try {
      run_groups(planned, index_of, results, *root, watch);
    } catch (...) {
      if (hidden)
        give_back(true);
      throw;
    }
    if (hidden)
      give_back(false);
    if (g_cancel.load()) {
      report::Finding finding;
      finding.check = "interrupted";
      finding.message = "interrupted: the commands were stopped";
      finding.hint = "run the commit again";
      m_report.add(std::move(finding));
    }
    return results;
  }

private:
  const HookCommands& m_c;
  report::Report& m_report;

  bool trusted(const std::vector<CommandSpec>& specs, std::vector<CommandResult>& results) {
    if (specs.empty())
      return true;
    TrustState state = trust_state(m_c.rules, m_c.repo);
    if (may_run(state, *commands_section(m_c.input.hook)))
      return true;
    std::vector<std::string> names;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      results[i].name = specs[i].name;
      results[i].status = "untrusted";
      names.push_back(specs[i].name);
      if (std::find(files.begin(), files.end(), specs[i].source) == files.end())
        files.push_back(specs[i].source);
    }
    std::string sources;
    for (const std::string& file : files)
      sources += (sources.empty() ? "" : ", ") + file;
    report::Finding finding;
    finding.check = "untrusted-commands";
    finding.path = specs[0].source;
    finding.message = "the commands in " + sources + " (" + joined(names) +
                      ") or the files they run are new or changed since you last trusted them, "
                      "so they did not run";
    finding.hint = m_c.input.server
                       ? "the server's administrator reviews what they run and trusts them "
                         "with `preflight -C <repository> trust` on the server"
                       : "review what they run and trust them with `preflight trust`, or " +
                             bypass(m_c.input.hook) + " once";
    m_report.add(std::move(finding));
    return false;
  }

  void run_groups(const std::vector<Planned>& planned, const std::vector<std::size_t>& index_of,
                  std::vector<CommandResult>& results, const fs::path& root,
                  commands::WorktreeWatch& watch) {
    auto section = *commands_section(m_c.input.hook);
    bool parallel = m_c.rules.get_bool(section + ".parallel");
    Progress progress(stderr, m_c.progress && report::verbosity() != report::Verbosity::quiet);
    for (const auto& group : schedule(planned, parallel)) {
      if (g_cancel.load())
        break;
      std::vector<std::string> names;
      for (const Planned* item : group)
        names.push_back(item->spec->name);
      progress.begin(names);
      auto outcomes =
          run_group(group, root, &g_cancel, [&progress](std::size_t i, const RunOutcome& outcome) {
            progress.done(i, outcome.elapsed);
          });
      progress.end();
      std::vector<std::string> changed = watch.changed();
      // A change to a file no member was given could be any member's doing.
      std::set<std::string> unowned;
      if (!changed.empty()) {
        std::set<std::string> owned;
        for (const Planned* item : group)
          for (const std::string& file : item->files)
            owned.insert(item->spec->root.empty() ? file : item->spec->root + "/" + file);
        for (const std::string& path : changed)
          if (!owned.count(path))
            unowned.insert(path);
      }
      for (std::size_t g = 0; g < group.size(); ++g) {
        const Planned& item = *group[g];
        std::size_t i = index_of[static_cast<std::size_t>(&item - planned.data())];
        finish(item, outcomes[g], changed, unowned, results[i]);
      }
    }
    if (std::string took = progress.summary(); !took.empty())
      report::info(took);
  }

  // Records one command's outcome; returns whether it staged anything.
  bool finish(const Planned& item, const RunOutcome& outcome,
              const std::vector<std::string>& changed, const std::set<std::string>& unowned,
              CommandResult& result) {
    const CommandSpec& spec = *item.spec;
    std::set<std::string> own;
    if (!changed.empty())
      for (const std::string& file : item.files)
        own.insert(spec.root.empty() ? file : spec.root + "/" + file);
    for (const std::string& path : changed)
      if (own.count(path) || unowned.count(path))
        result.changed.push_back(path);
    result.exit_code = outcome.exit_code;
    result.output = outcome.output;
    std::vector<std::string> unstageable;
    if (spec.stage_fixed && outcome.exit_code == 0 && m_c.input.hook == Hook::pre_commit)
      for (const std::string& path : result.changed) {
        std::string why_not;
        if (own.count(path) && stage(m_c.repo, path, why_not))
          result.staged.push_back(path);
        else if (!why_not.empty())
          unstageable.push_back(why_not);
      }

    std::string why;
    if (outcome.timed_out)
      why = "timed out after " + std::to_string(spec.timeout.count()) + "s";
    else if (outcome.cancelled)
      why = "stopped (interrupted)";
    else if (outcome.exit_code != 0)
      why = "failed with exit code " + std::to_string(outcome.exit_code);
    bool refuse_changes = spec.fail_on_changes && !result.changed.empty();
    if (why.empty() && refuse_changes)
      why = "changed " + plural(result.changed.size(), "file") + ": " + joined(result.changed);
    if (why.empty() && !unstageable.empty()) {
      why = "changed what it cannot stage: ";
      for (std::size_t i = 0; i < unstageable.size(); ++i)
        why += (i ? "; " : "") + unstageable[i];
    }
    result.status = why.empty() ? "passed" : "failed";
    std::string line = why.empty() ? "passed" : why;
    if (why.empty()) {
      line +=
          " (" + (spec.pass_files ? plural(item.files.size(), "file") : std::string("ran")) + ")";
      if (!result.staged.empty())
        line += "; staged its changes to " + joined(result.staged);
    }
    print_line(m_c, spec.name, line, !why.empty());
    if (why.empty())
      return !result.staged.empty();
    report::Finding finding;
    finding.check = spec.name;
    finding.message = "command " + preflight::quoted(spec.name) + " " + why;
    std::string output = outcome.output;
    while (!output.empty() && output.back() == '\n')
      output.pop_back();
    finding.detail = output;
    if (!unstageable.empty() && outcome.exit_code == 0 && !refuse_changes)
      finding.hint = "review the changes (git diff), stage them with git add, and commit again";
    else if (refuse_changes && outcome.exit_code == 0)
      finding.hint = "review the changes (git diff) and stage them with git add, or set "
                     "stage_fixed: true for this command";
    else if (spec.required)
      finding.hint = "fix what it reports (the command is required: SKIP cannot skip it)";
    else
      finding.hint = "fix what it reports, or skip it once with SKIP=" + spec.name;
    m_report.add(std::move(finding));
    return !result.staged.empty();
  }

  void give_back(bool quiet) {
    commands::RestoreResult restored;
    try {
      restored = commands::restore_unstaged(m_c.repo);
    } catch (const std::exception& e) { // any failure: the ref keeps the changes
      report::Finding finding;
      finding.check = "unstaged-changes";
      finding.message = std::string("could not give back your unstaged changes: ") + e.what();
      finding.hint = "they are safe in " + commands::unstaged_ref(m_c.repo) +
                     "; restore them with `preflight restore-unstaged`";
      m_report.add(std::move(finding));
      return;
    }
    if (!quiet && !restored.merged.empty())
      print_line(m_c, "unstaged changes",
                 "merged with the commands' changes in " + joined(restored.merged));
    add_conflicts(m_c.repo, restored, m_report);
  }

public:
  static void add_conflicts(git::Repository& repo, const commands::RestoreResult& restored,
                            report::Report& report) {
    for (const std::string& path : restored.conflicts) {
      report::Finding finding;
      finding.check = "unstaged-changes";
      finding.path = path;
      finding.message = "a command's changes to this file conflict with your unstaged changes";
      finding.detail = "your version (with the unstaged changes) is in the working tree;\n"
                       "the command's version: git show " +
                       commands::fixed_ref(repo) + ":" + shell_word(path);
      finding.hint = "merge the two by hand, stage, and commit again";
      report.add(std::move(finding));
    }
  }
};

} // namespace

bool interrupted() {
  return g_cancel.load();
}

bool has_commands(const config::Config& rules, Hook hook) {
  auto section = commands_section(hook);
  if (!section)
    return false;
  const config::Value* value = rules.find(*section + ".commands");
  return value && value->node.IsSequence() && value->node.size() > 0;
}

std::vector<CommandResult> run_hook_commands(const HookCommands& context, report::Report& report) {
  auto specs = read_commands(context.rules, context.input.hook);
  if (context.input.hook == Hook::pre_commit) {
    std::vector<config::Scope> read;
    if (!context.scopes)
      read = nested_scopes(context.rules, context.repo);
    for (CommandSpec& spec :
         nested_commands(context.scopes ? *context.scopes : read, Hook::pre_commit))
      specs.push_back(std::move(spec));
  }
  if (specs.empty())
    return {};
  return Runner(context, report).run(specs);
}

std::vector<CommandResult> run_in_hook(const HookCommands& context, report::Report& report) {
  if (context.input.hook == Hook::pre_commit) {
    std::string note = recover_leftover(context.repo, report);
    if (!note.empty())
      report::note(note);
    if (report.has_errors())
      return {};
  }
  return run_hook_commands(context, report);
}

std::string recover_leftover(git::Repository& repo, report::Report& report) {
  auto snapshot = commands::leftover_snapshot(repo);
  if (!snapshot)
    return "";
  commands::RestoreResult restored =
      commands::restore_unstaged(repo, commands::RestoreAfter::leftover);
  std::string kept = commands::kept_ref(repo);
  for (const std::string& path : restored.kept) {
    report::Finding finding;
    finding.check = "unstaged-changes";
    finding.path = path;
    finding.message = "changed since an interrupted hook run set your unstaged changes aside, so "
                      "it was left as it is now";
    finding.detail = "the version set aside: git show " + kept + "^:" + shell_word(path) +
                     "\nthe version now (still in the working tree): git show " + kept + ":" +
                     shell_word(path) + "\n(every such save is in git reflog " + kept + ")";
    finding.hint = "take what you need from the version set aside, then commit again";
    report.add(std::move(finding));
  }
  std::string note = "gave back the unstaged changes an interrupted hook run had set aside "
                     "(snapshot " +
                     snapshot->substr(0, 12) + ")";
  if (!restored.restored.empty())
    note += ": " + joined(restored.restored);
  if (!restored.kept.empty())
    note += "; left as they are now: " + joined(restored.kept);
  return note;
}

std::vector<std::string> status_problems(git::Repository& repo, const config::Config& rules) {
  std::vector<std::string> problems;
  if (auto snapshot = commands::leftover_snapshot(repo))
    problems.push_back("an interrupted hook set unstaged changes aside in " +
                       commands::unstaged_ref(repo) + " (" + snapshot->substr(0, 12) +
                       "); give them back with `preflight restore-unstaged`");
  auto state = trust_state(rules, repo);
  if (!state.trusted)
    problems.push_back("the commands in the committed rules (or the files they run) are not "
                       "trusted, so hooks refuse to run them (review and trust them with "
                       "`preflight trust`)");
  return problems;
}

std::string add_to_json(const std::string& report_json, const std::vector<CommandResult>& results) {
  auto doc = nlohmann::json::parse(report_json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return report_json;
  nlohmann::json commands = nlohmann::json::array();
  for (const CommandResult& r : results)
    commands.push_back({{"name", r.name},
                        {"status", r.status},
                        {"exit_code", r.exit_code},
                        {"files", r.files},
                        {"output", r.output},
                        {"changed", r.changed},
                        {"staged", r.staged}});
  doc["commands"] = std::move(commands);
  // As report::to_json writes it; bytes that are not UTF-8 become U+FFFD.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace preflight::commands
