// The post-checkout hook: git runs this binary (installed by `preflight install`).
// Backs up commits left behind on a detached HEAD, runs the post-checkout
// actions (reminders, commands, stale .pyc clean-up), then the checks.
#include "hook/post_checkout_actions.hpp"
#include "hook/runner.hpp"

int main(int argc, char** argv) {
  return preflight::hook::main(preflight::checks::Hook::post_checkout, argc, argv,
                               preflight::hook::post_checkout);
}
