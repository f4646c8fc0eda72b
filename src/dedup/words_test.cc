#include "dedup/words.h"

#include <gtest/gtest.h>

#include <xxhash.h>

#include <algorithm>
#include <random>

#include "dedup/minhash.h"
#include "pipeline/pipeline.h"

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
  EXPECT_EQ(KeyOf(v, "Kovalenko"), "@kvlnk");  // the header's own examples
  EXPECT_EQ(KeyOf(v, "Kovalenko"), KeyOf(v, "Kovalenka"));
  EXPECT_EQ(KeyOf(v, "Hrytsenko"), KeyOf(v, "Hritsenko"));
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

Article MakeArticle(std::string text) {
  Document d;
  d.origin = "test";
  d.container = "text";
  d.body = std::move(text);
  return BuildArticle(std::move(d));
}

TEST(Words, TokenHashesAgreeWithTheTokens) {
  const Article a = MakeArticle(
      "The MINSK talks resumed on Tuesday, officials said. ДАТА: «Київ» 155,221 bags. "
      "Antidisestablishmentarianismantidisestablishmentarianismantidisestablishmentarianism.");
  const std::vector<TokenHash> hashes = TokenHashes(a);
  ASSERT_EQ(hashes.size(), a.tokens.size());
  std::string scratch;
  for (size_t i = 0; i < hashes.size(); ++i) {
    const std::string_view token = a.Text(a.tokens[i]);
    EXPECT_EQ(hashes[i].spelling != kNotWord, IsWordToken(token)) << token;
    if (IsWordToken(token)) {
      EXPECT_EQ(hashes[i].spelling, SpellingHash(token)) << token;
      EXPECT_EQ(hashes[i].word, WordHash(token, scratch)) << token;
    }
  }
}

TEST(MinHash, TextShinglesSortedAreTheShingleHashes) {
  const Article a = MakeArticle(
      "Tugs tried for six hours to free the barge. Tugs tried for six hours to free the barge "
      "again, and the falling tide left it stuck on a sandbank near the lighthouse.");
  std::vector<uint64_t> text = TextShingles(TokenHashes(a));
  EXPECT_GT(text.size(), ShingleHashes(a).size());  // the repeated run repeats shingles
  SortShingles(text);
  EXPECT_EQ(text, ShingleHashes(a));
}

// BandKeys may run a vectorised signature; it must agree with the definition: row i is
// min over shingles of a_i·x + b_i, with a_i, b_i from SplitMix64 at a fixed seed.
TEST(MinHash, BandKeysFollowTheDefinitionWhateverTheOrder) {
  auto split_mix = [](uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  std::mt19937_64 rng(7);
  std::vector<uint64_t> shingles(157);
  for (uint64_t& x : shingles) x = rng();
  std::vector<uint64_t> sig(kBands * kRows, UINT64_MAX);
  uint64_t state = 0x5172ec0915ULL;
  for (uint64_t& row : sig) {
    const uint64_t a = split_mix(state) | 1, b = split_mix(state);
    for (uint64_t x : shingles) row = std::min(row, a * x + b);
  }
  std::vector<uint64_t> expected;
  for (int band = 0; band < kBands; ++band)
    expected.push_back(XXH3_64bits_withSeed(&sig[band * kRows], kRows * sizeof(uint64_t), band));
  EXPECT_EQ(BandKeys(shingles), expected);
  // Order and repeats change no minimum.
  std::vector<uint64_t> shuffled = shingles;
  shuffled.insert(shuffled.end(), shingles.begin(), shingles.begin() + 40);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  EXPECT_EQ(BandKeys(shuffled), expected);
}

}  // namespace
}  // namespace sitrep::dedup
