// The version preflight prints: the CMake project version, then what
// `git describe` said of the sources at build time, when they were a git
// checkout ("0.1.0 (d1c07ef)"; "0.1.0" from a release tarball). Defined in a
// file the build generates (cmake/Version.cmake).
#pragma once

#include <string_view>

namespace preflight {

std::string_view build_version();

} // namespace preflight
