#include "util/huge_pages.h"

#include <sys/mman.h>

#include <cstdlib>

namespace sitrep {

namespace {
constexpr size_t kHugePage = size_t(2) << 20;
size_t RoundUp(size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
}  // namespace

void* AllocateLarge(size_t bytes) {
  if (bytes < kHugePageThreshold) {
    void* p = std::malloc(bytes ? bytes : 1);
    if (!p) throw std::bad_alloc();
    return p;
  }
  void* p = std::aligned_alloc(kHugePage, RoundUp(bytes));
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(p, RoundUp(bytes), MADV_HUGEPAGE);  // a refusal only leaves small pages
#endif
  return p;
}

void FreeLarge(void* p, size_t) noexcept { std::free(p); }

}  // namespace sitrep
