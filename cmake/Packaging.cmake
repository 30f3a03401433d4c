# Release packages (packaging/build.sh runs cpack): a Debian package
# preflight_<version>_<arch>.deb and a tarball preflight-<version>-linux-<arch>.tar.gz.
# Both hold exactly what the install() rules install, so files that new rules
# add (man pages, completions, ...) are packaged with no list to keep here.
#
# The binaries are static (cmake/StaticLink.cmake): the package needs git and
# nothing else. They are not stripped: SHA256SUMS beside the hooks was
# computed from these bytes, and `preflight status` checks it.

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(PREFLIGHT_PACKAGE_ARCH amd64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64|ARM64)$")
  set(PREFLIGHT_PACKAGE_ARCH arm64)
else()
  set(PREFLIGHT_PACKAGE_ARCH ${CMAKE_SYSTEM_PROCESSOR})
endif()

install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME preflight)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR preflight)
set(CPACK_PACKAGE_CONTACT "preflight maintainers <preflight@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Git hooks for teams: commit messages, notebooks, checkpoints, backups")
# (lines of a Debian description stay under 80 columns)
set(CPACK_PACKAGE_DESCRIPTION "One native binary per Git hook, with rules in YAML:
Conventional Commits messages (commitlint's rules), Jupyter notebook outputs
stripped as nbstripout does, ML checkpoints and secrets refused, team commands
run on staged files, and backup branches before resets.")
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_STRIP_FILES OFF)
set(CPACK_PACKAGE_FILE_NAME preflight-${PROJECT_VERSION}-linux-${PREFLIGHT_PACKAGE_ARCH})
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # preflight_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${PREFLIGHT_PACKAGE_ARCH})
set(CPACK_DEBIAN_PACKAGE_DEPENDS git)
set(CPACK_DEBIAN_PACKAGE_SECTION vcs)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

# Per generator (packaging/cpack_generators.cmake): the .deb installs under
# /usr, the tarball's folder gets the INSTALL note.
set(CPACK_PREFLIGHT_SOURCE_DIR ${PROJECT_SOURCE_DIR})
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/packaging/cpack_generators.cmake)
include(CPack)
