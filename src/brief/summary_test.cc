#include "brief/summary.h"

#include <gtest/gtest.h>

#include "pipeline/pipeline.h"

namespace sitrep::brief {
namespace {

Article Make(std::string body, std::string date = "") {
  Document d;
  d.container = "text";
  d.body = std::move(body);
  d.date = std::move(date);
  return BuildArticle(std::move(d));
}

std::vector<std::string> Texts(const std::vector<Article>& articles,
                               const std::vector<SummarySentence>& summary) {
  std::vector<std::string> out;
  for (const auto& s : summary) out.emplace_back(articles[s.article].Text(s.span));
  return out;
}

// Three invented reports of one flood; two outlets carry the same wire lead.
std::vector<Article> FloodReports() {
  const std::string lead =
      "Floods swept through the river town of Dunmore on Tuesday, forcing two thousand people "
      "from their homes.";
  return {
      Make(lead + " Rescue crews worked through the night to reach families stranded on roofs. "
                  "The mayor said the old levee had failed after three days of rain.",
           "2031-04-02"),
      Make(lead + " Schools across the district stayed closed. Forecasters expect more rain in "
                  "the coming days over the hills above the town.",
           "2031-04-02"),
      Make("The levee that failed in Dunmore had been rated unsafe by inspectors two years ago, "
           "records show. Officials had promised repairs that never began. Residents of the "
           "river town are now asking who will pay for the damage.",
           "2031-04-03"),
  };
}

TEST(Summary, TakesTheLeadOnceAndStaysWithinTheBudget) {
  auto articles = FloodReports();
  SummaryOptions opt;
  opt.max_words = 40;
  auto summary = Summarize(articles, opt);
  auto texts = Texts(articles, summary);
  ASSERT_FALSE(texts.empty());
  int leads = 0;
  for (const auto& t : texts) leads += t.starts_with("Floods swept");
  EXPECT_EQ(leads, 1) << "the copied lead is one statement, said once";
  size_t words = 0;
  for (const auto& s : summary) words += std::count(articles[s.article].Text(s.span).begin(),
                                                   articles[s.article].Text(s.span).end(), ' ') + 1;
  EXPECT_LT(words, opt.max_words + 40) << "stops once the budget is reached";
}

TEST(Summary, BaselineKeepsRepeatsTheRankedMethodDrops) {
  auto articles = FloodReports();
  SummaryOptions opt;
  opt.max_words = 1000;
  opt.method = SummaryMethod::kCentroid;
  int leads = 0;
  for (const auto& t : Texts(articles, Summarize(articles, opt))) leads += t.starts_with("Floods swept");
  EXPECT_EQ(leads, 2);
}

TEST(Summary, ReadsInDateOrderAndSkipsFragments) {
  auto articles = FloodReports();
  std::swap(articles[0], articles[2]);  // the later report first
  articles.push_back(Make("Share this story.", "2031-04-01"));
  auto summary = Summarize(articles, {});
  ASSERT_GE(summary.size(), 2u);
  EXPECT_NE(summary.front().article, 0u) << "the 3 April report comes after the 2 April ones";
  for (const auto& s : summary) EXPECT_NE(s.article, 3u) << "too short to be a summary sentence";
}

TEST(Summary, DropsTheDatelineWeekdayAndDate) {
  auto articles = FloodReports();
  articles.push_back(Make("Wednesday, April 3, 2031 Engineers began pumping water out of the "
                          "flooded streets of Dunmore as the river fell.",
                          "2031-04-03"));
  articles.push_back(Make("Thursday, Volunteers in Dunmore handed out food and blankets to the "
                          "families the floods had driven from their homes.",
                          "2031-04-04"));
  SummaryOptions opt;
  opt.max_words = 1000;
  for (const auto& t : Texts(articles, Summarize(articles, opt))) {
    EXPECT_FALSE(t.starts_with("Wednesday") || t.starts_with("Thursday")) << t;
    EXPECT_FALSE(t.starts_with("April")) << t;
  }
}

TEST(Summary, KeepsAWeekdayThatOpensTheStatement) {
  std::vector<Article> articles{
      Make("Tuesday was the wettest day Dunmore has recorded since the levee was built.")};
  auto texts = Texts(articles, Summarize(articles, {}));
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_TRUE(texts[0].starts_with("Tuesday was")) << texts[0];
}

TEST(Summary, NeverTakesCaptionsOrPageFurniture) {
  auto articles = FloodReports();
  // Each report carries the same caption and share line: central, but not statements.
  for (Article& a : articles) {
    Document d;
    d.container = "text";
    d.body = a.text + "\n\nRescue crews and residents on the failed levee above Dunmore after "
                      "the floods\n\nShare this story on Facebook, Twitter and by email with "
                      "your friends.";
    d.date = a.published.when.known() ? "2031-04-02" : "";
    a = BuildArticle(std::move(d));
  }
  SummaryOptions opt;
  opt.max_words = 1000;
  for (const auto& t : Texts(articles, Summarize(articles, opt))) {
    EXPECT_EQ(t.find("Rescue crews and residents"), std::string::npos) << t;
    EXPECT_EQ(t.find("Share this story"), std::string::npos) << t;
  }
}

TEST(Summary, SkipsASentenceThatAnswersTheOneBefore) {
  std::vector<Article> articles{
      Make("The river rose overnight in Dunmore after three days of heavy rain. However, the old "
           "levee held through the night without a breach, engineers said.")};
  SummaryOptions opt;
  opt.max_words = 1000;
  auto texts = Texts(articles, Summarize(articles, opt));
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_TRUE(texts[0].starts_with("The river rose")) << texts[0];
}

TEST(Summary, PrefersWhatSeveralArticlesSay) {
  // Three leads of equal standing, the shortest saying what no other report says.
  std::vector<Article> articles{
      Make("A brass band opened the new library in Ostrava on Friday. "
           "The city council approved a budget cut for public libraries across the region.",
           "2031-05-02"),
      Make("The city council approved a budget cut for public libraries, angering readers. "
           "Readers gathered outside the town hall to protest against the budget cut.",
           "2031-05-03"),
      Make("Librarians warned the budget cut for public libraries would close branches. "
           "Opening hours will be shortened from June.",
           "2031-05-03"),
  };
  SummaryOptions opt;
  opt.max_words = 10;  // room for one sentence
  opt.lead_weight = 1, opt.lexrank_weight = opt.centroid_weight = 0;
  opt.coverage_weight = 0;
  auto texts = Texts(articles, Summarize(articles, opt));
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_NE(texts[0].find("brass band"), std::string::npos) << "by the lead alone, the shortest";
  opt.coverage_weight = 1;
  texts = Texts(articles, Summarize(articles, opt));
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0].find("brass band"), std::string::npos) << texts[0];
}

// Two outlets say one thing in other words; the claims stage knows, word overlap does not.
TEST(Summary, SaysOnceWhatTheClaimsKnowIsOneStatement) {
  std::vector<Article> articles = {
      Make("The harbour master ordered every trawler in Kelby to stay in port until the storm "
           "passes. Dock workers tied down cranes along the quay.",
           "2031-05-01"),
      Make("Fishing boats in Kelby were told by port authorities to remain moored for the duration "
           "of the gale. The town hall opened a shelter in the old school.",
           "2031-05-01"),
  };
  SummaryOptions opt;
  opt.max_words = 60;
  auto both = Texts(articles, Summarize(articles, opt));
  auto said = [](const std::vector<std::string>& texts, std::string_view start) {
    return std::count_if(texts.begin(), texts.end(), [&](const auto& t) { return t.starts_with(start); });
  };
  ASSERT_EQ(said(both, "The harbour master") + said(both, "Fishing boats"), 2)
      << "without the claims, both wordings are taken";
  const SameStatement same[] = {{0, articles[0].sentences[0].span, 7},
                                {1, articles[1].sentences[0].span, 7}};
  auto once = Texts(articles, Summarize(articles, opt, same));
  EXPECT_EQ(said(once, "The harbour master") + said(once, "Fishing boats"), 1);
  EXPECT_EQ(said(once, "Dock workers") + said(once, "The town hall"), 2) << "the rest still fits";
}

TEST(Summary, NeverTakesQuestionsPronounOpenersOrCreditLines) {
  std::vector<Article> articles = {
      Make("What will the council decide about the flooded bridge over the Arle river? He said that "
           "the repairs would take months. Engineer Tom Pike said this on the morning show at Arle. "
           "The council closed the bridge over the Arle river to all traffic on Monday.",
           "2031-06-01"),
  };
  SummaryOptions opt;
  opt.max_words = 200;
  for (const auto& t : Texts(articles, Summarize(articles, opt))) {
    EXPECT_FALSE(t.ends_with("?")) << t;
    EXPECT_FALSE(t.starts_with("He said")) << t;
    EXPECT_EQ(t.find("said this"), std::string::npos) << t;
  }
  EXPECT_FALSE(Summarize(articles, opt).empty()) << "the statement that stands alone is taken";
}

TEST(Summary, NeverTakesFirstPersonLinesOfAnInterview) {
  std::vector<Article> articles = {
      Make("The council closed the bridge over the Arle river to all traffic on Monday after "
           "inspectors found cracks.\n\n"
           "\u2014 I think the bridge over the Arle river could stay closed to traffic for months.\n\n"
           "We expect the council to reopen the bridge over the Arle river to traffic by spring.",
           "2031-06-01"),
  };
  SummaryOptions opt;
  opt.max_words = 200;
  const auto texts = Texts(articles, Summarize(articles, opt));
  ASSERT_FALSE(texts.empty());
  for (const auto& t : texts) {
    EXPECT_FALSE(t.starts_with("\u2014")) << t;
    EXPECT_FALSE(t.starts_with("We ")) << t;
  }
}

TEST(Summary, EmptyStoryHasEmptySummary) { EXPECT_TRUE(Summarize({}, {}).empty()); }

}  // namespace
}  // namespace sitrep::brief
