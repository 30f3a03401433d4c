// The reference-transaction hook: git runs this binary (installed by `preflight install`).
#include "hook/runner.hpp"

int main(int argc, char** argv) {
  return preflight::hook::main(preflight::checks::Hook::reference_transaction, argc, argv);
}
