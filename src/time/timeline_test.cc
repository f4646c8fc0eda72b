#include "time/timeline.h"

#include <gtest/gtest.h>

#include <vector>

namespace sitrep {
namespace {

Article Make(std::string id, std::string outlet, std::string text, int y = 0, int m = 0, int d = 0) {
  Article a;
  a.id = std::move(id);
  a.outlet = std::move(outlet);
  a.text = std::move(text);
  if (y) {
    a.published.when.year = y, a.published.when.month = m, a.published.when.day = d;
    a.published.when.precision = Precision::kDay;
  }
  return a;
}

const TimelineEvent* On(const std::vector<TimelineEvent>& events, const std::string& when,
                        bool report = false) {
  for (const auto& e : events)
    if (e.when == when && e.report == report) return &e;
  return nullptr;
}

TEST(Timeline, SameDaySimilarClauseMergesAcrossArticles) {
  std::vector<Article> story = {
      Make("a1", "Harbour Times", "The harbour bridge was closed on March 3 after the storm.", 2021, 3, 4),
      Make("a2", "Coast Radio", "Officials closed the harbour bridge on March 3 because of the storm.", 2021, 3, 5),
      Make("a3", "Coast Radio", "The mayor met fishermen on March 2 to discuss quotas.", 2021, 3, 5)};
  Timeline t = BuildTimeline(story);
  const TimelineEvent* bridge = On(t.events, "2021-03-03");
  ASSERT_NE(bridge, nullptr);
  EXPECT_EQ(bridge->sources.size(), 2u);
  const TimelineEvent* meeting = On(t.events, "2021-03-02");
  ASSERT_NE(meeting, nullptr);
  EXPECT_EQ(meeting->sources.size(), 1u);
  EXPECT_EQ(meeting->sources[0].outlet, "Coast Radio");
  // each article is also a report on its own day
  EXPECT_NE(On(t.events, "2021-03-04", true), nullptr);
  // oldest first
  for (size_t i = 1; i < t.events.size(); ++i) EXPECT_LE(t.events[i - 1].when, t.events[i].when);
}

TEST(Timeline, DateStampClosingALineIsNoEvent) {
  std::vector<Article> story = {Make("s1", "Harbour Times",
                                     "The ferry resumed service on March 2 after repairs.\n"
                                     "Excerpted from “Ferries of the coast” 03.03.2021, 10:15. https://example.org/ferries\n"
                                     "Harbour Times, 02.03.2021\n",
                                     2021, 3, 4)};
  Timeline t = BuildTimeline(story);
  EXPECT_NE(On(t.events, "2021-03-02"), nullptr);
  EXPECT_EQ(On(t.events, "2021-03-03"), nullptr) << "a credit line's stamp dates no event";
}

TEST(Timeline, ForecastsAreKeptApart) {
  std::vector<Article> story = {Make(
      "b1", "", "The minister said on Monday that repairs may begin in May or in June at the latest.",
      2021, 3, 10)};
  Timeline t = BuildTimeline(story);
  ASSERT_EQ(t.outlook.size(), 1u);
  EXPECT_EQ(t.outlook[0].when, "2021-05/2021-06");
  EXPECT_EQ(t.outlook[0].tense, Tense::kFuture);
  for (const auto& e : t.events) EXPECT_NE(e.tense, Tense::kFuture);
}

TEST(Timeline, PlanThatCameToPassJoinsTheDay) {
  std::vector<Article> story = {
      Make("c1", "", "The envoy will visit the port on June 9 to meet the governor.", 2021, 6, 7),
      Make("c2", "", "The envoy visited the port on June 9 and met the governor.", 2021, 6, 10)};
  Timeline t = BuildTimeline(story);
  const TimelineEvent* visit = On(t.events, "2021-06-09");
  ASSERT_NE(visit, nullptr);
  ASSERT_EQ(visit->sources.size(), 2u);
  EXPECT_TRUE(visit->sources[0].ahead || visit->sources[1].ahead);
  EXPECT_TRUE(t.outlook.empty());
}

TEST(Timeline, UndatedArticleIsDatedFromTheStory) {
  std::vector<Article> story = {
      Make("d1", "", "The council voted on Tuesday, June 8, to close the market.", 2021, 6, 8),
      Make("d2", "", "After Tuesday's vote, traders protested outside the market.")};
  Timeline t = BuildTimeline(story);
  ASSERT_EQ(t.inferred_dates.size(), 1u);
  EXPECT_EQ(t.inferred_dates[0].first, "d2");
  EXPECT_EQ(t.inferred_dates[0].second.when.Iso(), "2021-06-08");
  EXPECT_EQ(t.inferred_dates[0].second.evidence.source, "inferred");
}

TEST(Timeline, ALongSentenceKeepsTheWordsNearestItsDate) {
  // one long sentence (a quotation closed by "…”") with no comma before the date: the
  // clause starts at the last stop
  std::string text =
      "The ferry has not sailed for weeks and the harbour master says the dredging will take longer "
      "than anyone had planned for because the silt keeps returning with every tide that comes in…” "
      "Quoted from the Harbour Gazette interview of 14 May 2021, at the quay.";
  Article a = Make("e1", "Harbour Gazette", text, 2021, 5, 15);
  a.published.when.hour = 9, a.published.when.minute = 5;
  a.published.when.precision = Precision::kMinute;
  Timeline t = BuildTimeline(std::vector<Article>{a});
  const TimelineEvent* item = On(t.events, "2021-05-14");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->what, "Quoted from the Harbour Gazette interview of 14 May 2021");
  // the article's own report carries its hour
  const TimelineEvent* report = On(t.events, "2021-05-15", true);
  ASSERT_NE(report, nullptr);
  EXPECT_EQ(report->sources[0].when_text, "published 09:05");
}

}  // namespace
}  // namespace sitrep
