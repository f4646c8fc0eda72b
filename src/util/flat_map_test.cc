#include "util/flat_map.h"

#include <gtest/gtest.h>

#include <unordered_map>

namespace sitrep {
namespace {

TEST(FlatMap, AgreesWithUnorderedMapAcrossGrowth) {
  FlatMap<uint32_t> flat;
  std::unordered_map<uint64_t, uint32_t> reference;
  uint64_t state = 1;
  for (uint32_t i = 0; i < 5000; ++i) {
    // Keys with equal low bits too, and key 0, which the table keeps apart.
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const uint64_t key = i % 7 == 0 ? (state << 20) : i == 100 ? 0 : state >> (i % 13);
    const auto [value, fresh] = flat.Insert(key, i);
    const auto [it, ref_fresh] = reference.try_emplace(key, i);
    EXPECT_EQ(fresh, ref_fresh);
    EXPECT_EQ(*value, it->second);
  }
  EXPECT_EQ(flat.size(), reference.size());
  for (const auto& [key, value] : reference) {
    ASSERT_NE(flat.Find(key), nullptr);
    EXPECT_EQ(*flat.Find(key), value);
  }
  EXPECT_EQ(flat.Find(12345678901ULL), nullptr);
}

TEST(FlatMap, ZeroKeyAndUpdates) {
  FlatMap<int> flat;
  EXPECT_EQ(flat.Find(0), nullptr);
  EXPECT_TRUE(flat.Insert(0, 5).second);
  EXPECT_FALSE(flat.Insert(0, 6).second);
  *flat.Find(0) += 1;
  EXPECT_EQ(*flat.Find(0), 6);
  EXPECT_EQ(flat.size(), 1u);
}

}  // namespace
}  // namespace sitrep
