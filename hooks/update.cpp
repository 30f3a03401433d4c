// The update hook of a server (installed by `preflight install --server`).
#include "server/receive.hpp"

int main(int argc, char** argv) {
  return preflight::server::main(preflight::server::ServerHook::update, argc, argv);
}
