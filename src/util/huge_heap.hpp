// Transparent huge pages for malloc's heap, for a command that is about to
// fill megabytes of fresh memory (a big notebook read, parsed and written).
//
// On the paravirtualised VMs we measured, the first touch of each 4 KB page
// costs about 12 µs, while a 2 MB huge page costs 150-300 µs once: reading a
// 1 MB notebook and building its tree touched ~300 fresh small pages (mapping
// the file's cached pages instead still costs ~1 µs per page on first access).
// glibc can put its heap in huge pages itself (the glibc.malloc.hugetlb
// tunable), but only when the variable is in the environment before the
// program starts, and the start of the heap stays in small pages.
#pragma once

#include <cstddef>

namespace preflight {

// Grows malloc's heap by at least `bytes` at once, asks the kernel for
// transparent huge pages for it, and moves malloc's next allocations to its
// first 2 MB boundary; blocks up to 32 MB then come from this heap instead of
// mappings of their own. Returns whether that was done: false when malloc is
// not glibc's (sanitizers, valgrind); then nothing that matters has changed.
// The kernel's setting is not read (opening the sysfs file costs a process
// ~50 µs here): where transparent_hugepage is "never" the heap simply stays in
// small pages. Only for single-threaded commands; costs one huge page's first
// touch.
bool reserve_huge_heap(std::size_t bytes);

} // namespace preflight
