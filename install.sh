#!/usr/bin/env bash
# Installs preflight from this source tree on Debian 12:
#   1. the Debian packages it builds with (apt-get, only those missing),
#   2. a Release build, installed under the prefix (default /usr/local),
#   3. the hooks, into the repository given (or the one this is run inside).
#
# usage: ./install.sh [--prefix DIR] [--no-hooks] [--deps-only] [--test-deps] [REPOSITORY]
#   --test-deps also installs the tools only the tests use (tests/run.sh)
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prefix=/usr/local
repository=""
deps_only=0
test_deps=0
hooks=1

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --deps-only) deps_only=1; shift ;;
    --test-deps) test_deps=1; shift ;;
    --no-hooks) hooks=0; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$repository" ] || die "only one repository, please"; repository=$1; shift ;;
  esac
done

# 1. Build dependencies. The static libraries (mbedTLS, OpenSSL, libssh2, PCRE2,
#    zlib, http-parser) let the hooks link statically and start fast; lld packs
#    their hot code together (cmake/StaticLink.cmake).
packages=(cmake make g++ pkg-config git ca-certificates
          libgit2-dev libyaml-cpp-dev libcli11-dev nlohmann-json3-dev catch2
          libmbedtls-dev libssl-dev libssh2-1-dev libpcre2-dev zlib1g-dev libhttp-parser-dev
          rapidjson-dev python3 lld)
# Tools only the tests use (tests/run.sh asks for them with --test-deps); git-lfs:
# tests/integration/t-content-lfs.sh with git-lfs at work.
if [ "$test_deps" -eq 1 ]; then
  packages+=(strace git-lfs zsh fish) # zsh, fish: the shell guard's and completions' tests
  packages+=(python3-jsonschema python3-yaml) # t-schema.sh validates the rules files
  packages+=(util-linux man-db) # script (a terminal for t-color.sh, t-progress.sh), man -l
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to install: ${missing[*]}"
    sudo=sudo
  fi
  $sudo apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null || die "apt-get install failed: ${missing[*]}"
else
  say "build dependencies already installed"
fi
[ "$deps_only" -eq 1 ] && exit 0

# 2. Build and install.
build_dir="$source_dir/build-release"
say "building in $build_dir"
cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DPREFLIGHT_TESTS=OFF \
  >"$build_dir.log" 2>&1 || { cat "$build_dir.log" >&2; die "cmake failed"; }
cmake --build "$build_dir" -j "$(nproc)" >>"$build_dir.log" 2>&1 ||
  { tail -50 "$build_dir.log" >&2; die "build failed (full log: $build_dir.log)"; }
mkdir -p "$prefix" 2>/dev/null || true
if [ -w "$prefix" ] || [ "$(id -u)" -eq 0 ]; then
  cmake --install "$build_dir" --prefix "$prefix" >/dev/null || die "install into $prefix failed"
else
  sudo cmake --install "$build_dir" --prefix "$prefix" >/dev/null || die "install into $prefix failed"
fi
say "installed $prefix/bin/preflight ($("$prefix/bin/preflight" version))"

# 3. Hooks, into the repository given or the one we are in.
[ "$hooks" -eq 1 ] || exit 0
if [ -z "$repository" ]; then
  repository=$(git rev-parse --show-toplevel 2>/dev/null || true)
  [ -n "$repository" ] || { say "not inside a repository: run 'preflight install' in one"; exit 0; }
fi
[ -d "$repository" ] || die "no such folder: $repository"
"$prefix/bin/preflight" -C "$repository" install || die "preflight install failed in $repository"
