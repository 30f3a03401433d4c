#include "checks/pre_push.hpp"

#include "checks/glob.hpp"
#include "checks/push_input.hpp"
#include "checks/pushed_notebooks.hpp"
#include "checks/required.hpp"
#include "commitmsg/lint.hpp"
#include "config/config.hpp"

#include <fnmatch.h>
#include <optional>
#include <set>

namespace preflight::checks {

namespace {

constexpr std::string_view k_heads = "refs/heads/";

std::string branch_of(const std::string& ref) {
  return ref.starts_with(k_heads) ? ref.substr(k_heads.size()) : std::string();
}

bool matches_any(const std::vector<std::string>& patterns, const std::string& branch) {
  for (const std::string& pattern : patterns)
    if (::fnmatch(pattern.c_str(), branch.c_str(), 0) == 0)
      return true;
  return false;
}

void refuse(report::Report& report, std::string check, std::string message, std::string hint) {
  report::Finding finding;
  finding.check = std::move(check);
  finding.message = std::move(message);
  finding.hint = std::move(hint);
  report.add(std::move(finding));
}

// Protected branches and backup branches: rules about refs, not content.
void check_refs(const Context& context, const RefUpdate& update, report::Report& report) {
  const config::Config& rules = context.config;
  std::string branch = branch_of(update.remote_ref);
  if (rules.get_bool("pre_push.refuse_backup_branches") &&
      !context.skipped.count("backup-branch") &&
      (branch.starts_with("backup/") || branch_of(update.local_ref).starts_with("backup/")) &&
      !update.deletes())
    refuse(report, "backup-branch", "pushing backup branch \"" + update.local_ref + "\"",
           "backup branches are local safety nets; push a branch with another name "
           "(git push origin " +
               update.local_ref + ":refs/heads/<name>)");
  if (branch.empty() || context.skipped.count("protected-branch") ||
      !matches_any(rules.get_strings("pre_push.protected_branches"), branch))
    return;
  if (update.deletes()) {
    refuse(report, "protected-branch", "deleting protected branch \"" + branch + "\"",
           "protected branches come from pre_push.protected_branches");
  } else if (!update.creates() && (!context.repo.has_object(update.remote_id) ||
                                   !context.repo.is_ancestor(update.remote_id, update.local_id))) {
    refuse(report, "protected-branch",
           "force-push to protected branch \"" + branch + "\": the remote's " +
               update.remote_id.substr(0, 12) + " is not in what you push",
           "fetch and merge or rebase onto the remote branch (git pull --rebase), then push "
           "without --force");
  }
}

class PushChecker {
public:
  PushChecker(const Context& context, report::Report& report)
      : m_context(context), m_report(report) {
    const config::Config& rules = context.config;
    m_messages = rules.get_bool("pre_push.check_messages") &&
                 rules.get_bool("commit_msg.enabled") && !context.skipped.count("commit-message");
    m_content = rules.get_bool("pre_push.check_content");
    if (m_messages)
      m_settings = commitmsg::settings_from(rules);
  }

  // Checks the files of a pushed tree or blob (a tag of one).
  void check_files(std::vector<FileChange> files) {
    if (!m_content)
      return;
    ContentInput input;
    input.blobs = &m_context.repo.blobs();
    for (FileChange& file : files)
      if (first_time(file))
        input.changes.push_back(std::move(file));
    check_pushed_notebooks(m_context, input, m_report);
    run_by_scope(input);
  }

  // Checks what local_id adds over remote_id (empty when the remote has nothing).
  void check_commits(const std::string& local_id, const std::string& remote_id,
                     const std::string& remote) {
    auto commits = m_context.input.server
                       ? m_context.repo.commits_new_here(local_id)
                       : m_context.repo.commits_to_push(local_id, remote_id, remote);
    // A push of a branch and its tag walks the same commits twice: check them once.
    std::erase_if(commits, [&](const PushedCommit& commit) {
      return !m_seen_commits.insert(commit.id).second;
    });
    ContentInput input;
    input.blobs = &m_context.repo.blobs();
    for (const PushedCommit& commit : commits) {
      if (m_messages)
        check_message(commit);
      if (!m_content)
        continue;
      for (FileChange& change : m_context.repo.commit_changes(commit))
        if (first_time(change)) {
          change.commit = commit.id;
          input.changes.push_back(std::move(change));
        }
    }
    if (!m_content || commits.empty())
      return;
    const config::Config& rules = m_context.config;
    if (rules.get_bool("checks.case_conflicts.enabled") ||
        rules.get_bool("checks.symlinks.enabled"))
      input.tree_paths = m_context.repo.tree_paths(local_id);
    check_pushed_notebooks(m_context, input, m_report);
    run_by_scope(input);
  }

private:
  const Context& m_context;
  report::Report& m_report;
  bool m_messages = false;
  bool m_content = false;
  std::optional<commitmsg::Settings> m_settings;
  std::set<std::string> m_seen_files; // blob id and path: the path decides as much as the bytes
  std::set<std::string> m_seen_commits;

  // The content checks with each file's own rules, as pre-commit runs them: the
  // nested rules files on the pushed paths, found in the index and read from
  // the working tree like the root file. Not on a server, where a pushed rules
  // file may only add findings (check_pushed_rules), never allow more.
  void run_by_scope(const ContentInput& input) {
    std::vector<config::Scope> scopes;
    if (!m_context.input.server) {
      std::vector<std::string> dirs = nested_rules_folders(input, [&](const std::string& file) {
        return m_context.repo.index_entry(file).has_value();
      });
      if (!dirs.empty())
        scopes = config::load_scopes(m_context.config, m_context.root, std::move(dirs));
    }
    run_content_checks_by_scope(m_context.config, scopes, input, m_context.skipped, m_report);
  }

  // Whether this push has not checked these bytes at this path yet. Not the blob
  // id alone: the same bytes under another path can match a name pattern, leave
  // an allow list or be a notebook (t-red-push-same-bytes.sh).
  bool first_time(const FileChange& file) {
    return m_seen_files.insert(file.id + '\n' + file.path).second;
  }

  void check_message(const PushedCommit& commit) {
    lint_commit_message(commit, *m_settings, m_report);
  }
};

} // namespace

void lint_commit_message(const PushedCommit& commit, const commitmsg::Settings& settings,
                         report::Report& report) {
  commitmsg::LintInput input{commit.message, std::nullopt, "commit " + commit.label, true};
  for (report::Finding& finding : commitmsg::lint(input, settings).findings) {
    finding.message = "commit " + commit.label + ": " + finding.message;
    finding.path.clear();
    finding.line = finding.column = 0;
    finding.hint = "reword it (git rebase -i " + commit.id.substr(0, 12) + "^, mark it \"reword\")";
    finding.commit = commit.id;
    report.add(std::move(finding));
  }
}

namespace {

// One pushed ref: its protection, then what it brings.
void check_update(const Context& context, const RefUpdate& update, const std::string& remote,
                  PushChecker& checker, report::Report& report) {
  check_refs(context, update, report);
  if (update.deletes())
    return;
  // Tags and any other ref publish what they name as a branch would: annotated
  // tags are peeled to their commit, and a tag of a tree or a blob publishes its
  // files.
  if (auto files = context.repo.non_commit_files(update.local_id, update.remote_ref)) {
    checker.check_files(std::move(*files));
    return;
  }
  checker.check_commits(update.local_id, update.creates() ? "" : update.remote_id, remote);
}

// A finding's identity, to add a second pass's findings only when new.
std::string finding_key(const report::Finding& f) {
  return f.check + '\n' + f.path + '\n' + std::to_string(f.line) + ':' + std::to_string(f.column) +
         '\n' + f.message;
}

// The server: a .preflight.yaml that a pushed ref brings may add checks but
// never weakens the server's. Its checks run as a second pass after the
// server's, their findings are added to the server's (none is removed), its
// `required` checks cannot be skipped either, and it runs no commands (those
// run in the hook, from the server's rules only).
void check_pushed_rules(const Context& context, const std::vector<RefUpdate>& updates,
                        report::Report& report) {
  report::Report extra;
  for (const RefUpdate& update : updates) {
    if (update.deletes() || context.repo.non_commit_files(update.local_id, update.remote_ref))
      continue;
    auto text = context.repo.file_at(update.local_id, std::string(config::k_rules_file));
    if (!text)
      continue;
    config::LoadOptions load;
    load.root = context.root;
    load.read_local = false;
    load.file = update.local_id.substr(0, 12) + ":" + std::string(config::k_rules_file);
    load.text = std::move(text);
    std::optional<config::Config> rules;
    try {
      rules.emplace(config::load(load));
    } catch (const Error& e) {
      report::Finding finding;
      finding.check = "rules-file";
      finding.path = std::string(config::k_rules_file);
      finding.message = "the pushed " + std::string(config::k_rules_file) + " of " +
                        update.remote_ref + " does not load";
      finding.detail = e.what();
      finding.hint = "fix it (preflight config shows the errors locally), then push again";
      finding.commit = update.local_id;
      extra.add(std::move(finding));
      continue;
    }
    auto skipped = context.skipped;
    for (const std::string& id : required_check_ids(*rules))
      skipped.erase(id);
    Context pushed{*rules, context.input, context.root, context.repo, skipped};
    PushChecker checker(pushed, extra);
    check_update(pushed, update, "", checker, extra);
  }
  std::set<std::string> known;
  for (const report::Finding& finding : report.findings())
    known.insert(finding_key(finding));
  for (const report::Finding& finding : extra.findings())
    if (known.insert(finding_key(finding)).second)
      report.add(finding);
}

} // namespace

void check_push(const Context& context, report::Report& report) {
  PushChecker checker(context, report);
  if (context.input.range) {
    const RepoView& repo = context.repo;
    std::string from = repo.resolve_commit(context.input.range->first);
    std::string to = repo.resolve_commit(context.input.range->second);
    checker.check_commits(to, from, "");
    return;
  }
  std::string remote = context.input.args.empty() ? "" : context.input.args[0];
  auto updates = parse_push_input(context.input.stdin_data);
  for (const RefUpdate& update : updates)
    check_update(context, update, remote, checker, report);
  if (context.input.server)
    check_pushed_rules(context, updates, report);
}

} // namespace preflight::checks
