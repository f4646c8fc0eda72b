#include "eval/rouge.h"

#include <gtest/gtest.h>

namespace sitrep::eval {
namespace {

// The example in the rouge-score package's README (google-research/rouge): rouge1
// P 0.75 R 0.6667 F 0.7059, rougeL P 0.625 R 0.5556 F 0.5882.
TEST(Rouge, MatchesThePublishedExample) {
  Rouge r = Score("The quick brown dog jumps on the log.",
                  {"The quick brown fox jumps over the lazy dog"});
  EXPECT_NEAR(r.rouge1.precision, 0.75, 1e-4);
  EXPECT_NEAR(r.rouge1.recall, 0.6667, 1e-4);
  EXPECT_NEAR(r.rouge1.f1, 0.7059, 1e-4);
  EXPECT_NEAR(r.rougeL.precision, 0.625, 1e-4);
  EXPECT_NEAR(r.rougeL.recall, 0.5556, 1e-4);
  EXPECT_NEAR(r.rougeL.f1, 0.5882, 1e-4);
  // Bigrams shared: "the quick", "quick brown" of 7 and 8.
  EXPECT_NEAR(r.rouge2.precision, 2.0 / 7, 1e-9);
  EXPECT_NEAR(r.rouge2.recall, 2.0 / 8, 1e-9);
}

// Lin (2004), section 3.1: against "police killed the gunman", "police kill the gunman"
// scores ROUGE-L 3/4 and "the gunman kill police" 1/2, though both share the same words.
TEST(Rouge, LongestCommonSubsequenceRewardsOrder) {
  const auto ref = RougeTokens("police killed the gunman");
  EXPECT_NEAR(RougeL(RougeTokens("police kill the gunman"), ref).f1, 0.75, 1e-9);
  EXPECT_NEAR(RougeL(RougeTokens("the gunman kill police"), ref).f1, 0.5, 1e-9);
}

TEST(Rouge, ClipsRepeatedWordsAndAveragesReferences) {
  // "the the the" matches "the" only as often as the reference has it.
  EXPECT_NEAR(RougeN(RougeTokens("the the the"), RougeTokens("the cat"), 1).precision, 1.0 / 3,
              1e-9);
  Rouge r = Score("a b", {"a b", "c d"});
  EXPECT_NEAR(r.rouge1.f1, 0.5, 1e-9);
  EXPECT_EQ(Score("", {"a"}).rouge1.f1, 0);
  EXPECT_EQ(RougeTokens("U.S. troops, 3,000"), (std::vector<std::string>{"u", "s", "troops", "3", "000"}));
}

}  // namespace
}  // namespace sitrep::eval
