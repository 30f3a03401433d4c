#!/usr/bin/env bash
# Builds the release artefacts for one architecture from this source tree:
#   OUTDIR/preflight_<version>_<arch>.deb          (apt install ./preflight_*.deb)
#   OUTDIR/preflight-<version>-linux-<arch>.tar.gz (unpack anywhere; see its INSTALL)
# in its own Release build folder (build-package-<arch>, or $PREFLIGHT_PACKAGE_BUILD_DIR;
# for arm64 the libraries are unpacked beside it, or in $PREFLIGHT_SYSROOT).
#
# usage: packaging/build.sh [--arch amd64|arm64] OUTDIR
#   amd64 needs what ./install.sh --deps-only installs; arm64 also needs Debian's
#   cross toolchain and qemu (crossbuild-essential-arm64 qemu-user-static) and the
#   arm64 package lists (dpkg --add-architecture arm64 && apt-get update): the
#   arm64 libraries are unpacked into a folder, not installed (packaging/arm64-sysroot.sh).
#   Details: docs/install.md.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf 'build.sh: %s\n' "$*"; }
die() { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) [ $# -ge 2 ] || die "--arch needs amd64 or arm64"; arch=$2; shift 2 ;;
    --arch=*) arch=${1#--arch=}; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$out" ] || die "only one OUTDIR, please"; out=$1; shift ;;
  esac
done
[ -n "$out" ] || die "usage: packaging/build.sh [--arch amd64|arm64] OUTDIR"
case "$arch" in amd64|arm64) ;; *) die "unknown architecture \"$arch\" (amd64 or arm64)" ;; esac
mkdir -p "$out" && out=$(cd "$out" && pwd)

build_dir=${PREFLIGHT_PACKAGE_BUILD_DIR:-$source_dir/build-package-$arch}
# -Werror as in CI: the release compiler is the one CI builds with (Debian 12).
config=(-DCMAKE_BUILD_TYPE=Release -DPREFLIGHT_TESTS=OFF -DPREFLIGHT_WERROR=ON)
host=$(uname -m)
if [ "$arch" = arm64 ] && [ "$host" != aarch64 ]; then
  for tool in aarch64-linux-gnu-g++ qemu-aarch64-static; do
    command -v "$tool" >/dev/null ||
      die "$tool missing: apt-get install crossbuild-essential-arm64 qemu-user-static"
  done
  sysroot=${PREFLIGHT_SYSROOT:-$build_dir-sysroot} # one folder can serve several builds
  "$source_dir/packaging/arm64-sysroot.sh" "$sysroot"
  config+=(-DCMAKE_TOOLCHAIN_FILE="$source_dir/packaging/toolchain-arm64.cmake"
           -DPREFLIGHT_SYSROOT="$sysroot")
elif [ "$arch" = amd64 ] && [ "$host" != x86_64 ]; then
  die "amd64 packages are built on amd64"
fi

say "building $arch in $build_dir"
cmake -S "$source_dir" -B "$build_dir" "${config[@]}" >"$build_dir.log" 2>&1 ||
  { cat "$build_dir.log" >&2; die "cmake failed"; }
cmake --build "$build_dir" -j "$(nproc)" >>"$build_dir.log" 2>&1 ||
  { tail -50 "$build_dir.log" >&2; die "build failed (full log: $build_dir.log)"; }

# A release package holds static binaries only: a dynamic one would need this
# machine's libraries (cmake/StaticLink.cmake falls back to them when the
# static ones are missing).
for binary in "$build_dir"/bin/preflight "$build_dir"/libexec/preflight/*; do
  [ "$(basename "$binary")" = SHA256SUMS ] && continue
  if LC_ALL=C readelf -l "$binary" | grep -q 'Requesting program interpreter'; then
    die "$binary is linked dynamically (static libraries missing? see $build_dir.log)"
  fi
done

# cpack installs what the install() rules name into its own staging folder.
staging="$build_dir/cpack"
rm -rf "$staging"
(cd "$build_dir" && cpack -B "$staging" >>"$build_dir.log" 2>&1) ||
  { tail -30 "$build_dir.log" >&2; die "cpack failed (full log: $build_dir.log)"; }
for file in "$staging"/preflight_*_"$arch".deb "$staging"/preflight-*-linux-"$arch".tar.gz; do
  [ -f "$file" ] || die "cpack made no $(basename "$file")"
  mv -f "$file" "$out/"
  say "$out/$(basename "$file")"
done
rm -rf "$staging"
