// The SSE2 and AVX2 intrinsics the notebook scanners use (_mm_*, _mm256_*),
// on every CPU preflight builds for.
//
// On x86-64 they are the compiler's own. Elsewhere (arm64) SIMDe, a header
// library from Debian's libsimde-dev, defines the same functions and types
// with the same results, byte for byte, mostly as one or two NEON
// instructions each; the scanners' code is the same on both. The AVX2
// functions compile there too but never run: cpu_has_avx2() is false off
// x86-64 (util/cpu.hpp). The conformance tests run on both architectures
// (docs/install.md, packaging/test-arm64.sh).
#pragma once

#if defined(__x86_64__)
#include <immintrin.h>
// Code for CPUs with AVX2, chosen at run time by cpu_has_avx2().
#define PREFLIGHT_TARGET_AVX2 __attribute__((target("avx2")))
#else
#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx2.h>
#define PREFLIGHT_TARGET_AVX2
#endif
