#include "text/word_clusters.h"

#include <gtest/gtest.h>

namespace sitrep::text {
namespace {

// Rows pointing two ways fall into two clusters, each way its own.
TEST(WordClusters, KMeansSeparatesDirections) {
  const std::vector<float> x = {1, 0, 0.99f, 0.14f, 0, 1, 0.14f, 0.99f};
  const std::vector<float> weight(4, 1.0f);
  const auto assign = SphericalKMeans(x, weight, 2, 2, 10, 3);
  ASSERT_EQ(assign.size(), 4u);
  EXPECT_EQ(assign[0], assign[1]);
  EXPECT_EQ(assign[2], assign[3]);
  EXPECT_NE(assign[0], assign[2]);
}

TEST(WordClusters, NoRowsNoClusters) {
  EXPECT_TRUE(SphericalKMeans({}, {}, 2, 5, 10, 1).empty());
}

}  // namespace
}  // namespace sitrep::text
