#include "claims/frames.h"

#include <gtest/gtest.h>

#include "claims/claims.h"
#include "claims/claims_testing.h"

namespace sitrep::claims {
namespace {

// Invented events between real countries (the country words are the project's own table);
// the people are made up.
using testing::Find;
using testing::Make;
using testing::Quote;

// Marks every occurrence of `name` as a mention, as the tagger would.
void Tag(Article& a, std::string_view name, EntityType type) {
  for (size_t at = a.text.find(name); at != std::string::npos; at = a.text.find(name, at + 1))
    a.mentions.push_back({{static_cast<uint32_t>(at), static_cast<uint32_t>(at + name.size())}, type, ""});
  std::sort(a.mentions.begin(), a.mentions.end(),
            [](const Mention& x, const Mention& y) { return x.span.begin < y.span.begin; });
}

std::vector<Frame> FramesIn(std::vector<Article> articles, size_t which, std::string_view text) {
  dedup::Vocabulary vocab;
  Actors actors(articles, vocab);
  return actors.FramesOf(articles[which], Find(articles[which], text));
}

TEST(Frames, ALeaderStandsForHisCountryAndDeedsOfOneKindMeet) {
  Article a = Make("Finnish president Aino Virta arrived on Monday. Virta pressed Estonia to send its troops "
                   "into the war, the minister said.");
  Tag(a, "Aino Virta", EntityType::kPerson);
  Tag(a, "Virta", EntityType::kPerson);
  const auto frames = FramesIn({a}, 0, "Virta pressed Estonia to send its troops into the war");
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0].agent, "Finland");
  EXPECT_EQ(frames[0].patient, "Estonia");
  EXPECT_EQ(frames[0].deed, Deed::kCoerce);
  EXPECT_EQ(frames[0].objects, kWar | kMilitary);
  EXPECT_EQ(frames[0].Describe(), "agent Finland, patient Estonia, coerce into war and the military");

  Article b = Make("Critics spoke of Helsinki's plan to drag Tallinn into the fighting.");
  const auto other_words = FramesIn({b}, 0, "Helsinki's plan to drag Tallinn into the fighting");
  ASSERT_EQ(other_words.size(), 1u);
  EXPECT_EQ(other_words[0].agent, "Finland") << "a capital with 's is whose plan it is";
  EXPECT_TRUE(SameDeed(frames[0], other_words[0]));
}

TEST(Frames, PassiveVoiceAndUnclearAgents) {
  Article a = Make("Coach Ivo Marin was hired by the Lions on Friday.");
  Tag(a, "Ivo Marin", EntityType::kPerson);
  Tag(a, "Lions", EntityType::kOrganisation);
  const auto hired = FramesIn({a}, 0, "Coach Ivo Marin was hired by the Lions on Friday");
  ASSERT_EQ(hired.size(), 1u);
  EXPECT_EQ(hired[0].deed, Deed::kHire);
  EXPECT_NE(hired[0].patient.find('@'), std::string::npos) << "Marin is hired, not hiring";
  EXPECT_NE(hired[0].agent, hired[0].patient);

  // The deed sits in a side phrase and another actor is the sentence's subject: no frame.
  Article b = Make("Besides involving Estonia in the war, Finland is trying to buy its ports.");
  for (const Frame& f : FramesIn({b}, 0, "Besides involving Estonia in the war, Finland is trying to buy its ports"))
    EXPECT_NE(f.deed, Deed::kCoerce) << f.Describe();
}

TEST(Frames, OtherActorsOrOpposedDeedsAreTwoEvents) {
  Frame a{"@lns", "@mrn", Deed::kHire, 0}, b{"@brs", "@mrn", Deed::kOust, 0}, c{"@brs", "@mrn", Deed::kHire, 0};
  EXPECT_TRUE(OtherActors(a, b)) << "hired and ousted: two events";
  EXPECT_TRUE(OtherActors(a, c)) << "hired by two clubs: two events";
  EXPECT_FALSE(SameDeed(a, c));
  Frame met{"Finland", "Estonia", Deed::kMeet, 0}, met_back{"Estonia", "Finland", Deed::kMeet, 0};
  EXPECT_TRUE(SameDeed(met, met_back)) << "a meeting has no direction";
  EXPECT_FALSE(OtherActors(met, met_back));
}

// Invented: four outlets tell that Finland pressed Estonia into the war, each in its own words
// and none sharing a passage; a spokesman calls the talk of it fiction; a fifth statement, that
// Estonians do not want to fight, is another claim.
TEST(Claims, StatementsOfOneFrameFormOneClaimThatTheDenialContests) {
  StoryArticles s;
  Article a = Make("Finnish president Aino Virta met officials on Monday. Minister Lena Dobra said Virta pressed "
                   "Estonia to send its troops into the war.",
                   "Nord Post");
  Tag(a, "Aino Virta", EntityType::kPerson);
  Tag(a, "Virta", EntityType::kPerson);
  Tag(a, "Lena Dobra", EntityType::kPerson);
  Quote(a, "Virta pressed Estonia to send its troops into the war", "Lena Dobra", "said");
  // The articles name each other's people: one event (see the event anchors).
  Article b = Make("Analyst Tom Berg said Helsinki demands the direct involvement of the Estonian army in the "
                   "operation, after the visit of Virta. A spokesman said the speculation about Helsinki forcing Tallinn to join the war "
                   "was baseless fiction.",
                   "Sea Times");
  Tag(b, "Tom Berg", EntityType::kPerson);
  Tag(b, "Virta", EntityType::kPerson);
  Quote(b, "Helsinki demands the direct involvement of the Estonian army in the operation", "Tom Berg", "said");
  Quote(b, "the speculation about Helsinki forcing Tallinn to join the war was baseless fiction", "a spokesman",
        "said");
  Article c = Make("Expert Ivo Marin believes that Finland will pressure Estonia to open a second front. Virta "
                   "did not comment. He "
                   "also said that most Estonians do not want to fight at all.",
                   "River Daily");
  Tag(c, "Ivo Marin", EntityType::kPerson);
  Tag(c, "Virta", EntityType::kPerson);
  Quote(c, "that Finland will pressure Estonia to open a second front", "Ivo Marin", "believes");
  Quote(c, "that most Estonians do not want to fight at all", "Ivo Marin", "said");
  s.articles = {a, b, c};
  s.upstream = {"", "", ""};

  const auto claims = FindClaims(s);
  ASSERT_FALSE(claims.empty());
  const Claim& main = claims.front();
  std::string all;
  for (const Claim& c : claims)
    for (const Statement& st : c.statements) all += "[" + std::to_string(&c - &claims[0]) + "] " + st.text + " / " + st.why + "\n";
  EXPECT_EQ(main.origins, 3u) << all;
  EXPECT_TRUE(main.contested);
  EXPECT_EQ(main.against, 1u);
  bool framed = false;
  for (const Statement& st : main.statements) {
    EXPECT_EQ(st.text.find("do not want"), std::string::npos) << "unwillingness is another claim";
    framed |= st.why.find("same frame: agent Finland, patient Estonia, coerce") != std::string::npos;
    if (st.stance == Stance::kDenies) {
      EXPECT_NE(st.why.find("the claim tells that deed"), std::string::npos) << st.why;
    }
  }
  EXPECT_TRUE(framed);
}

TEST(Frames, ADeedInAConditionalClauseIsSupposedNotTold) {
  Article a = Make("Estonia attacked Latvia on Monday. Should Estonia attempt to invade Latvia, it would lose. "
                   "If Estonia attacks Latvia, prices will rise.");
  EXPECT_EQ(FramesIn({a}, 0, "Estonia attacked Latvia on Monday").size(), 1u);
  EXPECT_TRUE(FramesIn({a}, 0, "Should Estonia attempt to invade Latvia").empty()) << "inverted conditional";
  EXPECT_TRUE(FramesIn({a}, 0, "If Estonia attacks Latvia").empty());
  Article c = Make("Had Estonia attacked Latvia, prices would have risen.");
  EXPECT_TRUE(FramesIn({c}, 0, "Had Estonia attacked Latvia").empty());
  // The clause after the condition tells its own deed.
  Article b = Make("If talks fail, Estonia will attack Latvia.");
  EXPECT_EQ(FramesIn({b}, 0, "If talks fail, Estonia will attack Latvia").size(), 1u);
}

TEST(Frames, RelievedOfHisDutiesIsOustedNotHired) {
  Article a = Make("The club relieved Ivo Marin of his coaching duties. Ivo Marin was hired as coach of the Lions.");
  Tag(a, "Ivo Marin", EntityType::kPerson);
  const auto relieved = FramesIn({a}, 0, "The club relieved Ivo Marin of his coaching duties");
  const auto hired = FramesIn({a}, 0, "Ivo Marin was hired as coach of the Lions");
  ASSERT_EQ(relieved.size(), 1u);
  EXPECT_EQ(relieved[0].deed, Deed::kOust);
  ASSERT_FALSE(hired.empty());
  EXPECT_TRUE(FramesConflict(relieved, hired)) << "hired and relieved: two events";
}

}  // namespace
}  // namespace sitrep::claims
