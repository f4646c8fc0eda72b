#include "time/timex.h"

#include <gtest/gtest.h>

#include "time/timex_calendar.h"

namespace sitrep {
namespace {

DateTime Day(int y, int m, int d) {
  DateTime t;
  t.year = y, t.month = m, t.day = d;
  t.precision = Precision::kDay;
  return t;
}

// The one expression found in `text` as "type value [text]", or "none".
std::string One(std::string_view text, DateTime anchor = Day(2022, 12, 20)) {
  auto found = FindTimexes(text, anchor);
  if (found.empty()) return "none";
  const Timex& t = found.front();
  return t.type + " " + t.value + (t.mod.empty() ? "" : " " + t.mod) + " [" +
         std::string(text.substr(t.span.begin, t.span.size())) + "]";
}

TEST(Timex, AbsoluteDates) {
  EXPECT_EQ(One("at 19.12.2022 21:40 shelling"), "TIME 2022-12-19T21:40 [19.12.2022 21:40]");
  EXPECT_EQ(One("on 2022-12-20 it"), "DATE 2022-12-20 [2022-12-20]");
  EXPECT_EQ(One("on Dec. 19, 2022, it"), "DATE 2022-12-19 [Dec. 19, 2022]");
  EXPECT_EQ(One("on 19 December 2022 it"), "DATE 2022-12-19 [19 December 2022]");
  EXPECT_EQ(One("since 1990 the"), "DATE 1990 [1990]");
}

TEST(Timex, PartialDatesTakeTheAnchorsYear) {
  EXPECT_EQ(One("it happened on December 19"), "DATE 2022-12-19 [December 19]");
  // The nearest reading, unless the tense points the other way by more than a few weeks:
  // a past-tense September in a December article is this year's, a future one next year's.
  EXPECT_EQ(One("talks were held in September"), "DATE 2022-09 [September]");
  EXPECT_EQ(One("talks will be held in September"), "DATE 2023-09 [September]");
}

TEST(Timex, RelativeDates) {
  EXPECT_EQ(One("yesterday"), "DATE 2022-12-19 [yesterday]");
  EXPECT_EQ(One("tomorrow"), "DATE 2022-12-21 [tomorrow]");
  EXPECT_EQ(One("it rose last week"), "DATE 2022-W50 [last week]");
  EXPECT_EQ(One("this year"), "DATE 2022 [this year]");
  EXPECT_EQ(One("next month"), "DATE 2023-01 [next month]");
  EXPECT_EQ(One("two days ago"), "DATE 2022-12-18 [two days ago]");
  // 2022-12-20 is a Tuesday: a past-tense Monday is the day before, a future one next week.
  EXPECT_EQ(One("he said on Monday"), "DATE 2022-12-19 [Monday]");
  EXPECT_EQ(One("he will go on Monday"), "DATE 2022-12-26 [Monday]");
}

TEST(Timex, FuzzyPeriodsAndDurations) {
  // No tense: the nearest January, as the reader in late December would take it.
  EXPECT_EQ(One("in late January"), "DATE 2023-01 END [late January]");
  EXPECT_EQ(One("by early 2023 it"), "DATE 2023 START [early 2023]");
  EXPECT_EQ(One("in the 1990s"), "DATE 199 [the 1990s]");
  EXPECT_EQ(One("over the past three years"), "DURATION P3Y [the past three years]");
  EXPECT_EQ(One("for six months"), "DURATION P6M [six months]");
  EXPECT_EQ(One("a five-year plan"), "DURATION P5Y [five-year]");
  EXPECT_EQ(One("in the third quarter"), "DATE 2022-Q3 [the third quarter]");
}

TEST(Timex, TimesSetsAndReferences) {
  EXPECT_EQ(One("at 9:40 p.m. the"), "TIME 2022-12-20T21:40 [9:40 p.m.]");
  EXPECT_EQ(One("at noon"), "TIME 2022-12-20T12:00 [noon]");
  EXPECT_EQ(One("every week"), "SET P1W [every week]");
  EXPECT_EQ(One("published daily"), "SET P1D [daily]");
  EXPECT_EQ(One("is now open"), "DATE PRESENT_REF [now]");
  EXPECT_EQ(One("was recently"), "DATE PAST_REF [recently]");
  EXPECT_EQ(One("in the future"), "DATE FUTURE_REF [the future]");
}

// Every expression in `text`, "type value [text]" joined by " | ".
std::string All(std::string_view text, DateTime anchor = Day(2022, 12, 20)) {
  std::string out;
  for (const Timex& t : FindTimexes(text, anchor)) {
    if (!out.empty()) out += " | ";
    out += t.type + " " + t.value + (t.mod.empty() ? "" : " " + t.mod) + " [" +
           std::string(text.substr(t.span.begin, t.span.size())) + "]";
  }
  return out;
}

TEST(Timex, WeekdaysAndTenseReach) {
  // 2022-12-20 is a Tuesday: wire copy naming its own weekday means the day itself.
  EXPECT_EQ(One("the minister said on Tuesday"), "DATE 2022-12-20 [Tuesday]");
  // A past tense points back unless that lands more than nine months away.
  EXPECT_EQ(One("the plant was closed in December", Day(2022, 1, 10)), "DATE 2021-12 [December]");
  EXPECT_EQ(One("the vote was held in February", Day(2022, 1, 5)), "DATE 2022-02 [February]");
}

TEST(Timex, ReferenceTimeOfANarrative) {
  EXPECT_EQ(All("He moved there in 2015. Two years later he left."),
            "DATE 2015 [2015] | DATE 2017 [Two years later]");
  EXPECT_EQ(All("Talks began on March 3, 2021, and a deal was signed the same day."),
            "DATE 2021-03-03 [March 3, 2021] | DATE 2021-03-03 [the same day]");
  EXPECT_EQ(All("The plant opened in 2010 and closed the following year."),
            "DATE 2010 [2010] | DATE 2011 [the following year]");
  EXPECT_EQ(All("The ceasefire began on Friday. The next day, fighting resumed."),
            "DATE 2022-12-16 [Friday] | DATE 2022-12-17 [The next day]");
  // A bare "the day" only where it is plainly a date; with nothing before, the document's.
  EXPECT_EQ(One("The index ended the day 2% higher."), "DATE 2022-12-20 [the day]");
  EXPECT_EQ(One("The day belonged to the fans."), "none");
}

TEST(Timex, FinancialComparisonsAYearBack) {
  EXPECT_EQ(All("Profit in the third quarter rose from $2 million a year earlier."),
            "DATE 2022-Q3 [the third quarter] | DATE 2021-Q3 [a year earlier]");
  EXPECT_EQ(All("Sales in the second quarter beat the year-ago quarter."),
            "DATE 2022-Q2 [the second quarter] | DATE 2021-Q2 [the year-ago quarter]");
  EXPECT_EQ(All("Sales in November were up on the same period last year."),
            "DATE 2022-11 [November] | DATE 2021-11 [the same period last year]");
  // A comparison does not move the reference: the second one counts from the quarter too.
  EXPECT_EQ(All("Profit in the first quarter was up from a year ago and from a year earlier."),
            "DATE 2022-Q1 [the first quarter] | DATE 2021-Q1 [a year ago] | DATE 2021-Q1 [a year earlier]");
  EXPECT_EQ(One("compared with the 2020 second quarter"), "DATE 2020-Q2 [the 2020 second quarter]");
  EXPECT_EQ(One("results for this year's third quarter"), "DATE 2022-Q3 [this year's third quarter]");
  EXPECT_EQ(One("revenue for the year ended March 31 was"), "DURATION P1Y [the year]");
}

TEST(Timex, ReferenceWordsAndClippedForms) {
  EXPECT_EQ(One("blamed recent declines on"), "DATE PAST_REF [recent]");
  EXPECT_EQ(One("under current conditions"), "DATE PRESENT_REF [current]");
  EXPECT_EQ(One("the most recent report"), "none");
  EXPECT_EQ(One("it will stay shut for the time being"), "DATE PRESENT_REF [the time being]");
  EXPECT_EQ(One("prospects in the near term are good"), "DATE FUTURE_REF [the near term]");
  EXPECT_EQ(One("parked in the long-term lot"), "none");
  EXPECT_EQ(One("markets opened at 0800 UTC on"), "TIME 2022-12-20T08:00Z [0800 UTC]");
  EXPECT_EQ(One("the lowest level since '82 on"), "DATE 1982 ['82]");
  EXPECT_EQ(One("due by mid-2024 at"), "DATE 2024 MID [mid-2024]");
}

TEST(Timex, LeavesNonTimesAlone) {
  EXPECT_EQ(One("2000 people marched"), "none");
  EXPECT_EQ(One("you may go"), "none");
  EXPECT_EQ(One("a 5-year-old boy"), "none");
  EXPECT_EQ(One("for a second time"), "none");
}

TEST(Timex, UnknownAnchorLeavesValuesOpen) {
  EXPECT_EQ(One("yesterday", DateTime{}), "DATE XXXX-XX-XX [yesterday]");
}

TEST(TimexCalendar, IsoWeeksAndWeekdays) {
  using namespace timex_cal;
  EXPECT_EQ(Week(DaysFromCivil(2022, 12, 20)), "2022-W51");
  EXPECT_EQ(Week(DaysFromCivil(2021, 1, 3)), "2020-W53");
  EXPECT_EQ(Weekday(DaysFromCivil(2022, 12, 19)), 1);
  EXPECT_EQ(Date(DaysFromCivil(2024, 2, 29) + 1), "2024-03-01");
  EXPECT_EQ(AddMonths(2022, 12, 1), "2023-01");
  EXPECT_EQ(AddMonths(2022, 1, -1), "2021-12");
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

Tense TenseOfFirst(std::string_view text) {
  auto found = FindTimexes(text, Day(2022, 12, 20));
  return found.empty() ? Tense::kUnknown : found.front().tense;
}

TEST(Timex, TenseOfTheClause) {
  EXPECT_EQ(TenseOfFirst("The envoy will come to the port on Monday."), Tense::kFuture);
  EXPECT_EQ(TenseOfFirst("Repairs may begin in February."), Tense::kFuture);
  EXPECT_EQ(TenseOfFirst("The vote is expected to take place in March."), Tense::kFuture);
  EXPECT_EQ(TenseOfFirst("The bridge is to be reopened in March."), Tense::kFuture);
  EXPECT_EQ(TenseOfFirst("The council met on Monday."), Tense::kPast);
  EXPECT_EQ(TenseOfFirst("The mayor resigned on Monday."), Tense::kPast);
  EXPECT_EQ(TenseOfFirst("The mayor will succeed him; he was sworn in on Monday."), Tense::kPast);
  // no words to go by: the date against the anchor decides
  EXPECT_EQ(TenseOfFirst("Elections: March 2023."), Tense::kFuture);
  EXPECT_EQ(TenseOfFirst("Elections: March 2021."), Tense::kPast);
  // the tense picks the reading of a bare weekday or month
  EXPECT_EQ(One("The envoy will come on Thursday."), "DATE 2022-12-22 [Thursday]");
  EXPECT_EQ(One("The envoy came on Thursday."), "DATE 2022-12-15 [Thursday]");
  EXPECT_EQ(One("The transaction should be completed in March."), "DATE 2023-03 [March]");
}

TEST(Timex, ModAndComposedDates) {
  EXPECT_EQ(One("in late January"), "DATE 2023-01 END [late January]");
  EXPECT_EQ(One("by early 2023"), "DATE 2023 START [early 2023]");
  EXPECT_EQ(One("for about two weeks"), "DURATION P2W APPROX [about two weeks]");
  EXPECT_EQ(One("it ended late yesterday"), "DATE 2022-12-19 END [late yesterday]");
  EXPECT_EQ(One("in July last year"), "DATE 2021-07 [July last year]");
  EXPECT_EQ(One("for 5 1/2 hours"), "DURATION PT5H30M [5 1/2 hours]");
  EXPECT_EQ(One("in nineteen ninety-six"), "DATE 1996 [nineteen ninety-six]");
  EXPECT_EQ(One("since the 1995 shooting"), "DATE 1995 [1995]");
  EXPECT_EQ(One("in recent months"), "DURATION PXM [recent months]");
  EXPECT_EQ(One("minister Jan Novak said"), "none");
}

// 2022-12-20 is a Tuesday.
TEST(Timex, TenseStopsAtQuotesAndPlansOfThePast) {
  // the reporting clause after a quote is not the quote's tense
  EXPECT_EQ(One("``The envoy will leave at dawn on Thursday,'' the mayor said."),
            "DATE 2022-12-22 [Thursday]");
  // a plan told in the past perfect, or carried out, is past
  EXPECT_EQ(One("The offer had been due to expire Friday."), "DATE 2022-12-16 [Friday]");
  EXPECT_EQ(One("The march went ahead as planned Saturday."), "DATE 2022-12-17 [Saturday]");
  // "plans" is a cue before "to" only
  EXPECT_EQ(One("The council plans to vote on Friday."), "DATE 2022-12-23 [Friday]");
  EXPECT_EQ(One("On Friday, when the mayor dropped his holiday plans, the port was shut."),
            "DATE 2022-12-16 [Friday]");
}

TEST(Timex, WeekdayCountedFromTheNarrative) {
  EXPECT_EQ(All("The index fell on Dec. 9, down 2% from the previous Friday."),
            "DATE 2022-12-09 [Dec. 9] | DATE 2022-12-02 [the previous Friday]");
  EXPECT_EQ(All("Talks opened on Dec. 7 and resumed the following Monday."),
            "DATE 2022-12-07 [Dec. 7] | DATE 2022-12-12 [the following Monday]");
}

TEST(Timex, YearEndLatestPeriodAndDecades) {
  EXPECT_EQ(One("The sale should close by year-end."), "DATE 2022 END [year-end]");
  EXPECT_EQ(One("Shares have risen 4% since year-end."), "DATE 2021 END [year-end]");
  EXPECT_EQ(One("It hopes to do so by year's end."), "DATE 2022 END [year's end]");
  EXPECT_EQ(All("Profit rose in the third quarter. Sales in the latest period rose 5%."),
            "DATE 2022-Q3 [the third quarter] | DATE 2022-Q3 [the latest period]");
  EXPECT_EQ(One("Sales in the latest period rose."), "none");  // no quarters told of
  EXPECT_EQ(One("a decades-long dispute"), "DURATION PXY [decades-long]");
}

TEST(Timex, YearBackAdjectiveAndComparisonPeriods) {
  // "a year-earlier loss" is a date a year back, not a year's length
  EXPECT_EQ(All("Profit rose in the third quarter, compared with a year-earlier loss."),
            "DATE 2022-Q3 [the third quarter] | DATE 2021-Q3 [year-earlier]");
  // "the 2021 period" is the counterpart compared with: "a year earlier" still counts from
  // the quarter reported on
  EXPECT_EQ(All("Sales rose in the third quarter; in the 2021 period they fell. Costs rose from a "
                "year earlier."),
            "DATE 2022-Q3 [the third quarter] | DATE 2021-Q3 [the 2021 period] | DATE 2021-Q3 [a "
            "year earlier]");
}

TEST(Timex, Seasons) {
  EXPECT_EQ(One("Orders picked up from the low levels of the early summer."),
            "DATE 2022-SU START [the early summer]");
  EXPECT_EQ(One("The dealers said spring brought hope."), "DATE 2022-SP [spring]");
  EXPECT_EQ(One("The lenders held their Autumn meetings."), "DATE 2022-FA [Autumn]");
  EXPECT_EQ(One("in late winter 2021"), "DATE 2021-WI END [late winter 2021]");
  EXPECT_EQ(One("Prices may fall sharply."), "none");
  EXPECT_EQ(One("the Spring of Hope rally"), "none");
  EXPECT_EQ(One("the Summer Games"), "none");
}

TEST(Timex, CountedStretchesFiscalYearAndSecondDays) {
  EXPECT_EQ(One("The ferry will run for two more weeks."), "DURATION P2W [two more weeks]");
  EXPECT_EQ(One("for an additional year"), "DURATION P1Y [an additional year]");
  EXPECT_EQ(One("after six straight days of losses"), "DURATION P6D [six straight days]");
  EXPECT_EQ(One("Eight trading days after the crash"), "DURATION P8D [Eight trading days]");
  EXPECT_EQ(One("Earnings will fall for the fiscal year."), "DATE 2022 [the fiscal year]");
  EXPECT_EQ(One("In the fiscal year ended March 31, sales rose."), "DURATION P1Y [the fiscal year]");
  EXPECT_EQ(All("The summit will be held on April 24 and 25."),
            "DATE 2023-04-24 [April 24] | DATE 2023-04-25 [25]");
  EXPECT_EQ(All("On May 3 and 4 ships sailed."), "DATE 2022-05-03 [May 3]");
  EXPECT_EQ(One("The ship will leave at 4 in the morning."), "TIME 2022-12-20T04:00 [4 in the morning]");
}

TEST(Timex, ClockWithDateWeekOfAndTitles) {
  EXPECT_EQ(One("The offer expires at 5 p.m. EST Jan. 9."), "TIME 2023-01-09T17:00 [5 p.m. EST Jan. 9]");
  EXPECT_EQ(One("a hearing the week of March 6"), "DATE 2023-W10 [the week of March 6]");
  EXPECT_EQ(One("the minister said on ABC's \"This Week\" show"), "none");
  EXPECT_EQ(One("like the sheriff in \"High Noon\""), "none");
}

TEST(Timex, RecurringWeekdaysMonthsAndSeasons) {
  EXPECT_EQ(One("The market opens on Mondays."), "SET XXXX-WXX-1 [Mondays]");
  EXPECT_EQ(One("a show aired on Tuesday nights"), "SET XXXX-WXX-2TNI [Tuesday nights]");
  EXPECT_EQ(One("The fair is held each July."), "SET XXXX-07 [each July]");
  EXPECT_EQ(One("Floods come every spring."), "SET XXXX-SP [every spring]");
  EXPECT_EQ(One("The envoy left on Monday night."), "TIME 2022-12-19TNI [Monday night]");
}

TEST(Timex, SinceAndEndedTakeThePastReading) {
  // ten months back: beyond the tense's usual reach, but "ended" and "since" look back
  EXPECT_EQ(All("In the quarter ended Feb. 28, sales rose.", Day(2022, 12, 20)),
            "DATE 2022-Q3 [the quarter] | DATE 2022-02-28 [Feb. 28]");
  EXPECT_EQ(One("Prices have doubled since February.", Day(2022, 12, 20)), "DATE 2022-02 [February]");
}

TEST(Timex, WeeksAgoIsADay) {
  // TimeBank and MEANTIME mostly give the day counted back, not its ISO week
  EXPECT_EQ(One("The quake struck two weeks ago."), "DATE 2022-12-06 [two weeks ago]");
  EXPECT_EQ(One("The talks ended a week ago."), "DATE 2022-12-13 [a week ago]");
}

TEST(Timex, ByAMonthIsADeadlineAhead) {
  // the clause's nearest cue ("untouched") would read it as past
  EXPECT_EQ(One("The airline will add flights by March, in markets untouched by the slump.",
                Day(2022, 12, 20)),
            "DATE 2023-03 [March]");
}

TEST(Timex, PartOfTheNarratedDay) {
  EXPECT_EQ(All("Shares fell on Dec. 16. Dealers sold in the morning."),
            "DATE 2022-12-16 [Dec. 16] | TIME 2022-12-16TMO [the morning]");
  EXPECT_EQ(One("Sirens sounded during the night of the raid."), "none");
}

TEST(Timex, HalvesOfDecadesAndTwoQuarters) {
  EXPECT_EQ(One("Sales were flat through the last half of the '80s."), "DATE 198 END [the last half of the '80s]");
  EXPECT_EQ(One("Growth slowed in the first half of the 1970s."), "DATE 197 START [the first half of the 1970s]");
  EXPECT_EQ(One("Demand should hold through the first two quarters of 2023."),
            "DATE 2023-H1 [the first two quarters of 2023]");
  EXPECT_EQ(One("Output may fall in the last two quarters of 2023."), "DATE 2023-H2 [the last two quarters of 2023]");
}

TEST(Timex, TheDayBeforeADate) {
  // Tuesday 2022-12-13 is the last Tuesday before the anchor
  EXPECT_EQ(One("The day before last Tuesday's vote, the mayor resigned."),
            "DATE 2022-12-12 [The day before last Tuesday]");
  EXPECT_EQ(One("Crowds returned the day after Christmas."), "DATE 2022-12-26 [the day after Christmas]");
  EXPECT_EQ(One("He slept the day before the vote."), "none");
}

TEST(Timex, AComparisonAgoLeavesTheNarrative) {
  // "from a year ago" is the point compared with: "a year earlier" still counts from 2022
  EXPECT_EQ(All("Output fell 8% from a year ago. Costs rose compared with a year earlier."),
            "DATE 2021 [a year ago] | DATE 2021 [a year earlier]");
}

TEST(Timex, UnstatedStretches) {
  EXPECT_EQ(One("Troops will arrive within weeks."), "DURATION PXW [weeks]");
  EXPECT_EQ(One("Funds may sell bonds in the weeks ahead."), "DURATION PXW [the weeks ahead]");
  EXPECT_EQ(One("Prices will rise in the months to come."), "DURATION PXM [the months to come]");
  EXPECT_EQ(One("Over the next couple of years sales should grow."), "DURATION P2Y [the next couple of years]");
}

TEST(Timex, NowThatIsTheNow) {
  EXPECT_EQ(One("The port is the only outlet now that the border is shut."), "DATE PRESENT_REF [now]");
}

TEST(Timex, MidPartsOfTheDayAndStretchesOverTheYears) {
  EXPECT_EQ(One("By mid afternoon the shelling had stopped."), "TIME 2022-12-20TAF [mid afternoon]");
  EXPECT_EQ(One("Shares rose at mid-afternoon yesterday."), "TIME 2022-12-19TAF [mid-afternoon yesterday]");
  EXPECT_EQ(One("Sirens sounded midmorning."), "TIME 2022-12-20TMO [midmorning]");
  EXPECT_EQ(One("Over the years the town grew."), "DURATION PXY [the years]");
  EXPECT_EQ(One("Through the decades the river moved."), "DURATION PXY [the decades]");
  EXPECT_EQ(One("He read over the weeks of the trial."), "none");
}

TEST(Timex, ProgrammeNamesAreNoTimes) {
  EXPECT_EQ(One("This is Harbour Radio Today."), "none");
  EXPECT_EQ(One("He said on ''60 Minutes'' that he would stay."), "none");
  EXPECT_EQ(One("Prices rose. Today the market is calm."), "DATE 2022-12-20 [Today]");
  EXPECT_EQ(One("He spoke for 60 minutes."), "DURATION PT60M [60 minutes]");
}

TEST(Timex, LikelyToIsAForecast) {
  // Tuesday 2022-12-20: "likely to" points to the coming Monday, not the last one
  EXPECT_EQ(One("Trading is likely to resume Monday."), "DATE 2022-12-26 [Monday]");
}

}  // namespace
}  // namespace sitrep
