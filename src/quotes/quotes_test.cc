// The quotes stage on invented sentences: the trained tagger (models/quotes.model) finds the
// spans, the rules find speakers, venues and relays.
#include "quotes/quotes.h"

#include <gtest/gtest.h>

#include <sstream>

#include "quotes/model.h"
#include "quotes/ranker.h"
#include "quotes/polnear.h"
#include "quotes/tagger.h"
#include "quotes/quotes_testing.h"
#include "util/test_support.h"

namespace sitrep {
namespace {

Article Make(const std::string& text, std::vector<std::string> relays = {}) {
  return testing::ParagraphArticle(text, std::move(relays));
}

// The attribution whose content holds `words`, or null.
const Attribution* Saying(const Article& a, std::string_view words) {
  for (const Attribution& q : a.attributions)
    if (a.Text(q.content).find(words) != std::string_view::npos) return &q;
  return nullptr;
}

TEST(Quotes, ModelLoads) { EXPECT_EQ(QuoteModelError(), "") << QuoteModelPath(); }

TEST(Quotes, DirectQuoteAfterwardsCredited) {
  Article a = Make("“The port will reopen in spring,” Jane Roe said on Monday.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "The port will reopen in spring");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jane Roe");
  EXPECT_EQ(a.Text(q->cue), "said");
  EXPECT_TRUE(q->direct);
}

TEST(Quotes, IndirectSpeechWithThat) {
  Article a = Make("Harbour master Jane Roe said that the port would reopen in spring.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "the port would reopen in spring");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jane Roe");
  EXPECT_FALSE(q->direct);
}

// The words between the cue and "that" are the telling, not what was told.
TEST(Quotes, ReportedClauseStartsAtThatAfterTheListener) {
  Article a = Make("Jane Roe told reporters at the harbour on Monday that the port would reopen in spring.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "the port would reopen in spring");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(a.Text(q->content).find("Monday"), std::string_view::npos) << a.Text(q->content);
  EXPECT_EQ(q->speaker, "Jane Roe");
}

// A name right before the cue is its source.
TEST(Quotes, NameBeforeTheCueIsTheSource) {
  Article a = Make("The harbour council met on Monday. Jane Roe warned that the port would close in winter.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "the port would close in winter");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(a.Text(q->source), "Jane Roe");
}

TEST(Quotes, PronounTakesTheNamedSpeakerBeforeIt) {
  Article a = Make(
      "Jane Roe said the port would reopen in spring.\n\n"
      "She added that the ferries would run again by May.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "the ferries would run again");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(a.Text(q->source), "She");
  EXPECT_EQ(q->speaker, "Jane Roe");
}

TEST(Quotes, SurnameWidenedToTheFullestName) {
  Article a = Make(
      "The harbour master, Jane Roe, spoke to reporters on Monday.\n\n"
      "“We expect the first ships in April,” Roe said.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "We expect the first ships in April");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jane Roe");
}

TEST(Quotes, RoleNounTakesTheNamedSpeakerBeforeIt) {
  Article a = Make(
      "Jane Roe said the port would reopen in spring.\n\n"
      "The harbour official also said that the ferries would run again by May.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "the ferries would run again");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jane Roe");
}

TEST(Quotes, OrganisationStaysAsWritten) {
  Article a = Make("The regional council reported that the bridge was closed for repairs.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "the bridge was closed");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "The regional council");
}

TEST(Quotes, VenueFromToldAndInterview) {
  Article a = Make(
      "The port will reopen in spring, Jane Roe told Radio Harbour.\n\n"
      "In an interview with The Coastal Times, John Doe said that the ferries would run again.");
  FindAttributions(a);
  const Attribution* roe = Saying(a, "The port will reopen");
  ASSERT_NE(roe, nullptr);
  EXPECT_EQ(roe->venue, "Radio Harbour");
  const Attribution* doe = Saying(a, "the ferries would run again");
  ASSERT_NE(doe, nullptr);
  EXPECT_EQ(doe->speaker, "John Doe");
  EXPECT_EQ(doe->venue, "The Coastal Times");
}

TEST(Quotes, RelayFromReferenceAndAccordingTo) {
  Article a = Make(
      "The port will reopen in spring, Jane Roe said on the air of a morning show, according to "
      "Nordinform.",
      {"Nordinform"});
  FindAttributions(a);
  const Attribution* q = Saying(a, "The port will reopen in spring");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jane Roe");
  EXPECT_EQ(q->venue, "a morning show");
  EXPECT_EQ(q->relays, std::vector<std::string>{"Nordinform"});
}

// A quotation over three paragraphs, marked only where it opens and credited where it closes:
// it reaches back to the opening paragraph. The check of the closing mark once read a dead
// temporary string (ASan: stack-use-after-scope, found by fuzz/quotes.cc); under the sanitizer
// build this test failed, elsewhere it read whatever the stack held.
TEST(Quotes, QuoteOverParagraphsReachesItsOpeningMark) {
  Article a = Make(
      "The ferry service between the two islands stopped on Friday.\n\n"
      "\"We have no boats left that pass the safety checks, and the new ones will not come before "
      "summer.\n\n"
      "Until then the islanders will have to use the old bridge road, which takes three hours,\" "
      "harbour master Jane Roe said on Saturday.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "We have no boats left that pass the safety checks");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jane Roe");
  EXPECT_TRUE(q->direct);
}

TEST(Quotes, AuthorsOwnSentencesAreNoQuotes) {
  Article a = Make("The port closed in November after a storm. Ships now wait outside the bay.");
  FindAttributions(a);
  EXPECT_TRUE(a.attributions.empty()) << a.Text(a.attributions.front().content);
}

TEST(Quotes, InterviewAnswersCreditedToTheInterviewee) {
  Article a = Make(
      "Will the port reopen soon?\n\n"
      "— I think it will reopen in spring, once the cranes are repaired.\n\n"
      "Excerpted from “Jane Roe: The Port Will Be Back” 1.2.2023.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "it will reopen in spring");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jane Roe");
}

TEST(Quotes, InterviewAnswerStopsBeforeTheCredit) {
  for (const std::string credit_after : {" ", "\n\n"}) {
    Article a = Make(
        "Will the port reopen soon?\n\n"
        "— “I think it will reopen in spring, once the cranes are repaired.”" + credit_after +
        "Excerpted from “Jane Roe: The Port Will Be Back” 1.2.2023.");
    FindAttributions(a);
    const Attribution* q = Saying(a, "it will reopen in spring");
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(q->speaker, "Jane Roe");
    EXPECT_TRUE(a.Text(q->content).ends_with("repaired.")) << a.Text(q->content);
  }
}

TEST(Quotes, AnOrganisationsViewStatedByItsSpokesman) {
  Article a = Make(
      "The harbour council believes that the port will reopen in spring.\n\n"
      "This was stated by the council's spokeswoman Jane Roe on a morning talk show.");
  FindAttributions(a);
  const Attribution* q = Saying(a, "the port will reopen in spring");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->speaker, "Jane Roe");
}

// ---- scoring ----

TEST(QuoteScoring, TrimsPunctuationAndWhiteSpaceOnly) {
  std::string t = "He said: “Rates rise.” ";
  Span trimmed = quotes::TrimPunctuation(t, {8, uint32_t(t.size())});
  EXPECT_EQ(t.substr(trimmed.begin, trimmed.size()), "Rates rise");
}

TEST(QuoteScoring, ExactAndOverlapAreOneToOne) {
  Article a = Make("Jane Roe said the port would reopen in spring.");
  const Span gold{14, 45};    // "the port would reopen in spring"
  const Span same{14, 46};    // with the period
  const Span most{14, 35};    // "the port would reopen": 4 of 6 words
  const Span little{14, 22};  // "the port": 2 of 6
  EXPECT_EQ(quotes::ScoreExact(a, {gold}, {same, same}).matched, 1u);
  EXPECT_EQ(quotes::ScoreExact(a, {gold}, {most}).matched, 0u);
  EXPECT_EQ(quotes::ScoreOverlap(a, {gold}, {most}).matched, 1u);
  EXPECT_EQ(quotes::ScoreOverlap(a, {gold}, {little}).matched, 0u);
}

TEST(QuoteScoring, UnreadableFileNamed) {
  EXPECT_THROW(
      {
        try {
          quotes::LoadPolnear("/nonexistent/polnear.jsonl");
        } catch (const std::runtime_error& e) {
          EXPECT_NE(std::string(e.what()).find("/nonexistent/polnear.jsonl"), std::string::npos);
          throw;
        }
      },
      std::runtime_error);
}

TEST(QuoteScoring, PolnearOffsetsBecomeBytes) {
  auto docs = quotes::LoadPolnear(std::string(SITREP_SHARED_DIR) + "/data/quotes/polnear/dev.jsonl");
  ASSERT_FALSE(docs.empty());
  size_t checked = 0;
  for (const auto& d : docs)
    for (const auto& g : d.attributions) {
      // A gold cue is text, never a cut through a UTF-8 sequence.
      std::string_view cue = d.article.Text(g.cue);
      if (cue.empty()) continue;
      EXPECT_NE(static_cast<unsigned char>(cue[0]) & 0xC0, 0x80);
      ++checked;
    }
  EXPECT_GT(checked, 1000u);
}

// ---- the tagger ----

TEST(SequenceTagger, LearnsAndRoundTrips) {
  using quotes::HashFeature;
  std::vector<std::vector<bool>> allowed(3, std::vector<bool>(2, true));
  quotes::SequenceTagger t(2, allowed);
  std::vector<quotes::Features> x = {{HashFeature("a")}, {HashFeature("b")}, {HashFeature("a")}};
  std::vector<int> y = {0, 1, 0};
  for (int i = 0; i < 5; ++i) t.Learn(x, y);
  t.Average();
  EXPECT_EQ(t.Decode(x), y);
  std::stringstream file;
  t.Save(file);
  quotes::SequenceTagger u(2, allowed);
  ASSERT_TRUE(u.Load(file));
  EXPECT_EQ(u.Decode(x), y);
  // A loaded model keeps its rows in the decoding table only, and saves from there.
  EXPECT_EQ(u.size(), t.size());
  std::stringstream again;
  u.Save(again);
  quotes::SequenceTagger w(2, allowed);
  ASSERT_TRUE(w.Load(again));
  EXPECT_EQ(w.size(), t.size());
  EXPECT_EQ(w.Decode(x), y);
  EXPECT_EQ(w.Decode(std::vector<quotes::Features>{{HashFeature("b")}, {HashFeature("a")}}), (std::vector<int>{1, 0}));
  std::stringstream broken("SQT2");
  EXPECT_FALSE(u.Load(broken));
}

// The edge ranker learns to pick the candidate that holds the gold feature, and a loaded one
// (its weights in the scoring table only) ranks and saves as the trained one.
TEST(Ranker, LearnsAndRoundTrips) {
  using quotes::HashFeature;
  quotes::FeatureRows candidates(std::vector<quotes::Features>{{HashFeature("x"), HashFeature("far")},
                                                               {HashFeature("x"), HashFeature("edge")},
                                                               {HashFeature("x")}});
  quotes::Ranker r;
  for (int i = 0; i < 5; ++i) r.Learn(candidates, 1);
  r.Average();
  EXPECT_EQ(r.Best(candidates), 1u);
  std::stringstream file;
  r.Save(file);
  quotes::Ranker loaded;
  ASSERT_TRUE(loaded.Load(file));
  EXPECT_EQ(loaded.size(), r.size());
  EXPECT_EQ(loaded.Best(candidates), 1u);
  std::stringstream again;
  loaded.Save(again);
  quotes::Ranker twice;
  ASSERT_TRUE(twice.Load(again));
  EXPECT_EQ(twice.size(), r.size());
  EXPECT_EQ(twice.Best(candidates), 1u);
  std::stringstream broken("SQR1");
  EXPECT_FALSE(twice.Load(broken));
}

// A model trained on a few invented articles: the cue rates it counts come back from the
// file, and a file cut short is refused.
TEST(QuoteModel, CueRatesSurviveSaveAndLoad) {
  std::vector<quotes::GoldDocument> docs;
  for (const char* name : {"Jane Roe", "John Doe", "Ann Poe", "Bob Lee"}) {
    quotes::GoldDocument d;
    const std::string who = name;
    d.article = Make(who + " said the harbour bridge would open in May. The weather was said to be mild.");
    quotes::GoldAttribution g;
    g.source = {0, uint32_t(who.size())};
    g.cue = {g.source.end + 1, g.source.end + 5};
    g.content = {{g.cue.end + 1, uint32_t(d.article.text.find('.'))}};
    d.attributions.push_back(g);
    docs.push_back(std::move(d));
  }
  const quotes::QuoteModel m = quotes::Train(docs, 3);
  EXPECT_STREQ(m.lexicon.Class("said"), "<60%+");  // a cue 4 times of 8 (5 or more: "+")
  EXPECT_STREQ(m.lexicon.Class("harbour"), "never");
  EXPECT_STREQ(m.lexicon.Class("zebra"), "unseen");
  // A token's stem looks its rate up by the hash it carries: the same answers.
  EXPECT_STREQ(m.lexicon.ClassOf(quotes::HashedString("said")), "<60%+");
  EXPECT_STREQ(m.lexicon.ClassOf(quotes::HashedString("harbour")), "never");
  EXPECT_STREQ(m.lexicon.ClassOf(quotes::HashedString("zebra")), "unseen");
  std::stringstream file;
  m.Save(file);
  quotes::QuoteModel loaded;
  ASSERT_TRUE(loaded.Load(file));
  EXPECT_STREQ(loaded.lexicon.Class("said"), "<60%+");
  const std::string whole = file.str();
  std::stringstream cut(whole.substr(0, whole.size() - 3));
  EXPECT_FALSE(quotes::QuoteModel().Load(cut));
}

}  // namespace
}  // namespace sitrep
