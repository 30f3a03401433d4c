# Chooses how binaries link libgit2 and yaml-cpp (see the comment in the top
# CMakeLists.txt) and provides:
#   preflight_link_mode(<library>)        the dependencies of preflight_core
#   preflight_link_executable(<target>)   flags for each executable
set(PREFLIGHT_STATIC_LIBS git2 mbedtls mbedx509 mbedcrypto http_parser pcre2-8 z -lyaml-cpp rt
    pthread)
set(PREFLIGHT_WRAPPED git_mbedtls_stream_global_init git_transport_ssh_global_init
    git_http_auth_negotiate git_smart_subtransport_ssh)
set(PREFLIGHT_WRAP_FLAGS "")
foreach(symbol IN LISTS PREFLIGHT_WRAPPED)
  list(APPEND PREFLIGHT_WRAP_FLAGS "-Wl,--wrap=${symbol}")
endforeach()

set(PREFLIGHT_LINK_STATIC OFF)
if(PREFLIGHT_STATIC)
  include(CheckCXXSourceCompiles)
  file(READ ${PROJECT_SOURCE_DIR}/src/git/no_network.c no_network_source)
  string(REPLACE "#include" "// #include" no_network_source "${no_network_source}")
  set(CMAKE_REQUIRED_LINK_OPTIONS -static ${PREFLIGHT_WRAP_FLAGS})
  set(CMAKE_REQUIRED_LIBRARIES ${PREFLIGHT_STATIC_LIBS})
  set(CMAKE_REQUIRED_QUIET ON)
  check_cxx_source_compiles("
    #include <git2.h>
    extern \"C\" {
    ${no_network_source}
    }
    int main() { return git_libgit2_init() > 0 ? 0 : 1; }" PREFLIGHT_CAN_LINK_STATIC)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  unset(CMAKE_REQUIRED_LIBRARIES)
  if(PREFLIGHT_CAN_LINK_STATIC)
    set(PREFLIGHT_LINK_STATIC ON)
  else()
    message(WARNING "preflight: static libraries missing (libgit2, libmbedtls-dev, libssl-dev, "
                    "libssh2, libpcre2-dev, zlib1g-dev, yaml-cpp); linking dynamically, "
                    "hooks will start more slowly")
  endif()
endif()
message(STATUS "preflight: static linking ${PREFLIGHT_LINK_STATIC}")

if(PREFLIGHT_LINK_STATIC)
  add_library(preflight_no_network OBJECT ${PROJECT_SOURCE_DIR}/src/git/no_network.c)
  target_include_directories(preflight_no_network PRIVATE ${LIBGIT2_INCLUDE_DIRS})
endif()

# Hot code packed together. On the VMs we measured, a short run's cost is mostly
# page faults, and each 64 KB stretch of code touched for the first time is one
# (~20 us): start-up and the common paths touched ~39 stretches spread over 7 MB
# of libc, libstdc++, CLI11, libgit2 and our code. With lld, the functions and
# then the data objects listed in cmake/hot_symbols.txt (tools/hot_symbols.py
# writes it from valgrind runs) are laid out first in their sections, in that
# order, so that start-up writes fewer .data/.bss pages too; names missing from
# a build are ignored, so a stale list costs speed, never correctness. Without
# lld: GNU ld, as before.
set(PREFLIGHT_ORDER_FLAGS "")
if(PREFLIGHT_LINK_STATIC)
  # No per-object clones of small library templates (std::string's constructors
  # specialised for one call site): each object had its own local copy, which
  # the ordering cannot pull forward unless every copy runs, so each cost a
  # page fault of its own; the one shared instantiation is ordered instead.
  add_compile_options(-ffunction-sections -fdata-sections -fno-ipa-cp-clone -fno-ipa-sra)
  find_program(PREFLIGHT_LLD NAMES ld.lld)
  if(PREFLIGHT_LLD)
    set(PREFLIGHT_ORDER_FLAGS -fuse-ld=lld
        -Wl,--symbol-ordering-file=${PROJECT_SOURCE_DIR}/cmake/hot_symbols.txt
        -Wl,--no-warn-symbol-ordering)
  endif()
  message(STATUS "preflight: hot code ordering ${PREFLIGHT_LLD}")
endif()

function(preflight_link_mode target)
  if(PREFLIGHT_LINK_STATIC)
    target_link_libraries(${target} PUBLIC ${PREFLIGHT_STATIC_LIBS})
  else()
    find_package(ZLIB REQUIRED)
    target_link_libraries(${target} PUBLIC yaml-cpp PkgConfig::LIBGIT2 ZLIB::ZLIB mbedcrypto)
  endif()
endfunction()

function(preflight_link_executable target)
  if(PREFLIGHT_LINK_STATIC)
    target_link_libraries(${target} PRIVATE preflight_no_network)
    target_link_options(${target} PRIVATE -static -Wl,--gc-sections ${PREFLIGHT_WRAP_FLAGS}
                        ${PREFLIGHT_ORDER_FLAGS})
    if(PREFLIGHT_ORDER_FLAGS)
      set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS
                   ${PROJECT_SOURCE_DIR}/cmake/hot_symbols.txt)
    endif()
  endif()
endfunction()
