// Which SIMD instructions the CPU runs, for the notebook scanners.
//
// GCC's __builtin_cpu_supports links libgcc's __cpu_indicator_init, a
// constructor that runs CPUID again at every start after glibc has already
// asked the CPU the same questions. On a virtual machine each CPUID is an exit
// to the hypervisor (~8 µs measured here, ~60 µs for the constructor), so
// glibc's own table is read instead where it has one (glibc 2.33 and later).
#pragma once

// clang 14 cannot read the header in C++ (it uses C's _Bool): clang builds (the
// fuzz targets) ask the CPU through the builtin.
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33)) &&          \
    defined(__x86_64__) && !defined(__clang__)
#include <sys/platform/x86.h>
#endif

namespace preflight {

// Whether AVX2 can be used (the CPU has it and the kernel saves its registers).
// Always false off x86-64, where the SSE2 code runs through SIMDe (simd.hpp).
inline bool cpu_has_avx2() {
#if defined(CPU_FEATURE_ACTIVE)
  return CPU_FEATURE_ACTIVE(AVX2);
#elif defined(__x86_64__)
  return __builtin_cpu_supports("avx2");
#else
  return false;
#endif
}

} // namespace preflight
