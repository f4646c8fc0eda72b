#include "util/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace sitrep {
namespace {

TEST(HugePages, LargeTablesAreHugePageAlignedAndHoldTheirValues) {
  std::vector<uint64_t, HugePageAllocator<uint64_t>> table(kHugePageThreshold / sizeof(uint64_t) * 3);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(table.data()) % (2u << 20), 0u);
  for (size_t i = 0; i < table.size(); ++i) table[i] = i * 7;
  for (size_t i = 0; i < table.size(); i += 4099) EXPECT_EQ(table[i], i * 7);
}

TEST(HugePages, SmallTablesAndGrowthWork) {
  std::vector<uint32_t, HugePageAllocator<uint32_t>> v;
  for (uint32_t i = 0; i < 1000000; ++i) v.push_back(i);  // crosses the threshold while growing
  EXPECT_EQ(v.size(), 1000000u);
  EXPECT_EQ(v[123456], 123456u);
  std::vector<char, HugePageAllocator<char>> empty;
  empty.reserve(0);
  EXPECT_TRUE(empty.empty());
}

// A row the size of a cache line must start on one, in a small table as in a large one.
struct alignas(64) CacheLine {
  uint32_t values[16];
};

TEST(HugePages, SmallTablesKeepTheirTypesAlignment) {
  for (size_t n : {size_t(1), size_t(3), size_t(1000)}) {
    std::vector<CacheLine, HugePageAllocator<CacheLine>> rows(n);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(rows.data()) % alignof(CacheLine), 0u) << n;
  }
}

}  // namespace
}  // namespace sitrep
