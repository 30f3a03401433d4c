// Errors that stop a run, exit codes, and source locations.
//
// preflight reports problems through three channels (see STYLE.md): findings are
// data (report/finding.hpp), expected failures return values, and conditions that
// stop the run throw preflight::Error, caught once in each binary's main.
#pragma once

#include <stdexcept>
#include <string>

namespace preflight {

// Process exit codes, shared by every binary.
enum class Exit : int {
  ok = 0,       // passed (warnings allowed)
  blocked = 1,  // findings block the operation
  usage = 2,    // bad command line or rules file
  internal = 3, // git or internal failure
  interrupted = 130,
};

// A place in a text file. line and column are 1-based; 0 means "unknown".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;

  // "file:line:column", "file:line" or "file", whichever parts are known.
  std::string str() const;
};

// The one exception type. what() is the message without the "preflight: error: "
// prefix; exit() is the code main returns for it.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message, Exit exit = Exit::internal)
      : std::runtime_error(message), m_exit(exit) {}
  Exit exit() const { return m_exit; }

private:
  Exit m_exit;
};

} // namespace preflight
