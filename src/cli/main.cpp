// preflight: the command people type (src/cli/app.cpp).
#include "cli/command.hpp"
#include "util/quick_exit.hpp"

int main(int argc, char** argv) {
  return preflight::exit_now(preflight::cli::main(argc, argv));
}
