// Temporal expressions in English news text, tagged and normalised the TimeML (TIMEX3) way:
// DATE, TIME, DURATION and SET, with values resolved against an anchor (the document creation
// time). Hand-written rules over a light tokenisation, in the spirit of HeidelTime and SUTime:
// absolute dates in many formats, relative ones ("yesterday", "last week", "two days ago",
// "on Monday" read by the sentence's tense), partial dates completed from the anchor, fuzzy
// periods ("late January", "the 1990s"), durations, times of day, sets and the references
// PAST_REF / PRESENT_REF / FUTURE_REF. Extents follow TimeBank/TempEval-3: a determiner or
// modifier that is part of the expression ("the past three years", "early next year") is
// inside; prepositions ("on", "in") are not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace sitrep {

struct Timex {
  Span span;
  std::string type;   // DATE, TIME, DURATION, SET
  std::string value;  // "2022-12-19", "2022-W50", "P3Y", "XXXX-WXX", "PAST_REF"
  std::string mod;    // TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, ... (may be empty)
  // Past occurrence or plan/forecast: from the clause's words ("will", "may", "expected to",
  // "planned"; "was", "said", a past participle), else from the date against the anchor.
  Tense tense = Tense::kUnknown;
};

// Every expression in `text`, in order, none overlapping. `anchor` should be known to at
// least the day; when it is not, relative expressions get X-ed out values ("XXXX-XX-XX").
std::vector<Timex> FindTimexes(std::string_view text, const DateTime& anchor);

// The same as the article's layer type.
std::vector<TimeExpression> FindTimes(std::string_view text, const DateTime& anchor);

}  // namespace sitrep
