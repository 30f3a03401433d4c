#include "util/huge_heap.hpp"

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace preflight {

namespace {

constexpr std::uintptr_t k_huge_page = 2 << 20;

// The block below the huge pages (kept: an unused block would be optimised away).
void* volatile g_gap = nullptr;

} // namespace

bool reserve_huge_heap(std::size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  if (bytes > INT_MAX / 2)
    return false;
  // Big blocks from the heap (a mapping of their own would be in small
  // pages), nothing given back to the kernel when freed, and the heap grown
  // by bytes more than needed the next time it grows.
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20); // glibc's largest
  ::mallopt(M_TRIM_THRESHOLD, INT_MAX);
  ::mallopt(M_TOP_PAD, static_cast<int>(bytes + 2 * k_huge_page));
  // A block larger than the free space at the top of the heap makes malloc
  // grow it now; freed, it goes back to the top, which then starts where it did.
  void* before = ::sbrk(0);
  void* probe = std::malloc(::mallinfo2().keepcost + 1);
  void* after = ::sbrk(0);
  if (!probe)
    return false;
  auto start = reinterpret_cast<std::uintptr_t>(probe);
  auto end = reinterpret_cast<std::uintptr_t>(after);
  std::free(probe);
  if (after <= before || start >= end) // not glibc's heap (a sanitizer's malloc)
    return false;
  // Growing the heap wrote the header of its free rest just after the old
  // end (before): the huge pages start at the first boundary above it.
  std::uintptr_t first =
      (reinterpret_cast<std::uintptr_t>(before) + 64 + k_huge_page - 1) / k_huge_page * k_huge_page;
  std::uintptr_t last = end / k_huge_page * k_huge_page;
  if (last <= first)
    return false;
  // Before anything is written there: a small page already present in a
  // 2 MB range keeps the whole range in small pages.
  if (::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE) != 0)
    return false;
  // A block from start to the boundary, kept for the life of the process,
  // makes the next blocks start on it. A block's 16-byte header is before it
  // and malloc(n) takes n + 8 bytes rounded up to 16: this one ends exactly
  // at the boundary, so the next header is written in the huge page, not in
  // a small page just below it (one page fault fewer).
  if (first - start >= 64)
    g_gap = std::malloc(first - start + 8);
  return true;
#else
  (void)bytes;
  return false;
#endif
}

} // namespace preflight
