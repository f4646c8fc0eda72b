#include "claims/claims.h"

#include <gtest/gtest.h>

#include "pipeline/pipeline.h"

namespace sitrep::claims {
namespace {

Article Make(std::string body, std::string outlet, std::vector<std::string> relays = {}) {
  Document d;
  d.container = "text";
  d.body = std::move(body);
  d.outlet = std::move(outlet);
  Article a = BuildArticle(std::move(d));
  a.relays = std::move(relays);
  return a;
}

Span Find(const Article& a, std::string_view text) {
  const size_t at = a.text.find(text);
  EXPECT_NE(at, std::string::npos) << text;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + text.size())};
}

// An attribution made by hand, as the quotes stage would.
void Quote(Article& a, std::string_view content, std::string speaker, std::string_view cue,
           std::vector<std::string> relays = {}) {
  Attribution at;
  at.content = Find(a, content);
  at.cue = Find(a, cue);
  at.speaker = std::move(speaker);
  at.relays = std::move(relays);
  a.attributions.push_back(at);
}

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

}  // namespace
}  // namespace sitrep::claims
