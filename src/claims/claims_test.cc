#include "claims/claims.h"

#include <gtest/gtest.h>

#include <set>

#include "claims/anchors.h"
#include "claims/claims_testing.h"
#include "claims/terms.h"

namespace sitrep::claims {
namespace {

using testing::Find;
using testing::Make;
using testing::Quote;

TEST(Stance, FromCueAndWords) {
  EXPECT_EQ(StanceOf("said", "the dam will hold"), Stance::kHedges);
  EXPECT_EQ(StanceOf("said", "talk of a secret deal is baseless fiction"), Stance::kDenies);
  EXPECT_EQ(StanceOf("denied", "that the army had moved"), Stance::kDenies);
  EXPECT_EQ(StanceOf("said", "this is not true"), Stance::kDenies);
  EXPECT_EQ(StanceOf("according to", "the army moved north"), Stance::kReports);
  EXPECT_EQ(StanceOf("said", "the army moved north"), Stance::kAsserts);
  EXPECT_EQ(StanceOf("believes", "the army moved north"), Stance::kHedges);
  EXPECT_EQ(StanceOf("reported", "that a false flag attack was prepared"), Stance::kReports);
}

// Invented: a governor's claim that the port deal was forced, relayed by one agency to two
// outlets, told again by an analyst, and denied by a ministry.
StoryArticles PortStory() {
  StoryArticles s;
  s.id = 1;
  Article a = Make("Governor Ilya Marek said the capital forced the port authority to sign the grain deal "
                   "against its will, according to Nordinform.",
                   "Coast Post", {"Nordinform"});
  Quote(a, "the capital forced the port authority to sign the grain deal against its will", "Ilya Marek",
        "said", {"Nordinform"});
  Article b = Make("The capital forced the port authority to sign the grain deal against its will, Governor "
                   "Ilja Marek said, Nordinform reports. A ministry spokesman said talk that the capital "
                   "forced the port to sign anything was baseless fiction.",
                   "Harbour Times", {"Nordinform"});
  Quote(b, "The capital forced the port authority to sign the grain deal against its will", "Ilja Marek",
        "said", {"Nordinform"});
  Quote(b, "talk that the capital forced the port to sign anything was baseless fiction",
        "a ministry spokesman", "said");
  Article c = Make("Analyst Dana Holt said the port authority signed the grain deal only because the capital "
                   "forced it. Grain prices rose by four percent in the week.",
                   "River Daily");
  Quote(c, "the port authority signed the grain deal only because the capital forced it", "Dana Holt", "said");
  s.articles = {a, b, c};
  s.upstream = {"", "", ""};
  return s;
}

TEST(Claims, OneStatementRelayedTwiceCountsOnceAndADenialContestsIt) {
  auto claims = FindClaims(PortStory());
  ASSERT_FALSE(claims.empty());
  const Claim& main = claims.front();
  EXPECT_EQ(main.statements.size(), 4u) << main.wording;
  EXPECT_EQ(main.articles, 3u);
  EXPECT_EQ(main.origins, 2u) << "the governor (two spellings, one agency) and the analyst";
  EXPECT_EQ(main.against, 1u);
  EXPECT_TRUE(main.contested);
  for (const Statement& s : main.statements) {
    if (&s != &main.statements.front()) {
      EXPECT_FALSE(s.why.empty()) << s.text;
    }
  }
}

TEST(Claims, UnrelatedStatementsStayApart) {
  StoryArticles s = PortStory();
  Article d = Make("The weather office said heavy snow would close the mountain passes on Friday.", "Alp News");
  Quote(d, "heavy snow would close the mountain passes on Friday", "The weather office", "said");
  s.articles.push_back(d);
  s.upstream.push_back("");
  auto claims = FindClaims(s);
  for (const Claim& c : claims) {
    for (const Statement& st : c.statements) {
      if (st.text.find("snow") != std::string::npos) {
        EXPECT_EQ(c.statements.size(), 1u);
      }
    }
  }
}

TEST(Claims, CopiesCountOnce) {
  StoryArticles s;
  Article a = Make("Floods closed the coastal road near Varna on Monday, police said in a statement.", "Wire One");
  Article b = a;
  b.outlet = "Copy Two";
  b.id = "copy";
  s.articles = {a, b};
  s.upstream = {"", a.id};
  auto claims = FindClaims(s);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].statements.size(), 2u);
  EXPECT_EQ(claims[0].origins, 1u);
}

// Invented: a minister says the neighbour pushed the island to cede its fishing grounds; a
// spokesman calls "these reports" lies without repeating a word of them, and names the
// countries by their capitals.
StoryArticles FishingStory() {
  StoryArticles s;
  s.id = 2;
  Article a = Make("Minister Karin Olsen said Norway pressured Iceland to cede its northern fishing grounds. "
                   "Fishermen in the north said catches fell by a third.",
                   "Nord Post");
  Quote(a, "Norway pressured Iceland to cede its northern fishing grounds", "Karin Olsen", "said");
  Quote(a, "catches fell by a third", "Fishermen in the north", "said");
  Article b = Make("Analyst Tom Berg said Norwegian diplomats forced the Icelandic government to cede the "
                   "northern fishing grounds. The weather office said storms would close the harbour on "
                   "Friday. Oslo's plan to make Reykjavik cede its waters was reported by two papers. A "
                   "spokesman said these reports were a fabrication.",
                   "Sea Times");
  Quote(b, "Norwegian diplomats forced the Icelandic government to cede the northern fishing grounds",
        "Tom Berg", "said");
  Quote(b, "storms would close the harbour on Friday", "The weather office", "said");
  Quote(b, "these reports were a fabrication", "a spokesman", "said");
  s.articles = {a, b};
  s.upstream = {"", ""};
  return s;
}

TEST(Claims, ADenialOfTheseReportsAnswersTheClaimBeforeIt) {
  auto claims = FindClaims(FishingStory());
  const Claim* contested = nullptr;
  for (const Claim& c : claims) {
    if (c.contested) {
      contested = &c;
    }
  }
  ASSERT_NE(contested, nullptr);
  EXPECT_GE(contested->origins, 2u);
  bool denial_explained = false;
  for (const Statement& st : contested->statements) {
    EXPECT_EQ(st.text.find("storms"), std::string::npos) << "the weather is another claim";
    if (st.stance == Stance::kDenies) {
      denial_explained = st.why.find("sentence before") != std::string::npos &&
                         st.why.find("Oslo for Norway") != std::string::npos;
      EXPECT_TRUE(denial_explained) << st.why;
    }
  }
}

// Invented: one statement, paraphrased and credited to the agency that relayed it, then quoted.
TEST(Claims, AParaphraseAndTheQuoteThatBearsItOutAreOneOrigin) {
  StoryArticles s;
  Article a = Make("Governor Ilya Marek said the capital forced the port authority to sign the grain deal, "
                   "according to Nordinform. \"The capital forced our port authority to sign the grain deal,\" "
                   "Marek said.",
                   "Coast Post");
  Quote(a, "Governor Ilya Marek said the capital forced the port authority to sign the grain deal", "Nordinform",
        "according to");
  Quote(a, "The capital forced our port authority to sign the grain deal", "Ilya Marek", "said", {"Nordinform"});
  s.articles = {a};
  s.upstream = {""};
  auto claims = FindClaims(s);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].statements.size(), 2u);
  EXPECT_EQ(claims[0].origins, 1u) << "Nordinform passes on Marek's words";
}

// Invented: a forecast paraphrased with a hyphenated span of months, then quoted with the
// months apart: one claim.
TEST(Claims, HyphenatedMonthsMeetTheMonthsApart) {
  StoryArticles s;
  Article a = Make("General Ilya Marek warned that the rebels need a pause to gather men for a new offensive in "
                   "July-August. \"We must prepare for a war that may come in July, in August at best,\" Marek "
                   "told the Coast Post.",
                   "Wire");
  Quote(a, "the rebels need a pause to gather men for a new offensive in July-August", "Ilya Marek", "warned");
  Quote(a, "We must prepare for a war that may come in July, in August at best", "Ilya Marek", "told");
  s.articles = {a};
  s.upstream = {""};
  auto claims = FindClaims(s);
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].statements.size(), 2u);
}

// Invented: two quakes told in the same words; the articles name other towns and other people.
TEST(Claims, LookAlikeEventsStayApart) {
  StoryArticles s;
  auto quake = [](std::string town, std::string mayor, std::string region) {
    Article a = Make("A strong earthquake struck " + town + " in " + region + " on Monday. Mayor " + mayor +
                         " said the quake destroyed dozens of houses and the old school in " + town + ". " + town +
                         " residents slept outside. " + mayor + " asked " + region + " for tents.",
                     "Wire");
    a.mentions.push_back({Find(a, town), EntityType::kPlace, ""});
    a.mentions.push_back({Find(a, region), EntityType::kPlace, ""});
    a.mentions.push_back({Find(a, mayor), EntityType::kPerson, ""});
    // The statement itself names no one: only the articles tell the two events apart.
    Quote(a, "the quake destroyed dozens of houses and the old school", mayor, "said");
    return a;
  };
  s.articles = {quake("Varno", "Lena Dobra", "Kalmia"), quake("Tesko", "Ivo Marin", "Brenna")};
  s.upstream = {"", ""};
  for (const Claim& c : FindClaims(s)) {
    EXPECT_EQ(c.articles, 1u) << c.wording;
  }
}

TEST(Claims, StatementsSharingOnlyCommonVerbsAndDaysStayApart) {
  StoryArticles s;
  Article a = Make("The team made its offer on Friday, the agent said.", "Wire One");
  Quote(a, "The team made its offer on Friday", "the agent", "said");
  Article b = Make("The team made a new offer on Friday, a spokesman said.", "Wire Two");
  Quote(b, "The team made a new offer on Friday", "a spokesman", "said");
  s.articles = {a, b};
  s.upstream = {"", ""};
  for (const Claim& c : FindClaims(s)) EXPECT_EQ(c.statements.size(), 1u) << c.wording;
  EXPECT_TRUE(IsCalendarName("Friday"));
  EXPECT_TRUE(IsCalendarName("MARCH"));
  EXPECT_FALSE(IsCalendarName("Fridays"));
  EXPECT_FALSE(IsCalendarName("friday")) << "a name is written with a capital";
  EXPECT_FALSE(IsCalendarName("Marker"));
}

// Invented: two look-alike quakes in one story, each told by three articles with its own
// particulars; each article's wording of the damage is the same.
StoryArticles TwoQuakes() {
  StoryArticles s;
  const char* first[] = {
      "A strong quake shook the northern valley before dawn. Rescuers from Oskarby dug through rubble at the "
      "old mill. Houses in two villages were damaged.",
      "Rescuers from Oskarby worked at the old mill after the quake before dawn. The mill's owner, Lena Varg, "
      "was unhurt. Two villages reported damage.",
      "Lena Varg said the old mill shook before dawn and rescuers from Oskarby came within the hour. Houses "
      "were damaged in two villages."};
  const char* second[] = {
      "A strong quake shook the coast at noon. Fishermen in Brennvik saw the harbour wall crack. Houses in "
      "two villages were damaged.",
      "The harbour wall at Brennvik cracked in the noon quake, fishermen said. Tomas Ek, the harbour master, "
      "closed the quay. Two villages reported damage.",
      "Tomas Ek closed the quay at Brennvik after the harbour wall cracked at noon. Houses were damaged in two "
      "villages."};
  for (const char* body : first) s.articles.push_back(Make(body, "North Wire"));
  for (const char* body : second) s.articles.push_back(Make(body, "Coast Wire"));
  s.upstream.assign(s.articles.size(), "");
  return s;
}

TEST(Claims, ArticlesAreNeighboursWhenTheyShareTheirOccurrencesParticulars) {
  StoryArticles s = TwoQuakes();
  dedup::Vocabulary vocab;
  ArticleNeighbours near(s, vocab);
  for (size_t a = 0; a < 6; ++a)
    for (size_t b = 0; b < 6; ++b)
      EXPECT_EQ(near.Near(a, b), a / 3 == b / 3) << a << " and " << b;
}

TEST(Claims, ArticlesPublishedYearsApartAreNoNeighbours) {
  StoryArticles s;
  Article a = Make("The browser maker released a patch for the flaw in its browser.", "Wire One");
  Article b = Make("The browser maker released a patch for a flaw in its browser.", "Wire Two");
  for (Article* x : {&a, &b}) {
    x->published.when = {2019, 4, 2, 12, 0, 0, 0, Precision::kDay};
    x->published.evidence.source = "meta";
  }
  s.articles = {a, b};
  s.upstream = {"", ""};
  {
    dedup::Vocabulary vocab;
    EXPECT_TRUE(ArticleNeighbours(s, vocab).Near(0, 1));
  }
  s.articles[1].published.when.year = 2021;
  dedup::Vocabulary vocab;
  EXPECT_FALSE(ArticleNeighbours(s, vocab).Near(0, 1)) << "two patches two years apart";
}

TEST(Claims, LookAlikeStatementsOfTwoOccurrencesStayApart) {
  StoryArticles s = TwoQuakes();
  for (Article& a : s.articles) {
    const size_t at = a.text.find("two villages") != std::string::npos ? a.text.rfind('.', a.text.size() - 2) : 0;
    // The article's last sentence, about the damage, as its statement.
    Attribution st;
    st.content = {static_cast<uint32_t>(at + 2), static_cast<uint32_t>(a.text.size() - 1)};
    st.cue = st.content;
    st.speaker = "rescuers";
    a.attributions.push_back(st);
  }
  const auto claims = FindClaims(s);
  size_t across = 0;
  for (const Claim& c : claims) {
    std::set<size_t> quakes;
    for (const Statement& st : c.statements) quakes.insert(st.article / 3);
    EXPECT_EQ(quakes.size(), 1u) << c.wording;
    across += c.articles > 1;
  }
  EXPECT_GT(across, 0u) << "the damage told twice of one quake is one claim";
}

}  // namespace
}  // namespace sitrep::claims
