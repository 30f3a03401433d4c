#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, fuzz corpus
# replays, integration), then the whole suite again under ASan+UBSan.
#
# usage: tests/run.sh [--no-sanitize] [ctest arguments...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sanitize=1
if [ "${1:-}" = "--no-sanitize" ]; then sanitize=0; shift; fi

./install.sh --deps-only --test-deps

jobs=$(nproc)
status=0
run_suite() { # NAME BUILD_DIR CMAKE_ARGS...
  local name=$1 dir=$2
  shift 2
  echo "== $name: configure and build ($dir)"
  cmake -S . -B "$dir" -DPREFLIGHT_WERROR=ON "$@" >"$dir.log" 2>&1 ||
    { cat "$dir.log"; return 1; }
  cmake --build "$dir" -j "$jobs" >>"$dir.log" 2>&1 || { grep -E 'error|Error' -A5 "$dir.log" | head -80; return 1; }
  echo "== $name: tests"
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure "${CTEST_ARGS[@]}"
}
CTEST_ARGS=("$@")

run_suite release build-tests -DCMAKE_BUILD_TYPE=Release || status=1
if [ "$sanitize" -eq 1 ]; then
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/ubsan.supp}
  run_suite sanitize build-asan -DCMAKE_BUILD_TYPE=Debug -DPREFLIGHT_SANITIZE=ON || status=1
fi
exit $status
