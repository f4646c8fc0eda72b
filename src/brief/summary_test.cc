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

TEST(Summary, EmptyStoryHasEmptySummary) { EXPECT_TRUE(Summarize({}, {}).empty()); }

}  // namespace
}  // namespace sitrep::brief
