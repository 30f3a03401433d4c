#include "util/quick_exit.hpp"

#include <cstdio>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PREFLIGHT_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define PREFLIGHT_ASAN 1
#endif

namespace preflight {

int exit_now(int code) {
#ifdef PREFLIGHT_ASAN
  return code;
#else
  std::fflush(stdout);
  std::fflush(stderr);
  ::_exit(code);
#endif
}

} // namespace preflight
