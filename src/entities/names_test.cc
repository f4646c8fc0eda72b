#include "entities/names.h"

#include <gtest/gtest.h>

#include <sstream>

#include "util/test_support.h"

namespace sitrep::names {
namespace {

TEST(Romanise, PicksTheTransformByTheLetters) {
  // Russian BGN, not Any-Latin's "gricenko"; Ukrainian BGN for і: г → h, и → y.
  EXPECT_EQ(Romanise("Гриценко"), "gritsenko");
  EXPECT_EQ(Romanise("Андрій Гриценко"), "andriy hrytsenko");
  EXPECT_EQ(Romanise("Bozköy, Örebro"), "bozkoy orebro");
  EXPECT_EQ(Romanise("P'yŏngyang-ni"), "pyongyang ni");
}

TEST(Romanise, AsciiShortcutIsWhatIcuWrites) {
  // Every ASCII character, alone and in pairs between letters: the shortcut must agree with
  // the transforms byte for byte.
  for (int a = 0; a < 128; ++a) {
    const std::string one(1, char(a));
    EXPECT_EQ(Romanise(one), RomaniseThroughIcu(one)) << "character " << a;
    for (int b = 0; b < 128; ++b) {
      const std::string pair = "Ab" + std::string(1, char(a)) + char(b) + "Cd";
      ASSERT_EQ(Romanise(pair), RomaniseThroughIcu(pair)) << "characters " << a << ", " << b;
    }
  }
  for (const char* name : {"Jean-Luc O'Neil", "MCDONALD`S Corp.", "  Anna   Roe  ", "R2-D2", "ACME, Inc"})
    EXPECT_EQ(Romanise(name), RomaniseThroughIcu(name)) << name;
  EXPECT_EQ(Romanise("Jean-Luc O'Neil"), "jean luc oneil");
}

TEST(WordKey, FoldsRomanisationDifferences) {
  EXPECT_EQ(WordKey("andriy"), WordKey("andrii"));
  EXPECT_EQ(WordKey("maev"), WordKey("mayev"));        // ye / e after a vowel
  EXPECT_EQ(WordKey("kharchenko"), WordKey("kharczenko"));
  EXPECT_EQ(WordKey("hrytsenko"), WordKey("grytzenko"));  // h / g, ts / tz
  EXPECT_EQ(WordKey("wolodin"), WordKey("volodin"));
  EXPECT_NE(WordKey("marko"), WordKey("mirko"));
}

TEST(NameSimilarity, SameNameAcrossSpellingsScriptsAndOrder) {
  EXPECT_GE(NameSimilarity("Andriy Hrytsenko", "Андрій Гриценко"), kSameName);
  EXPECT_GE(NameSimilarity("Andrei Gritsenko", "Андрій Гриценко"), kSameName);
  EXPECT_GE(NameSimilarity("HRYTSENKO, Andriy", "Andriy Hrytsenko"), kSameName);
  EXPECT_GE(NameSimilarity("Präsident Hrytsenko", "Andriy Hrytsenko"), kSameName);
  EXPECT_GE(NameSimilarity("tian fang", "Tianfang"), kSameName);
  EXPECT_GE(NameSimilarity("Oleksandr Marchuk", "Alexander Marchuk"), kSameName);
}

TEST(NameSimilarity, DifferentNamesStayApart) {
  EXPECT_LT(NameSimilarity("Andriy Hrytsenko", "Petro Koval"), kSameName);
  EXPECT_LT(NameSimilarity("Novosilka", "Zarichne"), kSameName);
  EXPECT_LT(NameSimilarity("Ivan Koval", "Ivan Marchuk"), kSameName);
}

TEST(JaroWinkler, KnownValues) {
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.840, 0.001);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "abc"), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", "abc"), 0.0);
}

TEST(PlaceNameSimilarity, SamePlaceAcrossScriptsAndSystems) {
  EXPECT_GE(PlaceNameSimilarity("Novosilka", "Новосілка"), kSamePlace);
  EXPECT_GE(PlaceNameSimilarity("Zarichne", "Зарічне"), kSamePlace);
  EXPECT_GE(PlaceNameSimilarity("Velykyi Bereg", "Velykyy Bereh"), kSamePlace);
  EXPECT_GE(PlaceNameSimilarity("Riviere Harbourne", "Harbourne Riviere"), kSamePlace);
}

TEST(PlaceNameSimilarity, NeighboursStayApart) {
  EXPECT_LT(PlaceNameSimilarity("Novosilka", "Zarichne"), kSamePlace);
  // A gazetteer's neighbours: the same head word, another name; the same stem, numbered.
  EXPECT_LT(PlaceNameSimilarity("Ban Nong Khiaw", "Ban Nong Sai"), kSamePlace);
  EXPECT_LT(PlaceNameSimilarity("Harbourne 1", "Harbourne 2"), kSamePlace);
  EXPECT_LT(PlaceNameSimilarity("", "Harbourne"), kSamePlace);
}

TEST(PlacePairFeatures, SymmetricAndBounded) {
  NameForm a = Analyse("Ozero Harbourne"), b = Analyse("Гарборн");
  auto ab = PlacePairFeatures(a, b), ba = PlacePairFeatures(b, a);
  for (size_t i = 0; i < kPlaceFeatures; ++i) {
    EXPECT_NEAR(ab[i], ba[i], 1e-9) << "feature " << i;
    EXPECT_GE(ab[i], 0.0) << "feature " << i;
    EXPECT_LE(ab[i], 1.0) << "feature " << i;
  }
  EXPECT_NEAR(PlaceNameSimilarity(a, b), PlaceNameSimilarity(b, a), 1e-9);
}

TEST(NameCache, AnalysesEachStringOnce) {
  NameCache cache;
  const NameForm& a = cache.Get("Andriy Hrytsenko");
  const NameForm& b = cache.Get("Andriy Hrytsenko");
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(cache.size(), 1u);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// Every variant of one person's name across scripts matches every other: reported as the
// share of pairs, which must stay high; the names of other people must not match them.
TEST(NameSimilarity, PutinVariantsMatchEachOtherAndNoOneElse) {
  auto variants = Lines(testing::ReadShared("data/names/putin_name_variants.txt"));
  ASSERT_GT(variants.size(), 50u);
  NameCache cache;
  size_t pairs = 0, matched = 0;
  for (size_t i = 0; i < variants.size(); ++i)
    for (size_t j = i + 1; j < variants.size(); ++j) {
      ++pairs;
      matched += NameSimilarity(cache.Get(variants[i]), cache.Get(variants[j])) >= kSameName;
    }
  size_t latin_or_cyrillic_to_canonical = 0, tried = 0;
  for (const auto& v : variants) {
    ++tried;
    latin_or_cyrillic_to_canonical +=
        NameSimilarity(cache.Get(v), cache.Get("Vladimir Putin")) >= kSameName;
  }
  double pair_share = double(matched) / double(pairs);
  double to_name = double(latin_or_cyrillic_to_canonical) / double(tried);
  std::printf("putin variants: %zu/%zu pairs match (%.3f); %zu/%zu match 'Vladimir Putin'\n",
              matched, pairs, pair_share, latin_or_cyrillic_to_canonical, tried);
  EXPECT_GE(pair_share, 0.75);
  EXPECT_GE(to_name, 0.85);
  const char* others[] = {"Volodymyr Zelensky", "Dmitry Medvedev", "Alexander Lukashenko",
                          "Vladimir Zhirinovsky", "Sergei Lavrov", "Пётр Порошенко",
                          "Vladimir Solovyov", "Владимир Зеленский", "Xi Jinping"};
  for (const char* other : others)
    for (const auto& v : variants)
      EXPECT_LT(NameSimilarity(cache.Get(other), cache.Get(v)), kSameName) << other << " / " << v;
}

// Ukrainian and Russian spellings of one name (transliterated each by its own BGN table).
TEST(NameSimilarity, UkrainianRussianPairsRecall) {
  auto lines = Lines(testing::ReadShared("data/names/ua2ru_name_pairs.csv"));
  ASSERT_GT(lines.size(), 1000u);
  size_t pairs = 0, matched = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    size_t c1 = l.find(','), c2 = l.rfind(',');
    if (c1 == std::string_view::npos || c2 == c1) continue;
    std::string ua(l.substr(0, c1)), ru(l.substr(c1 + 1, c2 - c1 - 1));
    ++pairs;
    matched += NameSimilarity(ua, ru) >= kSameName;
  }
  double recall = double(matched) / double(pairs);
  std::printf("ua/ru pairs: %zu/%zu match (recall %.4f)\n", matched, pairs, recall);
  EXPECT_GE(recall, 0.97);
}

}  // namespace

TEST(Analyse, ReadsWadeGilesAsPinyin) {
  EXPECT_EQ(Analyse("Ch'ang-sha-pa Shui-k'u").pinyin, "changshabashuiku");
  EXPECT_EQ(Analyse("Hsia-chuang-tzu").pinyin, "xiazhuangzi");
  EXPECT_EQ(Analyse("Yen-tzu-pien").pinyin, "yanzibian");
  // Not Wade-Giles: the romanised name, spaces removed.
  EXPECT_EQ(Analyse("Harbour Town").pinyin, "harbourtown");
}

}  // namespace sitrep::names
