#include "ner/conlleval.h"

#include <gtest/gtest.h>

#include "ner/conll.h"

namespace sitrep::ner {
namespace {

using Tags = std::vector<std::string>;

TEST(ConllEval, ExactSpansAndTypesCount) {
  ConllEval e;
  e.AddSentence({"B-PER", "I-PER", "O", "B-LOC"}, {"B-PER", "I-PER", "O", "B-ORG"});
  EXPECT_EQ(e.gold_chunks(), 2);
  EXPECT_EQ(e.guessed_chunks(), 2);
  EXPECT_EQ(e.correct_chunks(), 1);
  EXPECT_DOUBLE_EQ(e.Overall().precision, 0.5);
  EXPECT_DOUBLE_EQ(e.Overall().recall, 0.5);
  EXPECT_DOUBLE_EQ(e.OfType("PER").f1, 1.0);
  EXPECT_DOUBLE_EQ(e.OfType("LOC").recall, 0.0);
  EXPECT_DOUBLE_EQ(e.OfType("ORG").precision, 0.0);
  EXPECT_EQ(e.tokens(), 4);
  EXPECT_EQ(e.correct_tags(), 3);
  EXPECT_EQ(e.Types(), (std::vector<std::string>{"LOC", "ORG", "PER"}));
}

TEST(ConllEval, IAfterOStartsAChunkSoIob1MatchesIob2) {
  ConllEval e;
  e.AddSentence({"I-PER", "I-PER", "O", "I-LOC"}, {"B-PER", "I-PER", "O", "B-LOC"});
  EXPECT_EQ(e.correct_chunks(), 2);
  EXPECT_DOUBLE_EQ(e.Overall().f1, 1.0);
}

TEST(ConllEval, TypeChangeSplitsAndPartialSpanMisses) {
  ConllEval e;
  // Gold: two chunks (a type change starts one); guess: one chunk over both tokens.
  e.AddSentence({"I-PER", "I-LOC"}, {"I-PER", "I-PER"});
  EXPECT_EQ(e.gold_chunks(), 2);
  EXPECT_EQ(e.guessed_chunks(), 1);
  EXPECT_EQ(e.correct_chunks(), 0);
  // A guess one token short is wrong.
  e.AddSentence({"B-ORG", "I-ORG", "I-ORG"}, {"B-ORG", "I-ORG", "O"});
  EXPECT_EQ(e.correct_chunks(), 0);
  EXPECT_EQ(e.gold_chunks(), 3);
  EXPECT_EQ(e.guessed_chunks(), 2);
  EXPECT_DOUBLE_EQ(e.Overall().precision, 0.0);
}

TEST(ConllEval, BInIob1SeparatesAdjacentNames) {
  ConllEval e;
  e.AddSentence({"I-PER", "B-PER"}, {"B-PER", "I-PER"});
  EXPECT_EQ(e.gold_chunks(), 2);
  EXPECT_EQ(e.guessed_chunks(), 1);
  EXPECT_EQ(e.correct_chunks(), 0);
  e.AddSentence({"I-PER", "B-PER"}, {"B-PER", "B-PER"});
  EXPECT_EQ(e.correct_chunks(), 2);
  // 2 correct of 1 + 2 guessed and 2 + 2 gold.
  EXPECT_DOUBLE_EQ(e.Overall().precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(e.Overall().recall, 0.5);
  EXPECT_NEAR(e.Overall().f1, 2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5), 1e-12);
}

TEST(ConllEval, ChunkEndingASentenceCountsAndDoesNotRunOn) {
  ConllEval e;
  e.AddSentence({"O", "B-MISC"}, {"O", "I-MISC"});
  e.AddSentence({"I-MISC", "O"}, {"I-MISC", "O"});
  EXPECT_EQ(e.gold_chunks(), 2);
  EXPECT_EQ(e.correct_chunks(), 2);
}

TEST(ConllEval, EmptyCountsAreZeroNotNan) {
  ConllEval e;
  e.AddSentence({"O"}, {"O"});
  EXPECT_EQ(e.Overall().f1, 0.0);
  EXPECT_EQ(e.Overall().precision, 0.0);
}

TEST(Chunks, FollowConllevalRules) {
  EXPECT_EQ(ChunksOf({"I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"}),
            (std::vector<Chunk>{{0, 2, "PER"}, {3, 4, "LOC"}, {4, 5, "LOC"}, {5, 6, "ORG"}}));
  EXPECT_EQ(ChunksOf({"O", "O"}), std::vector<Chunk>{});
  EXPECT_EQ(ChunksOf({"B-MISC", "I-MISC"}), (std::vector<Chunk>{{0, 2, "MISC"}}));
}

}  // namespace
}  // namespace sitrep::ner
