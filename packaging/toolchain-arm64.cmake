# Cross-compiling for arm64 (aarch64) on Debian with its cross toolchain
# (crossbuild-essential-arm64): the C library and libstdc++ come with it, the
# libraries preflight links from PREFLIGHT_SYSROOT (packaging/arm64-sysroot.sh).
# Programs built here run through qemu-user (qemu-user-static): the rule-set
# generator at build time, the unit tests under ctest.
#
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=packaging/toolchain-arm64.cmake \
#         -DPREFLIGHT_SYSROOT=$PWD/build-arm64-sysroot
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

if(NOT PREFLIGHT_SYSROOT AND DEFINED ENV{PREFLIGHT_SYSROOT})
  set(PREFLIGHT_SYSROOT $ENV{PREFLIGHT_SYSROOT})
endif()
if(NOT PREFLIGHT_SYSROOT OR NOT EXISTS ${PREFLIGHT_SYSROOT}/usr/include/git2.h)
  message(FATAL_ERROR "set PREFLIGHT_SYSROOT to a folder made by packaging/arm64-sysroot.sh")
endif()
# try_compile projects see the same folder.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES PREFLIGHT_SYSROOT)

# Packages, headers and libraries from the sysroot only (never the build
# machine's amd64 ones); programs (pkg-config, git) from the build machine.
set(CMAKE_FIND_ROOT_PATH ${PREFLIGHT_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_SYSROOT_DIR} ${PREFLIGHT_SYSROOT})
set(ENV{PKG_CONFIG_LIBDIR}
    "${PREFLIGHT_SYSROOT}/usr/lib/aarch64-linux-gnu/pkgconfig:${PREFLIGHT_SYSROOT}/usr/share/pkgconfig")
# Headers included without a CMake package (git2.h, RapidJSON, SIMDe) and the
# static libraries cmake/StaticLink.cmake names with -l.
set(CMAKE_C_FLAGS_INIT "-isystem ${PREFLIGHT_SYSROOT}/usr/include")
set(CMAKE_CXX_FLAGS_INIT "-isystem ${PREFLIGHT_SYSROOT}/usr/include")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-L${PREFLIGHT_SYSROOT}/usr/lib/aarch64-linux-gnu")

# cmake/StaticLink.cmake links with -fuse-ld=lld when ld.lld exists; a cross
# gcc looks for it only under its target's name or in its -B folders, so a
# link to ld.lld goes into one of those.
find_program(PREFLIGHT_HOST_LLD NAMES ld.lld)
if(PREFLIGHT_HOST_LLD)
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/cross-tools)
  file(CREATE_LINK ${PREFLIGHT_HOST_LLD} ${CMAKE_BINARY_DIR}/cross-tools/ld.lld SYMBOLIC)
  string(APPEND CMAKE_EXE_LINKER_FLAGS_INIT " -B${CMAKE_BINARY_DIR}/cross-tools/")
endif()

find_program(PREFLIGHT_QEMU NAMES qemu-aarch64-static qemu-aarch64)
if(PREFLIGHT_QEMU)
  # -L: the arm64 C library for dynamically linked programs (the rule-set
  # generator links yaml-cpp as a shared library); -E: and yaml-cpp.
  set(CMAKE_CROSSCOMPILING_EMULATOR ${PREFLIGHT_QEMU} -L /usr/aarch64-linux-gnu -E
      LD_LIBRARY_PATH=${PREFLIGHT_SYSROOT}/usr/lib/aarch64-linux-gnu)
endif()
