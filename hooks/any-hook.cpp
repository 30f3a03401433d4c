// The hooks without checks of their own (post-merge, prepare-commit-msg, ...):
// git runs this binary under the hook's name (installed by `preflight install`
// for the hooks the rules give commands), and it runs those commands.
#include "hook/any_hook.hpp"

int main(int argc, char** argv) {
  return preflight::hook::any_hook_main(argc, argv);
}
