// preflight: the command people type (src/cli/app.cpp).
#include "cli/command.hpp"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  int code = preflight::cli::main(argc, argv);
#if defined(__SANITIZE_ADDRESS__)
  return code; // LeakSanitizer checks at exit
#else
  // Everything is written and closed by now: leave without running the
  // destructors of static objects (CLI11's validators, yaml-cpp's tables),
  // which only give memory back to a process that is about to end.
  std::fflush(nullptr);
  std::_Exit(code);
#endif
}
