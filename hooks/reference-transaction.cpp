// The reference-transaction hook: git runs this binary (installed by `preflight install`).
// Backups come first and decide from stdin alone whether to open anything.
#include "backup/hook.hpp"
#include "hook/runner.hpp"

int main(int argc, char** argv) {
  return preflight::hook::main(preflight::checks::Hook::reference_transaction, argc, argv,
                               preflight::backup::on_reference_transaction);
}
