#!/usr/bin/env bash
# Tests the arm64 build on an amd64 machine, under qemu-user: the unit tests
# (through ctest, which runs them with the toolchain's emulator), then
# integration scripts with real git, whose hooks are arm64 programs. Too slow
# for .ci/run (see docs/install.md for the timings); run it before a release.
#
# usage: packaging/test-arm64.sh [BUILD_DIR [t-name ...]]
#   BUILD_DIR (default build-arm64) is configured and built if needed, with the
#   tests, from packaging/toolchain-arm64.cmake. The scripts default to those
#   that commit, push, reset and strip notebooks (below).
#
# Git starts arm64 hook files directly, so the kernel must hand arm64 programs
# to qemu (binfmt_misc). Where no such entry exists, this script registers one
# inside a user and mount namespace of its own (Linux 6.7 and later give each
# user namespace its own binfmt_misc), so nothing changes for the rest of the
# machine.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'test-arm64.sh: %s\n' "$*"; }
die() { printf 'test-arm64.sh: error: %s\n' "$*" >&2; exit 1; }

build_dir=${1:-$source_dir/build-arm64}
[ $# -gt 0 ] && shift
scripts=("$@")
[ ${#scripts[@]} -gt 0 ] ||
  scripts=(t-packaging t-commit-msg t-backup-hooks t-content-push-refs t-nbstrip-conformance
           t-notebooks)
qemu=$(command -v qemu-aarch64-static) || die "qemu-aarch64-static missing: apt-get install qemu-user-static"
shared=${PREFLIGHT_SHARED_DIR:-$source_dir/../shared}

# 1. Build, with the tests.
if [ "${PREFLIGHT_INSIDE_NAMESPACE:-}" != 1 ]; then
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    sysroot=${PREFLIGHT_SYSROOT:-$build_dir-sysroot}
    "$source_dir/packaging/arm64-sysroot.sh" "$sysroot"
    cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPREFLIGHT_WERROR=ON \
      -DPREFLIGHT_SHARED_DIR="$shared" -DCMAKE_TOOLCHAIN_FILE="$source_dir/packaging/toolchain-arm64.cmake" \
      -DPREFLIGHT_SYSROOT="$sysroot" >"$build_dir.log" 2>&1 ||
      { cat "$build_dir.log" >&2; die "cmake failed"; }
  fi
  grep -q '^CMAKE_SYSTEM_PROCESSOR:.*=aarch64' "$build_dir/CMakeCache.txt" ||
    grep -q 'toolchain-arm64.cmake' "$build_dir/CMakeCache.txt" ||
    die "$build_dir is not an arm64 build (packaging/toolchain-arm64.cmake)"
  say "building in $build_dir"
  # (all of it: cpack, in t-packaging, builds whatever is missing first)
  cmake --build "$build_dir" -j "$(nproc)" \
    >>"$build_dir.log" 2>&1 || { tail -40 "$build_dir.log" >&2; die "build failed ($build_dir.log)"; }

  # 2. Unit tests, each through qemu (CMAKE_CROSSCOMPILING_EMULATOR).
  say "unit tests under $qemu"
  start=$SECONDS
  # (Catch's discovery names them "unit:NAME" here, with the emulator)
  ctest --test-dir "$build_dir" -j "$(nproc)" -R '^unit:' --no-tests=error --output-on-failure ||
    die "unit tests failed under qemu"
  say "unit tests: $((SECONDS - start)) s"
fi

# 3. Integration scripts: arm64 programs started by git, through binfmt_misc.
# (an unfilled hook launcher says that it is one)
runs_arm64() {
  local said
  said=$("$build_dir/libexec/preflight/hook-launcher" 2>&1 || true)
  [[ $said == *"not set up by"* ]]
}
if ! runs_arm64; then
  [ "${PREFLIGHT_INSIDE_NAMESPACE:-}" != 1 ] || die "binfmt_misc registration had no effect"
  say "registering qemu for arm64 programs in a private user and mount namespace"
  exec unshare --user --map-root-user --mount --fork env PREFLIGHT_INSIDE_NAMESPACE=1 \
    PREFLIGHT_QEMU="$qemu" bash -c '
      set -e
      mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
      magic="\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00"
      mask="\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff"
      printf ":qemu-aarch64:M:0:%s:%s:%s:F" "$magic" "$mask" "$PREFLIGHT_QEMU" \
        >/proc/sys/fs/binfmt_misc/register
      exec "$0" "$@"' "$0" "$build_dir" "${scripts[@]}" ||
    die "could not register qemu with binfmt_misc (Linux before 6.7? then register it for the machine: apt-get install binfmt-support)"
fi

status=0
for name in "${scripts[@]}"; do
  start=$SECONDS
  if PREFLIGHT_BUILD_DIR="$build_dir" PREFLIGHT_SHARED_DIR="$shared" PREFLIGHT_SOURCE_DIR="$source_dir" \
    bash "$source_dir/tests/integration/$name.sh" >"$build_dir/$name.log" 2>&1; then
    say "$name: $(tail -1 "$build_dir/$name.log") ($((SECONDS - start)) s)"
  else
    status=1
    say "$name: FAILED ($((SECONDS - start)) s):"
    tail -20 "$build_dir/$name.log"
  fi
done
exit $status
