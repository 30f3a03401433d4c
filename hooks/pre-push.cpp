// The pre-push hook: git runs this binary (installed by `preflight install`).
#include "hook/runner.hpp"

int main(int argc, char** argv) {
  return preflight::hook::main(preflight::checks::Hook::pre_push, argc, argv);
}
