# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE in
# cmake/Packaging.cmake).
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
elseif(CPACK_GENERATOR STREQUAL "TGZ")
  # packaging/tarball/INSTALL at the top of the unpacked folder.
  set(CPACK_INSTALLED_DIRECTORIES "${CPACK_PREFLIGHT_SOURCE_DIR}/packaging/tarball;.")
endif()
