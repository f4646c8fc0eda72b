// A story's timeline: what happened when, as its articles tell it. Each dated clause (a
// sentence with a day-precise date, shortened to its clause) becomes an event; the same day
// told in similar words by several articles is one event with all of them as sources. What the
// articles speak of as ahead (plans, forecasts: "will visit", "may reopen in April") is kept
// apart, in the outlook, never mixed with what happened. Each article's own report is an event
// on its publication day; an undated article is dated by InferPublicationTime with the other
// articles' dates as context, and says so.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "article.h"

namespace sitrep {

struct TimelineSource {
  std::string article;  // article id
  std::string outlet;   // may be empty
  std::string quote;    // the sentence as this article words it
  std::string when_text;  // the words that dated it ("on Monday", "December 18", "published")
  bool ahead = false;  // told as a plan before it happened (merged into what then happened)
};

struct TimelineEvent {
  std::string when;   // TIMEX3-style value: "2022-12-19", or a window "2023-01/2023-03"
  std::string what;   // the clause, shortened
  Tense tense = Tense::kPast;  // kFuture: a plan or forecast (the outlook)
  bool report = false;  // the article's own publication (what it reports, on its day)
  std::vector<TimelineSource> sources;
};

struct Timeline {
  std::vector<TimelineEvent> events;   // what happened, oldest first
  std::vector<TimelineEvent> outlook;  // plans and forecasts, by the time they name
  // Articles whose date was inferred: id -> the inferred time, with evidence and confidence.
  std::vector<std::pair<std::string, PublicationTime>> inferred_dates;
};

// Articles in any order; their text, sentences and publication dates are read, and times are
// found afresh (FindTimes is a pure function of the text and the date).
Timeline BuildTimeline(std::span<const Article> articles);

}  // namespace sitrep
