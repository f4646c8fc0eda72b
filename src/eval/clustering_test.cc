#include "eval/clustering.h"

#include <gtest/gtest.h>

namespace sitrep::eval {
namespace {

TEST(ScoreClusters, PerfectClusteringScoresOne) {
  const auto s = ScoreClusters({"x", "x", "y"}, {"a", "a", "b"});
  EXPECT_EQ(s.items, 3u);
  EXPECT_EQ(s.clusters, 2u);
  EXPECT_EQ(s.gold_clusters, 2u);
  EXPECT_DOUBLE_EQ(s.bcubed_f1, 1.0);
  EXPECT_DOUBLE_EQ(s.pairwise_f1, 1.0);
}

// Gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
// B-cubed precision per item: 1, 1, 1/3, 2/3, 2/3 → 11/15; recall: 2/3, 2/3, 1/3, 1, 1 → 11/15.
// Pairs: predicted (1,2) (3,4) (3,5) (4,5); gold (1,2) (1,3) (2,3) (4,5); both (1,2) (4,5).
TEST(ScoreClusters, HandComputedExample) {
  const auto s = ScoreClusters({"p", "p", "q", "q", "q"}, {"a", "a", "a", "b", "b"});
  EXPECT_NEAR(s.bcubed_precision, 11.0 / 15, 1e-12);
  EXPECT_NEAR(s.bcubed_recall, 11.0 / 15, 1e-12);
  EXPECT_NEAR(s.bcubed_f1, 11.0 / 15, 1e-12);
  EXPECT_NEAR(s.pairwise_precision, 0.5, 1e-12);
  EXPECT_NEAR(s.pairwise_recall, 0.5, 1e-12);
  EXPECT_NEAR(s.pairwise_f1, 0.5, 1e-12);
}

// Everything in one cluster: B-cubed recall 1, precision (3·3/5 + 2·2/5)/5 = 13/25;
// pairwise precision 4/10, recall 1.
TEST(ScoreClusters, OneBigCluster) {
  const auto s = ScoreClusters({"z", "z", "z", "z", "z"}, {"a", "a", "a", "b", "b"});
  EXPECT_NEAR(s.bcubed_precision, 13.0 / 25, 1e-12);
  EXPECT_NEAR(s.bcubed_recall, 1.0, 1e-12);
  EXPECT_NEAR(s.pairwise_precision, 0.4, 1e-12);
  EXPECT_NEAR(s.pairwise_recall, 1.0, 1e-12);
  EXPECT_NEAR(s.pairwise_f1, 2 * 0.4 / 1.4, 1e-12);
}

// All singletons: B-cubed precision 1, recall (1/3·3 + 1/2·2)/5 = 2/5; no predicted pairs.
TEST(ScoreClusters, AllSingletons) {
  const auto s = ScoreClusters({"1", "2", "3", "4", "5"}, {"a", "a", "a", "b", "b"});
  EXPECT_NEAR(s.bcubed_precision, 1.0, 1e-12);
  EXPECT_NEAR(s.bcubed_recall, 0.4, 1e-12);
  EXPECT_DOUBLE_EQ(s.pairwise_precision, 1.0);
  EXPECT_DOUBLE_EQ(s.pairwise_recall, 0.0);
  EXPECT_DOUBLE_EQ(s.pairwise_f1, 0.0);
}

TEST(ScoreClusters, EmptyAndMismatched) {
  EXPECT_EQ(ScoreClusters({}, {}).items, 0u);
  EXPECT_THROW(ScoreClusters({"x"}, {}), std::invalid_argument);
}

}  // namespace
}  // namespace sitrep::eval
