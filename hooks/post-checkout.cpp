// The post-checkout hook: git runs this binary (installed by `preflight install`).
// Backs up commits left behind on a detached HEAD, then runs the checks.
#include "hook/backups.hpp"
#include "hook/runner.hpp"

int main(int argc, char** argv) {
  return preflight::hook::main(preflight::checks::Hook::post_checkout, argc, argv,
                               preflight::hook::backup_post_checkout);
}
