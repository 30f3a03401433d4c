// Running other programs. Always an argv vector, never a shell command line
// built from file names or configuration values.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace preflight {

struct RunOptions {
  // Written to the child's standard input, which is then closed. When unset the
  // child inherits ours.
  std::optional<std::string> input;
  // Capture standard output into RunResult::output; otherwise inherited.
  bool capture_output = false;
};

struct RunResult {
  int exit_code = 0; // the child's exit status, or 128 + signal number
  std::string output;
};

// Runs argv[0] (searched in PATH when it has no slash) with argv. Throws Error
// when the program cannot be started.
RunResult run_process(const std::vector<std::string>& argv, const RunOptions& options = {});

} // namespace preflight
