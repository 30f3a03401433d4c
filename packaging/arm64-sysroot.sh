#!/usr/bin/env bash
# Unpacks the arm64 libraries and headers preflight links into a folder (a
# "sysroot" for packaging/toolchain-arm64.cmake), from Debian's own arm64
# packages, without installing them: libyaml-cpp-dev and libhttp-parser-dev
# cannot be installed for two architectures at once (not Multi-Arch: same),
# and installing the others as :arm64 would tie the machine's amd64 packages
# to their versions. Needs the arm64 package lists, once, as root:
#   dpkg --add-architecture arm64 && apt-get update
#
# usage: packaging/arm64-sysroot.sh DIR
set -euo pipefail

die() { printf 'arm64-sysroot.sh: error: %s\n' "$*" >&2; exit 1; }
[ $# -eq 1 ] || die "usage: packaging/arm64-sysroot.sh DIR"
root=$1

# What the static link takes (cmake/StaticLink.cmake: git2, mbedTLS, http-parser,
# PCRE2, zlib, yaml-cpp) and the header-only libraries, arm64 builds or
# architecture-independent ones. libyaml-cpp0.7 holds the file that yaml-cpp's
# CMake package names (CMake checks that it exists).
packages=(libgit2-dev:arm64 libmbedtls-dev:arm64 libhttp-parser-dev:arm64 libpcre2-dev:arm64
          zlib1g-dev:arm64 libyaml-cpp-dev:arm64 libyaml-cpp0.7:arm64
          libcli11-dev nlohmann-json3-dev catch2:arm64 rapidjson-dev libsimde-dev)

dpkg --print-foreign-architectures | grep -qx arm64 ||
  die "no arm64 package lists: run (as root) dpkg --add-architecture arm64 && apt-get update"
stamp="$root/.packages"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${packages[*]}" ]; then
  exit 0
fi
downloads="$root.debs"
rm -rf "$downloads" && mkdir -p "$downloads" "$root"
(cd "$downloads" && apt-get download -q "${packages[@]}" >/dev/null) ||
  die "apt-get download failed (are the arm64 package lists current? apt-get update)"
for deb in "$downloads"/*.deb; do
  dpkg-deb -x "$deb" "$root"
done
rm -rf "$downloads"
printf '%s\n' "${packages[*]}" >"$stamp"
