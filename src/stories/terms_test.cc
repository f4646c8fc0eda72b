#include "stories/terms.h"

#include <gtest/gtest.h>

#include <set>

#include "pipeline/pipeline.h"

namespace sitrep::stories {
namespace {

std::set<std::string> Surfaces(TermExtractor& x, const Article& a, TermKind kind) {
  std::set<std::string> out;
  for (const WeightedTerm& t : x.Extract(a))
    if (x.Kind(t.term) == kind) out.insert(x.Surface(t.term));
  return out;
}

Article Make(std::string text, std::string title = "") {
  Document doc;
  doc.container = "jsonl";
  doc.body = std::move(text);
  doc.title = std::move(title);
  return BuildArticle(std::move(doc));
}

TEST(TermExtractor, NamesFromCapitalsNotFromSentenceStarts) {
  TermExtractor x;
  const auto names = Surfaces(
      x, Make("Police said Tara Reid entered a clinic in Malibu on Friday. Reid is 33."), TermKind::kName);
  EXPECT_TRUE(names.count("Tara Reid"));
  EXPECT_TRUE(names.count("Reid"));    // sentence-initial, but also capitalised mid-sentence
  EXPECT_TRUE(names.count("Malibu"));
  EXPECT_FALSE(names.count("Police"));  // only ever at a sentence start
  EXPECT_FALSE(names.count("Friday"));  // a weekday names no one
}

TEST(TermExtractor, NumbersAndNumberWordsAgree) {
  TermExtractor x;
  const auto numbers = Surfaces(x, Make("Three people were shot, 2 died, on the 13500 block."), TermKind::kNumber);
  EXPECT_TRUE(numbers.count("3"));
  EXPECT_TRUE(numbers.count("2"));
  EXPECT_TRUE(numbers.count("13500"));
}

TEST(TermExtractor, StemsWordsAndDropsStopWords) {
  TermExtractor x;
  const Article a = Make("The shootings were shooting news.");
  const auto words = Surfaces(x, a, TermKind::kWord);
  EXPECT_EQ(words.size(), 1u);  // "shootings" and "shooting" share the stem; the rest are stop words
  EXPECT_EQ(x.Extract(a).size(), 1u);
}

TEST(TermExtractor, TitleWordsWeighMore) {
  TermExtractor x;
  const auto plain = x.Extract(Make("A storm hit the coast."));
  const auto titled = x.Extract(Make("A storm hit the coast.", "Storm"));
  auto weight = [&](const std::vector<WeightedTerm>& v, const std::string& surface) {
    for (const WeightedTerm& t : v)
      if (x.Surface(t.term) == surface) return t.weight;
    return 0.0f;
  };
  EXPECT_GT(weight(titled, "storm"), weight(plain, "storm"));
}

}  // namespace
}  // namespace sitrep::stories
