// Running other programs. Always an argv vector, never a shell command line
// built from file names or configuration values.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace preflight {

struct RunOptions {
  // Written to the child's standard input, which is then closed. When unset the
  // child inherits ours (or gets /dev/null with null_input).
  std::optional<std::string> input;
  bool null_input = false;
  // Capture standard output into RunResult::output; otherwise inherited.
  bool capture_output = false;
  // With capture_output: standard error goes to the same capture, interleaved.
  bool merge_stderr = false;
  // The child's working directory (ours when unset).
  std::optional<std::filesystem::path> cwd;
  // Variables set (or replaced) in the child's environment, on top of ours.
  std::vector<std::pair<std::string, std::string>> env;
  // The child runs in a process group of its own, so that a timeout or a
  // cancellation stops everything it started. Stopping means SIGTERM to the
  // group, then SIGKILL after a grace period.
  bool own_group = false;
  // Stop the child after this long (zero: no limit).
  std::chrono::milliseconds timeout{0};
  // Stop the child once *cancel becomes true (checked at least every 100 ms).
  const std::atomic<bool>* cancel = nullptr;
};

struct RunResult {
  int exit_code = 0; // the child's exit status, or 128 + signal number
  std::string output;
  bool timed_out = false; // stopped because of RunOptions::timeout
  bool cancelled = false; // stopped because of RunOptions::cancel
};

// Runs argv[0] (searched in PATH when it has no slash) with argv. Throws Error
// when the program cannot be started. Safe to call from several threads.
RunResult run_process(const std::vector<std::string>& argv, const RunOptions& options = {});

// How many bytes of arguments a program may be started with here: the kernel's
// limit (sysconf(_SC_ARG_MAX)) less our environment and a safety margin. Each
// argument costs its length + 1 + sizeof(char*).
std::size_t argument_budget();

} // namespace preflight
