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

}  // namespace
}  // namespace sitrep
