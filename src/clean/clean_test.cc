#include "clean/clean.h"
#include "util/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sitrep {
namespace {

std::vector<std::string> Paragraphs(const CleanText& c) {
  std::vector<std::string> out;
  for (Span s : c.paragraphs) out.push_back(c.text.substr(s.begin, s.size()));
  return out;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(Clean, ParagraphsSeparatedByBlankLineWithSpans) {
  CleanText c = Clean("First one.\nSecond one.\n\n\nThird one.");
  EXPECT_EQ(c.text, "First one.\n\nSecond one.\n\nThird one.");
  EXPECT_EQ(Paragraphs(c), (std::vector<std::string>{"First one.", "Second one.", "Third one."}));
}

TEST(Clean, RejoinsASentenceBrokenAcrossBlankLines) {
  CleanText c = Clean("The analyst believes that\n\nthe talks will fail.\n\nNext paragraph.");
  EXPECT_EQ(Paragraphs(c)[0], "The analyst believes that the talks will fail.");
  // A line ending in a function word continues even before a capital.
  c = Clean("The analyst believes that\n\nMoscow will insist.");
  EXPECT_EQ(Paragraphs(c), std::vector<std::string>{"The analyst believes that Moscow will insist."});
  // Stray spaces before punctuation at the seam go.
  c = Clean("Talks between the mayors  , the\n\ndeal could become a\n\n\"bargaining chip\"  .");
  EXPECT_EQ(Paragraphs(c)[0], "Talks between the mayors, the deal could become a \"bargaining chip\".");
}

TEST(Clean, KeepsHeadingsAndSeparateParagraphs) {
  CleanText c = Clean("What is known about the summit\n\nOn Monday, the leaders met.");
  EXPECT_EQ(Paragraphs(c).size(), 2u);
  c = Clean("He said:\n\u201CWe are ready.\u201D");
  EXPECT_EQ(Paragraphs(c).size(), 2u);
}

TEST(Clean, TruncatedFragmentIsDroppedWhenNothingContinuesIt) {
  CleanText c = Clean("Storms hit the coast on Monday.\n\nThe minister of the");
  EXPECT_EQ(Paragraphs(c), std::vector<std::string>{"Storms hit the coast on Monday."});
  ASSERT_EQ(c.removed.size(), 1u);
  EXPECT_EQ(c.removed[0], "fragment: The minister of the");
  c = Clean("Damage was reported in\n\n\u2022 Storm season begins");
  EXPECT_EQ(Paragraphs(c), std::vector<std::string>{"\u2022 Storm season begins"});
}

TEST(Clean, HardWrappedWireCopyBecomesParagraphs) {
  CleanText c = Clean(
      "Showers continued throughout the week in\nthe cocoa zone, alleviating the drought since\n"
      "early January, the review said.\n    The dry period means the harvest will\nbe late this year, "
      "traders said on\nTuesday in their weekly report to\nclients.\n");
  EXPECT_EQ(Paragraphs(c), (std::vector<std::string>{
                               "Showers continued throughout the week in the cocoa zone, alleviating "
                               "the drought since early January, the review said.",
                               "The dry period means the harvest will be late this year, traders said "
                               "on Tuesday in their weekly report to clients."}));
}

TEST(Clean, RemovesBoilerplateAndListsIt) {
  CleanText c = Clean(
      "Home > World > Europe\n\nFloods close the bridge\n\nRiver levels rose overnight.\n\n"
      "Read more: Rain expected - forecasters\n\nThe bridge will stay shut.\n\n"
      "Photo: City Council\n\nShare on Facebook\n\n, , ,\n\nRead also:\n\n"
      "\u2022 Storm season begins\n\n\u2022 Mayor visits dam");
  EXPECT_EQ(Paragraphs(c), (std::vector<std::string>{"Floods close the bridge", "River levels rose overnight.",
                                                      "The bridge will stay shut."}));
  EXPECT_EQ(c.removed.size(), 8u);
}

TEST(Clean, DuplicatedTitleAndCaption) {
  CleanText c = Clean("Floods close the bridge - mayor\n\nRiver levels rose.\n\n"
                      "Floods close the bridge - mayor\nIvan Petrenko\nPhoto: City Council\n\nThe bridge will stay shut.");
  EXPECT_EQ(c.title, "Floods close the bridge - mayor");
  EXPECT_EQ(Paragraphs(c), (std::vector<std::string>{"Floods close the bridge - mayor", "River levels rose.",
                                                      "The bridge will stay shut."}));
}

TEST(Clean, MetadataFromBareText) {
  CleanText c = Clean(
      " date 2021-03-04 The council met on Monday, informs Daily.NЕТ.\n\n"
      "Prices rose, according to Lvivinform.\n\nThe end. https://daily.net/news/1/");
  EXPECT_EQ(c.published.when.Iso(), "2021-03-04");
  EXPECT_EQ(c.published.evidence.source, "text");
  EXPECT_EQ(c.published.evidence.detail, "date 2021-03-04");
  EXPECT_GT(c.published.confidence, 0.8f);
  EXPECT_EQ(c.url, "https://daily.net/news/1/");
  EXPECT_EQ(c.outlet, "daily.net");  // the own URL outranks the phrase
  EXPECT_EQ(c.relays, std::vector<std::string>{"Lvivinform"});
  EXPECT_FALSE(c.warnings.empty());  // the Cyrillic letters in "Daily.NЕТ"
  EXPECT_TRUE(c.text.starts_with("The council met"));
  EXPECT_FALSE(Contains(c.text, "https://"));
}

TEST(Clean, LatestTimedDateWithoutMarker) {
  CleanText c = Clean("The council met.\n\nIt was 01.02.2021 09:00 then.\n\nUpdate at 02.02.2021 10:30 came.");
  EXPECT_EQ(c.published.when.Iso(), "2021-02-02T10:30");
  c = Clean("The council met.\n\nThe plan ran through December 31, 1986, officials said.");
  EXPECT_FALSE(c.published.when.known());  // an event's day, not a publication stamp
}

// ---- the user's example corpus ----

class Minsk : public ::testing::Test {
 protected:
  CleanText Load(const std::string& name) {
    const std::string raw = testing::ReadShared("corpora/minsk-2022-12/" + name);
    if (raw.empty()) ADD_FAILURE() << "missing corpus file " << name;
    return Clean(raw);
  }
};

TEST_F(Minsk, Article000) {
  CleanText c = Load("000_c5c87086cf0d200a.txt");
  EXPECT_EQ(c.outlet, "Censor.NET");
  EXPECT_EQ(c.published.when.Iso(), "2022-12-20");
  EXPECT_EQ(c.published.evidence.detail, "date 2022-12-20");
  EXPECT_EQ(c.relays, std::vector<std::string>{"Ukrainian Truth"});
  EXPECT_FALSE(c.warnings.empty());
  EXPECT_FALSE(Contains(c.text, "Read more"));
  EXPECT_FALSE(Contains(c.text, "- Lukashenko\n"));
  EXPECT_FALSE(Contains(c.text, "date 2022"));
  // The Yusov quote spans paragraphs around the removed "Read more" line: all kept.
  EXPECT_TRUE(Contains(c.text, "\"If we talk about the visits of dictators"));
  EXPECT_TRUE(Contains(c.text, "This is what we need to know and understand.\n\nBut perhaps he will try"));
  EXPECT_TRUE(Contains(c.text, "his army,\" Yusov said."));
  EXPECT_TRUE(Contains(c.text, "- noted Yusov."));
}

TEST_F(Minsk, Article001) {
  CleanText c = Load("001_5efb497116866064.txt");
  EXPECT_EQ(c.relays, (std::vector<std::string>{"Ukrinform", "The Economist", "BBC"}));
  EXPECT_TRUE(c.outlet.empty());
  EXPECT_FALSE(c.published.when.known());
  EXPECT_EQ(c.paragraphs.size(), 8u);  // one a line: single line breaks are paragraphs here
}

TEST_F(Minsk, Article002) {
  CleanText c = Load("002_671684e766b2a014.txt");
  EXPECT_EQ(c.relays, std::vector<std::string>{"FREEDOM TV"});
  EXPECT_FALSE(Contains(c.text, "Read also"));
  EXPECT_FALSE(Contains(c.text, "Zelensky was told"));
  // The bare fragment no longer stands alone: it is rejoined with its continuation.
  for (Span p : c.paragraphs) EXPECT_NE(c.text.substr(p.begin, p.size()), "Dictator of Belarus Oleksandr");
  EXPECT_TRUE(Contains(c.text, "Dictator of Belarus Oleksandr is holding numerous meetings"));
  EXPECT_TRUE(Contains(c.text, "Military expert Oleg Zhdanov believes that Putin will pressure Lukashenka to open "
                               "a second front against Ukraine, or at least to \"permit\""));
  EXPECT_TRUE(Contains(c.text, "could become a \"bargaining coin\"."));
  EXPECT_TRUE(Contains(c.text, "\n\nWhat is known about the meeting between Putin and Lukashenka\n\n"));
  EXPECT_FALSE(Contains(c.text, "\xC2\xA0"));
}

TEST_F(Minsk, Article003) {
  CleanText c = Load("003_262807a44ef6401e.txt");
  EXPECT_EQ(c.relays, std::vector<std::string>{"Radio NV"});
  EXPECT_TRUE(c.outlet.empty());
  EXPECT_FALSE(Contains(c.text, "MainNews"));
  EXPECT_FALSE(Contains(c.text, "Photo:"));
  EXPECT_FALSE(Contains(c.text, "social networks"));
  EXPECT_EQ(c.title, "Kremlin seeks to drag Belarus into war with Ukraine - Yusov");
  size_t titles = 0;
  for (size_t at = c.text.find(c.title); at != std::string::npos; at = c.text.find(c.title, at + 1)) ++titles;
  EXPECT_EQ(titles, 1u);
  EXPECT_TRUE(Contains(c.text, "'provoke' the country,\" Yusov warned."));
}

TEST_F(Minsk, Article004) {
  CleanText c = Load("004_f6a7ce1e358caf45.txt");
  EXPECT_EQ(c.outlet, "charter97.org");
  EXPECT_EQ(c.url, "https://charter97.org/en/news/2022/12/19/528866/");
  EXPECT_EQ(c.published.when.Iso().substr(0, 10), "2022-12-19");
  EXPECT_EQ(c.published.when.precision, Precision::kMinute);
  ASSERT_FALSE(c.relays.empty());
  EXPECT_EQ(c.relays.front(), "Ukrinform");
  EXPECT_NE(std::find(c.relays.begin(), c.relays.end(), "charter97.org"), c.relays.end());
  EXPECT_FALSE(c.text.starts_with(","));
  EXPECT_FALSE(Contains(c.text, "https://"));
  // The interview's question and answers are kept, with the credit that names the speaker.
  EXPECT_TRUE(Contains(c.text, "What is the likelihood of Lukashenka giving the order"));
  EXPECT_TRUE(Contains(c.text, "\xE2\x80\x94 I think there is far too much to lose"));
  EXPECT_TRUE(Contains(c.text, "Rosemary Thomas"));
}

}  // namespace
}  // namespace sitrep
