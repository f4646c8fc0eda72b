#include "brief/brief.h"

#include <gtest/gtest.h>

#include <set>

#include "brief/render.h"
#include "pipeline/pipeline.h"

namespace sitrep::brief {
namespace {

Article Make(std::string title, std::string body, std::string date, std::string outlet) {
  Document d;
  d.container = "text";
  d.title = std::move(title);
  d.body = std::move(body);
  d.date = std::move(date);
  d.outlet = std::move(outlet);
  return BuildArticle(std::move(d));
}

StoryArticles Story() {
  StoryArticles s;
  s.id = 7;
  s.label = "bridge, Varna";
  s.articles = {
      Make("Bridge closes after crack found",
           "Engineers closed the Varna river bridge on Monday after finding a crack in its main "
           "span. Traffic was sent through the old town for the rest of the week.",
           "2031-05-06", "Harbour Times"),
      Make("Varna bridge shut", "Engineers closed the Varna river bridge on Monday after finding a crack in its main span.",
           "2031-05-05", "Coast Post"),
  };
  s.upstream = {"", ""};
  s.articles[0].relays = {"Nordinform"};
  Attribution quote;
  const std::string& text = s.articles[0].text;
  quote.content = {static_cast<uint32_t>(text.find("Traffic")), static_cast<uint32_t>(text.size())};
  quote.speaker = "Mira Stoyanova";
  quote.venue = "a radio interview";
  quote.relays = {"Nordinform"};
  s.articles[0].attributions.push_back(quote);
  return s;
}

TEST(Brief, SourcesOldestFirstWithWhatTheyRelay) {
  Brief b = BuildBrief(Story());
  EXPECT_EQ(b.story, 7u);
  ASSERT_EQ(b.sources.size(), 2u);
  EXPECT_EQ(b.sources[0].outlet, "Coast Post");
  EXPECT_EQ(b.sources[1].relays, std::vector<std::string>{"Nordinform"});
  EXPECT_EQ(b.first_seen, "2031-05-05");
  EXPECT_EQ(b.last_seen, "2031-05-06");
  EXPECT_EQ(b.outlets, 2u);
  ASSERT_FALSE(b.summary.empty());
  EXPECT_FALSE(b.headline.empty());
}

TEST(Brief, QuotesCarryTheirChainToTheOutlet) {
  Brief b = BuildBrief(Story());
  ASSERT_EQ(b.quotes.size(), 1u);
  EXPECT_EQ(b.quotes[0].chain,
            (std::vector<std::string>{"Mira Stoyanova", "a radio interview", "Nordinform", "Harbour Times"}));
  EXPECT_EQ(b.quotes[0].source, 1u);
  std::string md = ToMarkdown(b);
  EXPECT_NE(md.find("## Who said what"), std::string::npos) << md;
  EXPECT_NE(md.find("Mira Stoyanova → a radio interview → Nordinform → Harbour Times"), std::string::npos) << md;
  EXPECT_EQ(ToJson(b)["quotes"][0]["speaker"], "Mira Stoyanova");
}

TEST(Brief, ClaimsOnOneSourceAreOpenQuestions) {
  Brief b = BuildBrief(Story());
  ASSERT_FALSE(b.claims.empty());
  EXPECT_EQ(b.claims[0].asserted_by, std::vector<std::string>{"Mira Stoyanova"});
  EXPECT_EQ(b.claims[0].origins, 1u);
  ASSERT_FALSE(b.open_questions.empty());
  EXPECT_NE(b.open_questions[0].find("Rests on one source (Mira Stoyanova)"), std::string::npos);
  EXPECT_NE(ToMarkdown(b).find("## Claims"), std::string::npos);
  EXPECT_NE(ToHtml(b).find("Sources by claim"), std::string::npos);
}

// Found by bench_brief: a denial with neither a speaker nor an outlet to name it by.
TEST(Brief, ADenialWithoutANameIsStillAnOpenQuestion) {
  StoryArticles s = Story();
  Article& first = s.articles[0];
  const std::string claim = "Engineers closed the Varna river bridge on Monday after finding a crack";
  first.attributions[0].content = {0, static_cast<uint32_t>(claim.size())};
  const std::string denial = "that engineers closed the Varna river bridge on Monday after finding a crack is baseless fiction";
  s.articles[1] = Make("Bridge row", "Officials said " + denial + ".", "2031-05-07", "");
  Attribution at;
  const size_t from = s.articles[1].text.find(denial);
  at.content = {static_cast<uint32_t>(from), static_cast<uint32_t>(from + denial.size())};
  s.articles[1].attributions.push_back(at);
  Brief b = BuildBrief(s);
  bool contested = false;
  for (const auto& q : b.open_questions) contested |= q.starts_with("Contested:") && q.ends_with("is denied in the story.");
  EXPECT_TRUE(contested);
}

// Found by bench_brief: a quote whose speaker the quotes stage could not name.
TEST(Brief, AnUnnamedSpeakersQuoteReachesTheOutlet) {
  StoryArticles s = Story();
  s.articles[0].attributions[0].speaker = "he";
  s.articles[0].attributions[0].venue.clear();
  s.articles[0].attributions[0].relays.clear();
  Brief b = BuildBrief(s);
  ASSERT_EQ(b.quotes.size(), 1u);
  EXPECT_EQ(b.quotes[0].speaker, "(speaker not named)");
  EXPECT_EQ(b.quotes[0].chain, std::vector<std::string>{"Harbour Times"});
}

// A speaker quoted in both articles: the few lines shown come from both, and what is left
// out is counted so a reader knows to ask for it.
TEST(Brief, ASpeakersLinesComeFromEachOfTheirArticles) {
  StoryArticles s = Story();
  auto quote = [](Article& a, std::string_view words) {
    Attribution at;
    at.speaker = "Mira Stoyanova";
    const size_t from = a.text.find(words);
    at.content = {static_cast<uint32_t>(from), static_cast<uint32_t>(from + words.size())};
    a.attributions.push_back(at);
  };
  Article& first = s.articles[0];
  first.attributions.clear();
  for (std::string_view words : {"Engineers closed the Varna river", "after finding a crack in its main span",
                                  "Traffic was sent through the old town", "for the rest of the week"})
    quote(first, words);
  quote(s.articles[1], "after finding a crack in its main span");
  Brief b = BuildBrief(s);
  ASSERT_EQ(b.quotes.size(), 3u);
  std::set<size_t> sources;
  for (const QuoteLine& q : b.quotes) sources.insert(q.source);
  EXPECT_EQ(sources.size(), 2u);
  EXPECT_EQ(b.quotes_not_shown, 2u);
  EXPECT_NE(ToMarkdown(b).find("2 more statements: `sitrep quotes --story 7`"), std::string::npos);
}

TEST(Brief, HtmlEscapesHostileText) {
  StoryArticles s = Story();
  s.articles[1] = Make("<script>alert(1)</script>", "Engineers said \"<img src=x onerror=alert(2)>\" was found on the bridge over the river today.",
                       "2031-05-05", "Evil \" onmouseover=\"x");
  std::string html = ToHtml(BuildBrief(s));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("\" onmouseover=\""), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos) << "the dated sources are drawn";
}

TEST(Brief, MarkdownHeadingLevelsNest) {
  std::string md = ToMarkdown(BuildBrief(Story()), 2);
  EXPECT_TRUE(md.starts_with("## ")) << md;
  EXPECT_NE(md.find("\n### Sources"), std::string::npos) << md;
}

}  // namespace
}  // namespace sitrep::brief
