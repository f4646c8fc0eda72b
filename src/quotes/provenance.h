// Speakers, venues and relays for attributions already found: who the source is when it is a
// pronoun or a role ("he", "the minister" -> the fullest earlier name), where it was said
// ("on the air of a telethon", "in an interview with Radio Harbour") and through which
// outlets it reached the article ("according to Nordinform", "with a reference to ...").
#pragma once

#include "article.h"

namespace sitrep::quotes {

// Fills speaker, venue and relays of each of article.attributions.
void TraceProvenance(Article& article);

// The attributions of the tagger alone (no provenance), for evaluation.
struct QuoteModel;
// With `given_cues`, for those cues instead of the ones the cue tagger finds.
std::vector<Attribution> Attributions(const QuoteModel& m, const Article& a,
                                     const std::vector<Span>* given_cues = nullptr);

}  // namespace sitrep::quotes
