// Memory for large read-mostly lookup tables (model weights, lexicons) on 2 MiB pages where
// the kernel allows it (transparent huge pages in "madvise" mode, as Debian ships).
// Why: a tagger looks up dozens of random rows a token in tables of several MiB; with 4 KiB
// pages most of those lookups also miss the TLB, which costs as much as the cache miss.
// Small allocations are ordinary ones; nothing changes but where the bytes live.
#pragma once

#include <cstddef>
#include <new>

namespace sitrep {

// Allocations of at least this many bytes are huge-page aligned and advised.
constexpr size_t kHugePageThreshold = size_t(1) << 20;

// Aligned to `alignment` (a power of two) at least; large ones to the huge page.
void* AllocateLarge(size_t bytes, size_t alignment = alignof(std::max_align_t));
void FreeLarge(void* p, size_t bytes) noexcept;

// A std allocator for vectors that may grow into large tables.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}
  T* allocate(size_t n) {
    if (n > size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(AllocateLarge(n * sizeof(T), alignof(T)));
  }
  void deallocate(T* p, size_t n) noexcept { FreeLarge(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }
};

}  // namespace sitrep
