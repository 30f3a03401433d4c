#include "commands/execute.hpp"

#include "checks/glob.hpp"
#include "util/process.hpp"

#include <system_error>
#include <thread>
#include <unordered_set>

namespace preflight::commands {

namespace {

std::size_t cost(const std::string& arg) {
  return arg.size() + 1 + sizeof(char*);
}

bool compatible(const Planned& a, const Planned& b) {
  if (a.spec->read_only && b.spec->read_only)
    return true;
  if (!a.spec->pass_files || !b.spec->pass_files)
    return false;
  // The common case, commands given the same files, needs no set.
  if (a.spec->root == b.spec->root && !a.files.empty() && a.files == b.files)
    return false;
  auto full = [](const Planned& p, const std::string& file) {
    return p.spec->root.empty() ? file : p.spec->root + "/" + file;
  };
  const Planned& small = a.files.size() <= b.files.size() ? a : b;
  const Planned& large = &small == &a ? b : a;
  std::unordered_set<std::string> seen;
  for (const std::string& file : small.files)
    seen.insert(full(small, file));
  for (const std::string& file : large.files)
    if (seen.count(full(large, file)))
      return false;
  return true;
}

} // namespace

std::vector<std::string> select_files(const CommandSpec& spec,
                                      const std::vector<std::string>& files) {
  std::vector<std::string> out;
  std::string prefix = spec.root.empty() ? "" : spec.root + "/";
  const checks::GlobList glob(spec.glob), exclude(spec.exclude);
  for (const std::string& path : files) {
    if (!prefix.empty() && !path.starts_with(prefix))
      continue;
    std::string_view relative = std::string_view(path).substr(prefix.size());
    if (!glob.empty() && !glob.first_match(relative))
      continue;
    if (exclude.first_match(relative))
      continue;
    out.emplace_back(relative);
  }
  return out;
}

std::string file_argument(const std::string& relative) {
  return relative.starts_with('-') ? "./" + relative : relative;
}

std::vector<std::vector<std::string>> batches(const std::vector<std::string>& argv,
                                              const std::vector<std::string>& files,
                                              std::size_t budget) {
  std::size_t base = sizeof(char*); // the terminating null pointer
  for (const std::string& arg : argv)
    base += cost(arg);
  std::vector<std::vector<std::string>> out(1);
  std::size_t used = base;
  for (const std::string& file : files) {
    if (!out.back().empty() && used + cost(file) > budget) {
      out.emplace_back();
      used = base;
    }
    out.back().push_back(file);
    used += cost(file);
  }
  return out;
}

std::vector<std::vector<const Planned*>> schedule(const std::vector<Planned>& planned,
                                                  bool parallel) {
  std::vector<std::vector<const Planned*>> groups;
  for (const Planned& item : planned) {
    bool joins = parallel && !groups.empty();
    if (joins)
      for (const Planned* member : groups.back())
        joins = joins && compatible(*member, item);
    if (joins)
      groups.back().push_back(&item);
    else
      groups.push_back({&item});
  }
  return groups;
}

RunOutcome run_command(const Planned& planned, const std::filesystem::path& worktree,
                       const std::atomic<bool>* cancel) {
  const CommandSpec& spec = *planned.spec;
  RunOutcome outcome;
  RunOptions options;
  options.capture_output = true;
  options.merge_stderr = true;
  options.null_input = true;
  options.own_group = true;
  options.cwd = spec.root.empty() ? worktree : worktree / spec.root;
  options.env = spec.env;
  options.cancel = cancel;
  std::size_t env_cost = 0;
  for (const auto& [key, value] : spec.env)
    env_cost += key.size() + value.size() + 2 + sizeof(char*);
  std::vector<std::string> arguments;
  if (spec.pass_files)
    for (const std::string& file : planned.files)
      arguments.push_back(file_argument(file));
  std::size_t budget = argument_budget();
  budget = budget > env_cost + 4096 ? budget - env_cost : 4096;
  auto parts = spec.pass_files ? batches(spec.argv, arguments, budget)
                               : std::vector<std::vector<std::string>>(1);
  auto started = std::chrono::steady_clock::now();
  for (const auto& part : parts) {
    std::vector<std::string> argv = spec.argv;
    argv.insert(argv.end(), part.begin(), part.end());
    if (spec.timeout.count() > 0) {
      auto left = spec.timeout - std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::steady_clock::now() - started);
      options.timeout = std::max(left, std::chrono::milliseconds(1));
    }
    try {
      RunResult result = run_process(argv, options);
      outcome.output += result.output;
      outcome.timed_out = result.timed_out;
      outcome.cancelled = result.cancelled;
      if (result.exit_code != 0) {
        outcome.exit_code = result.exit_code;
        break;
      }
    } catch (const std::exception& e) { // Error, or bad_alloc, system_error ...
      outcome.output += std::string(e.what()) + "\n";
      outcome.exit_code = 127;
      break;
    }
  }
  outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return outcome;
}

std::vector<RunOutcome> run_group(const std::vector<const Planned*>& group,
                                  const std::filesystem::path& worktree,
                                  const std::atomic<bool>* cancel, const OnDone& on_done) {
  std::vector<RunOutcome> outcomes(group.size());
  if (group.size() == 1) {
    outcomes[0] = run_command(*group[0], worktree, cancel);
    if (on_done)
      on_done(0, outcomes[0]);
    return outcomes;
  }
  // An exception must not leave a thread (std::terminate): each becomes the
  // command's failure.
  auto one = [&](std::size_t i) noexcept {
    try {
      outcomes[i] = run_command(*group[i], worktree, cancel);
    } catch (const std::exception& e) {
      outcomes[i].output += std::string("preflight: ") + e.what() + "\n";
      outcomes[i].exit_code = 127;
    }
    if (on_done)
      on_done(i, outcomes[i]);
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < group.size(); ++i) {
    try {
      threads.emplace_back(one, i);
    } catch (const std::system_error&) {
      one(i); // no thread to be had: run it here, after the others started
    }
  }
  for (std::thread& thread : threads)
    thread.join();
  return outcomes;
}

} // namespace preflight::commands
