#!/usr/bin/env bash
# Builds every fuzz target (tests/fuzz/fuzz_*.cpp) with clang, libFuzzer's
# coverage over the whole library, AddressSanitizer and UBSan, in build-fuzz/;
# runs each for SECONDS; merges the inputs that found new coverage into
# tests/fuzz/corpus/<target>/ (which CTest replays on every run); prints execs
# and coverage per target. Exits 1 when a target crashed, leaked or hung (the
# reproducer is kept in build-fuzz/findings/<target>/).
#
# usage: tools/fuzz.sh [SECONDS] [TARGET...]   (default 120 seconds, every target)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-120}
[ $# -gt 0 ] && shift
if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: installing clang (Debian)" >&2
  apt-get install -y -qq clang >/dev/null
fi
shared=${PREFLIGHT_SHARED_DIR:-$PWD/../shared}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPREFLIGHT_FUZZ=ON -DPREFLIGHT_SHARED_DIR="$shared" >build-fuzz.log 2>&1 ||
  { cat build-fuzz.log; exit 1; }
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >>build-fuzz.log 2>&1 ||
  { grep -E 'error' -A5 build-fuzz.log | head -60; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/ubsan.supp}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
status=0
printf '%-16s %10s %8s %8s %8s %s\n' target execs exec/s cov ft new-corpus
for name in "${targets[@]}"; do
  binary=build-fuzz/tests/fuzz_$name
  corpus=tests/fuzz/corpus/$name
  work=build-fuzz/work/$name
  findings=build-fuzz/findings/$name
  mkdir -p "$corpus" "$work" "$findings"
  log=build-fuzz/$name.log
  rc=0
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$findings/" "$work" "$corpus" >"$log" 2>&1 || rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  before=$(find "$corpus" -type f | wc -l)
  "$binary" -merge=1 -timeout=10 -artifact_prefix="$findings/" "$corpus" "$work" >>"$log" 2>&1 ||
    true
  after=$(find "$corpus" -type f | wc -l)
  printf '%-16s %10s %8s %8s %8s +%s\n' "$name" "$execs" "$rate" "$cov" "$ft" $((after - before))
  if [ "$rc" -ne 0 ]; then
    echo "fuzz.sh: $name failed (exit $rc); see $log and $findings/" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5 >&2 || true
    status=1
  fi
done
exit $status
