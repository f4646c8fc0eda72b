// A story brief: what a person who was not there needs to understand the event on one
// screen. Assembled from a story's articles and the layers the earlier stages left on them;
// rendered by render.h. A section whose stage found nothing is empty, never invented.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "article.h"
#include "brief/summary.h"
#include "story.h"

namespace sitrep::claims {
struct Claim;
}

namespace sitrep::brief {

struct Source {
  std::string article_id, outlet, url;
  std::string title;                 // for an untitled article, its opening words and "…"
  std::string published;             // ISO, empty when unknown
  std::string date_evidence;         // where the date came from ("json-ld", "text", ...)
  // When no date is stated: the day the text implies (the timeline's inference, a lower
  // bound: "on Monday" after the story's dated Sunday) and why, else both empty.
  std::string inferred, inferred_evidence;
  // What a reader sees in a date column: the stated date, "~day (inferred)" or "unknown".
  std::string DateShown() const;
  std::vector<std::string> relays;   // outlets it says it relays
  std::string copy_of;               // the upstream article when this one is a copy
};

struct SummaryLine {
  std::string text;
  size_t source = 0;  // index into Brief::sources
};

struct Actor {
  std::string name;
  std::string type;  // "person", "organisation", "place", "misc"
  std::vector<std::string> variants, roles;
  size_t mentions = 0, articles = 0;
};

// One attributed statement, with how it reached the reader.
struct QuoteLine {
  std::string speaker;     // as resolved, else as written
  std::string text;
  bool direct = false;
  std::string venue;
  std::vector<std::string> chain;  // speaker → venue → relays → the article's outlet
  size_t source = 0;
};

// A claim as the brief shows it: its support and who denies it, by source number.
struct ClaimLine {
  std::string wording;
  size_t statements = 0, articles = 0, outlets = 0, origins = 0;
  bool contested = false;
  std::vector<std::string> asserted_by, denied_by;  // speakers (or outlets), each once
  std::vector<size_t> for_sources, against_sources;  // indexes into Brief::sources
};

// One dated event of the story, or a plan or forecast (`forecast`), with its sources.
struct TimelineLine {
  std::string when;  // "2022-12-19", or a window "2023-01/2023-03"
  std::string what;
  bool forecast = false;
  std::vector<size_t> sources;  // indexes into Brief::sources
};

struct Brief {
  StoryId story = 0;
  std::string headline;
  std::string first_seen, last_seen;  // ISO dates over the sources
  std::vector<SummaryLine> summary;
  std::vector<Actor> actors;
  std::vector<QuoteLine> quotes;  // grouped by speaker, speakers by how much they said
  size_t quotes_not_shown = 0;    // statements left out to keep the brief to one screen
  std::vector<ClaimLine> claims;  // best supported first
  std::vector<TimelineLine> timeline;  // what happened oldest first, then the outlook
  std::vector<Source> sources;    // oldest first
  std::vector<std::string> open_questions;
  size_t outlets = 0, copies = 0;
};

// The brief of one story. `summary_words` bounds the summary. Open questions are the
// claims that rest on one origin and those the story both asserts and denies.
// The story is taken by value: identity resolution sets its mentions' entities and speakers.
Brief BuildBrief(StoryArticles story, size_t summary_words = 120);

// What the claims found (claims/claims.h) say in several articles, for the summary not to
// say one thing twice in other words. A denial says the opposite, and statements of one
// article are its own detail, so neither counts.
std::vector<SameStatement> SameStatements(const std::vector<claims::Claim>& found);

}  // namespace sitrep::brief
