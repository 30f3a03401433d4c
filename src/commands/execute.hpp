// Running team commands: which files each one gets, how long lists are split
// under the OS argument limit, which commands may run at the same time, and
// the runs themselves. Nothing here touches git; the hook side
// (src/commands/hook_commands.cpp) hides unstaged changes, stages fixes and
// turns results into findings.
#pragma once

#include "commands/spec.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace preflight::commands {

// The files of files (repository-relative) that spec runs on: below its root,
// matching a glob and no exclude pattern. Returned relative to the root.
std::vector<std::string> select_files(const CommandSpec& spec,
                                      const std::vector<std::string>& files);

// A file name as a command argument: "./-x" for names that start with a dash,
// so that no program takes a file for an option; others unchanged.
std::string file_argument(const std::string& relative);

// Splits files so that argv + each part fits in budget bytes (each argument
// costing its length + 1 + sizeof(char*)). Never returns an empty list of parts;
// a single file too long on its own gets a part of its own.
std::vector<std::vector<std::string>> batches(const std::vector<std::string>& argv,
                                              const std::vector<std::string>& files,
                                              std::size_t budget);

struct Planned {
  const CommandSpec* spec = nullptr;
  std::vector<std::string> files; // relative to the root, as selected
};

// Groups of commands that may run at the same time, in the rules' order: a
// command joins the current group when, against every member, their files are
// disjoint or both are read_only (a command without file arguments counts as
// touching everything). parallel=false gives one command per group.
std::vector<std::vector<const Planned*>> schedule(const std::vector<Planned>& planned,
                                                  bool parallel);

struct RunOutcome {
  int exit_code = 0; // the first failing batch's code (127: could not start)
  std::string output;
  bool timed_out = false;
  bool cancelled = false;
  std::chrono::milliseconds elapsed{0}; // how long all its batches took
};

// Runs one command on its files (in batches, one after another) in
// worktree/root, with the command's env and timeout. Never throws.
RunOutcome run_command(const Planned& planned, const std::filesystem::path& worktree,
                       const std::atomic<bool>* cancel);

// Runs a group, members in parallel threads; outcomes in the group's order.
// on_done(i, outcome), when given, is called as member i finishes, from the
// thread that ran it.
using OnDone = std::function<void(std::size_t, const RunOutcome&)>;
std::vector<RunOutcome> run_group(const std::vector<const Planned*>& group,
                                  const std::filesystem::path& worktree,
                                  const std::atomic<bool>* cancel, const OnDone& on_done = {});

} // namespace preflight::commands
