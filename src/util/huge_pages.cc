#include "util/huge_pages.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>

namespace sitrep {

namespace {
constexpr size_t kHugePage = size_t(2) << 20;
size_t RoundUp(size_t bytes, size_t unit) { return (bytes + unit - 1) / unit * unit; }
}  // namespace

void* AllocateLarge(size_t bytes, size_t alignment) {
  alignment = std::max(alignment, alignof(std::max_align_t));
  if (bytes < kHugePageThreshold) {
    // aligned_alloc wants a size that is a multiple of the alignment.
    void* p = std::aligned_alloc(alignment, RoundUp(bytes ? bytes : 1, alignment));
    if (!p) throw std::bad_alloc();
    return p;
  }
  void* p = std::aligned_alloc(std::max(alignment, kHugePage), RoundUp(bytes, kHugePage));
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(p, RoundUp(bytes, kHugePage), MADV_HUGEPAGE);  // a refusal only leaves small pages
#endif
  return p;
}

void FreeLarge(void* p, size_t) noexcept { std::free(p); }

}  // namespace sitrep
