// preflight: the command people type (src/cli/app.cpp).
#include "cli/command.hpp"

int main(int argc, char** argv) {
  return preflight::cli::main(argc, argv);
}
