#include "text/segment.h"

#include <gtest/gtest.h>

#include "clean/clean.h"
#include "text/abbreviations.h"
#include "util/test_support.h"

namespace sitrep {
namespace {

Article Make(const std::string& text) {
  Article a;
  a.text = text;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    a.paragraphs.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
    start = end + 2;
  }
  Segment(a);
  return a;
}

std::vector<std::string> Sentences(const Article& a) {
  std::vector<std::string> out;
  for (const Sentence& s : a.sentences) out.emplace_back(a.Text(s.span));
  return out;
}

std::vector<std::string> Tokens(const Article& a) {
  std::vector<std::string> out;
  for (Span s : a.tokens) out.emplace_back(a.Text(s));
  return out;
}

TEST(Sentences, PlainSplitAndParagraphIndex) {
  Article a = Make("It rained. The river rose!\n\nWho knew? Nobody.");
  EXPECT_EQ(Sentences(a), (std::vector<std::string>{"It rained.", "The river rose!", "Who knew?", "Nobody."}));
  EXPECT_EQ(a.sentences[1].paragraph, 0u);
  EXPECT_EQ(a.sentences[2].paragraph, 1u);
}

TEST(Sentences, AbbreviationsAndInitialsDoNotSplit) {
  EXPECT_EQ(Sentences(Make("The commander, Lt. Gen. Ivan Petrenko, spoke. He left.")).size(), 2u);
  EXPECT_EQ(Sentences(Make("Mr. Smith met Dr. Jones on Dec. 19 in room No. 5 today.")).size(), 1u);
  EXPECT_EQ(Sentences(Make("The U.S. Army and J. R. R. Tolkien fans met. Then rain.")),
            (std::vector<std::string>{"The U.S. Army and J. R. R. Tolkien fans met.", "Then rain."}));
  EXPECT_EQ(Sentences(Make("Зустріч у м. Київ відбулася. Потім дощ.")).size(), 2u);
}

TEST(Sentences, MultiSentenceQuoteStaysWithItsAttribution) {
  Article a = Make(
      "He spoke at length. \"We are ready. We will not wait. They know it,\" Petrenko said. Then he left.");
  EXPECT_EQ(Sentences(a), (std::vector<std::string>{
                              "He spoke at length.",
                              "\"We are ready. We will not wait. They know it,\" Petrenko said.",
                              "Then he left."}));
}

TEST(Sentences, NoSentenceStartsInsideAQuote) {
  const std::string text =
      "But perhaps he will try. Of course, this is his dream. And until today he knew it," 
      "\u201D Petrenko said. The talks went on.\n\n"
      "\u201CIf we talk about it, it is hard. They don\u2019t.";
  Article a = Make(text);
  // A quote closing without an opening one began in an earlier paragraph: the whole quoted
  // part is one unit with "Petrenko said."; a quote left open runs to the paragraph's end.
  EXPECT_EQ(Sentences(a), (std::vector<std::string>{
                              "But perhaps he will try. Of course, this is his dream. And until today "
                              "he knew it,\u201D Petrenko said.",
                              "The talks went on.",
                              "\u201CIf we talk about it, it is hard. They don\u2019t."}));
  for (const Sentence& s : a.sentences) {
    const std::string_view t = a.Text(s.span);
    EXPECT_FALSE(t.starts_with("They")) << t;
  }
}

TEST(Sentences, BreakAfterClosingQuoteNotBeforeIt) {
  EXPECT_EQ(Sentences(Make("He said: \u201CWe go.\u201D Then he left.")),
            (std::vector<std::string>{"He said: \u201CWe go.\u201D", "Then he left."}));
  EXPECT_EQ(Sentences(Make("\u00ABМи готові.\u00BB Так сказав він.")),
            (std::vector<std::string>{"\u00ABМи готові.\u00BB", "Так сказав він."}));
}

TEST(Tokens, NumbersHyphensAbbreviationsContractions) {
  Article a = Make("Lt. Gen. Petrenko's full-scale S-400 plan costs 3.5 bn, or 1,000 units; they don't care.");
  EXPECT_EQ(Tokens(a), (std::vector<std::string>{"Lt.", "Gen.", "Petrenko", "'s", "full-scale", "S-400", "plan",
                                                 "costs", "3.5", "bn", ",", "or", "1,000", "units", ";", "they",
                                                 "do", "n't", "care", "."}));
}

TEST(Tokens, SentenceFinalAbbreviationGivesUpItsPeriod) {
  Article a = Make("They flew to the U.S. Then home.");
  // "U.S." ends no sentence here (it is an abbreviation), so it keeps the period.
  EXPECT_EQ(Tokens(a)[4], "U.S.");
  Article b = Make("Troops came from Russia. It was Dec. 19.");
  EXPECT_EQ(Tokens(b).back(), ".");
}

TEST(Tokens, ByteOffsetsInCyrillicAndCurlyQuotes) {
  Article a = Make("\u201CЛукашенко\u2019s\u201D вагається, \u2014 сказав Сайт.NET.");
  EXPECT_EQ(Tokens(a), (std::vector<std::string>{"\u201C", "Лукашенко", "\u2019s", "\u201D", "вагається", ",",
                                                 "\u2014", "сказав", "Сайт.NET", "."}));
  for (Span s : a.tokens) EXPECT_LE(s.end, a.text.size());
}

TEST(Tokens, EverySentenceAndTokenIsTrimmedAndOrdered) {
  Article a = Make("  One two.  Three.\n\nFour  five six.  ");
  uint32_t last = 0;
  for (Span s : a.tokens) {
    EXPECT_GE(s.begin, last);
    EXPECT_GT(s.end, s.begin);
    EXPECT_NE(a.text[s.begin], ' ');
    last = s.end;
  }
  for (const Sentence& s : a.sentences) EXPECT_NE(a.text[s.span.end - 1], ' ');
}

TEST(Abbreviations, Shapes) {
  EXPECT_TRUE(IsAbbreviation("Gen."));
  EXPECT_TRUE(IsAbbreviation("U.S."));
  EXPECT_TRUE(IsAbbreviation("J."));
  EXPECT_TRUE(IsAbbreviation("(Mr."));
  EXPECT_FALSE(IsAbbreviation("no."));
  EXPECT_FALSE(IsAbbreviation("said."));
  EXPECT_FALSE(IsAbbreviation("Gen"));
}

// ---- the user's example, through Clean and Segment ----

Article CleanAndSegment(const std::string& name) {
  CleanText c = Clean(testing::ReadShared("corpora/minsk-2022-12/" + name));
  Article a;
  a.text = c.text;
  a.paragraphs = c.paragraphs;
  Segment(a);
  return a;
}

TEST(MinskSentences, NayevTitleDoesNotSplit) {
  Article a = CleanAndSegment("001_5efb497116866064.txt");
  ASSERT_FALSE(a.sentences.empty());
  bool found = false;
  for (const Sentence& s : a.sentences) {
    const std::string_view t = a.Text(s.span);
    EXPECT_FALSE(t.starts_with("Gen.")) << t;
    EXPECT_FALSE(t.starts_with("Serhiy")) << t;
    found |= t.find("Lt. Gen. Serhiy Nayev:") != std::string_view::npos;
  }
  EXPECT_TRUE(found);
}

TEST(MinskSentences, YusovQuoteStaysWhole) {
  Article a = CleanAndSegment("000_c5c87086cf0d200a.txt");
  bool found = false;
  for (const Sentence& s : a.sentences) {
    const std::string_view t = a.Text(s.span);
    if (t.ends_with("his army,\" Yusov said.")) {
      found = true;
      EXPECT_TRUE(t.starts_with("But perhaps he will try to persuade.")) << t;
    }
    EXPECT_FALSE(t.starts_with("And until today")) << t;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace sitrep
