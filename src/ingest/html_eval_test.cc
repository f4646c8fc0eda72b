#include "ingest/html_eval.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(ShingleTokens, LowerCasesAndSplitsAtAnyWhiteSpace) {
  EXPECT_EQ(ShingleTokens("  Kyiv\tSAID\u00a0Ça\nva "),
            (std::vector<std::string>{"kyiv", "said", "ça", "va"}));
}

TEST(ScoreExtraction, OneWrongWordCostsEveryShingleItTouches) {
  // gold shingles {a b c d, b c d e}; extracted {a b c d, b c d x}: one of two in common.
  ExtractionScore s = ScoreExtraction("a b c d x", "a b c d e");
  EXPECT_DOUBLE_EQ(s.precision, 0.5);
  EXPECT_DOUBLE_EQ(s.recall, 0.5);
  EXPECT_FALSE(s.exact);
}

TEST(ScoreExtraction, ShinglesAreCountedAsAMultiset) {
  // gold "a b c d a b c d" has 5 shingles, "a b c d" twice; the extraction has one of them.
  ExtractionScore s = ScoreExtraction("a b c d", "a b c d a b c d");
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.2);
}

TEST(ScoreExtraction, CaseAndSpacingDoNotMatterButWordsDo) {
  EXPECT_TRUE(ScoreExtraction("The  Mayor\nsaid so.", "the mayor said so.").exact);
  EXPECT_FALSE(ScoreExtraction("the mayor said so", "the mayor said so.").exact);
}

TEST(ScoreExtraction, ShortTextsMakeOneShingle) {
  ExtractionScore s = ScoreExtraction("two words", "two words");
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
}

TEST(ScoreExtraction, NothingExtractedScoresZero) {
  ExtractionScore s = ScoreExtraction("", "a b c d");
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  EXPECT_DOUBLE_EQ(ScoreExtraction("", "").precision, 1.0);
}

TEST(ExtractionTally, AveragesPagesThenTakesF1OfTheAverages) {
  ExtractionTally t;
  t.Add(ScoreExtraction("a b c d", "a b c d a b c d"));  // P 1, R 0.2
  t.Add(ScoreExtraction("a b c d x", "a b c d e"));      // P 0.5, R 0.5
  t.Add(ScoreExtraction("w x y z", "W X Y Z"));          // P 1, R 1, exact
  EXPECT_EQ(t.pages(), 3u);
  EXPECT_NEAR(t.precision(), 2.5 / 3, 1e-12);
  EXPECT_NEAR(t.recall(), 1.7 / 3, 1e-12);
  double p = 2.5 / 3, r = 1.7 / 3;
  EXPECT_NEAR(t.f1(), 2 * p * r / (p + r), 1e-12);
  EXPECT_NEAR(t.accuracy(), 1.0 / 3, 1e-12);
}

TEST(JoinParagraphs, JoinsWithOneNewline) {
  EXPECT_EQ(JoinParagraphs({"a", "b"}), "a\nb");
  EXPECT_EQ(JoinParagraphs({}), "");
}

}  // namespace
}  // namespace sitrep
