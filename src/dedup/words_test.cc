#include "dedup/words.h"

#include <gtest/gtest.h>

#include "dedup/minhash.h"

namespace sitrep::dedup {
namespace {

std::string KeyOf(Vocabulary& v, std::string_view token, bool initial = false) {
  Term t;
  return v.Lookup(token, initial, t) ? v.Key(t.id) : "";
}

TEST(Vocabulary, StemsWordsAndDropsStopWords) {
  Vocabulary v;
  EXPECT_EQ(KeyOf(v, "demands"), KeyOf(v, "demand"));
  EXPECT_EQ(KeyOf(v, "the"), "");
  EXPECT_EQ(KeyOf(v, ","), "");
  EXPECT_EQ(KeyOf(v, "said"), "");
}

TEST(Vocabulary, TransliteratedNamesMeet) {
  Vocabulary v;
  EXPECT_EQ(KeyOf(v, "Lukashenko"), KeyOf(v, "Lukashenka"));
  EXPECT_EQ(KeyOf(v, "Lukashenko"), "@lkshnk");
  EXPECT_NE(KeyOf(v, "Lukashenko"), KeyOf(v, "Latushko"));
}

TEST(Vocabulary, CapitalAtSentenceStartIsANameOnlyWhenSeenAsOne) {
  Vocabulary v;
  EXPECT_EQ(KeyOf(v, "Involvement", true), KeyOf(v, "involvement"));
  v.NoteName("Putin");
  EXPECT_EQ(KeyOf(v, "Putin", true), KeyOf(v, "Putin"));
}

TEST(Vocabulary, NumbersKeepTheirFigures) {
  Vocabulary v;
  Term t;
  ASSERT_TRUE(v.Lookup("155,221", false, t));
  EXPECT_EQ(t.kind, TermKind::kNumber);
  EXPECT_EQ(KeyOf(v, "155,221"), KeyOf(v, "155221"));
  ASSERT_TRUE(v.Lookup("two", false, t));
  EXPECT_EQ(t.kind, TermKind::kNumber);
}

TEST(Words, LowerCaseWithoutPunctuation) {
  std::string scratch;
  EXPECT_EQ(WordHash("Minsk", scratch), WordHash("MINSK", scratch));
  EXPECT_EQ(WordHash("ДАТА", scratch), WordHash("дата", scratch));
  EXPECT_TRUE(IsWordToken("Київ"));
  EXPECT_FALSE(IsWordToken("“"));
  EXPECT_FALSE(IsWordToken("-"));
}

TEST(MinHash, JaccardOfSortedSets) {
  const std::vector<uint64_t> a = {1, 2, 3, 4}, b = {3, 4, 5, 6};
  EXPECT_DOUBLE_EQ(Jaccard(a, b), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(Jaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 0.0);
}

TEST(MinHash, SameSetsShareEveryBandAndLshFindsThem) {
  std::vector<uint64_t> a;
  for (uint64_t i = 0; i < 200; ++i) a.push_back(i * 0x9e3779b97f4a7c15ULL);
  std::sort(a.begin(), a.end());
  std::vector<uint64_t> b;
  for (uint64_t i = 1000; i < 1200; ++i) b.push_back(i * 0x9e3779b97f4a7c15ULL);
  std::sort(b.begin(), b.end());
  EXPECT_EQ(BandKeys(a), BandKeys(a));
  LshTable lsh;
  lsh.Insert(0, BandKeys(a));
  lsh.Insert(1, BandKeys(b));
  EXPECT_EQ(lsh.Candidates(BandKeys(a)), std::vector<uint32_t>{0});
}

}  // namespace
}  // namespace sitrep::dedup
