// Who said what. For each attribution in an article: the cue ("said", "according to",
// "told"), the source (who, as written there: "he", "the ministry") and the content (what
// was said, direct or reported), then the speaker's fullest name in the article ("he" ->
// "Jane Roe"), where it was said (venue) and which outlets passed it on (relays).
//
// Cues, sources and contents come from a trained tagger (models/quotes.model, see README);
// speakers, venues and relays from rules over the found spans.
#pragma once

#include <string>
#include <vector>

#include "article.h"

namespace sitrep {

// Fills article.attributions (segmenting the article first if it has no tokens). Pure: the
// same article always gets the same attributions. Without a loadable model the attributions
// stay empty and QuoteModelError() says why.
void FindAttributions(Article& article);

// Empty when the quotes model loaded, else the file and the reason it could not be read.
const std::string& QuoteModelError();

// Where the model is read from: $SITREP_QUOTES_MODEL, else models/quotes.model in the source tree.
std::string QuoteModelPath();

}  // namespace sitrep

namespace sitrep {

// The attributions a reader should see: those whose content says something (five words or
// more) and is not already part of a longer attribution's content in the same article.
std::vector<const Attribution*> DistinctAttributions(const Article& article);

// How a statement reached the reader: the speaker (when named; pass "" otherwise), the
// venue, the relays, then the article's own outlet.
std::vector<std::string> ProvenanceChain(const Article& article, const Attribution& attribution,
                                         const std::string& speaker);

}  // namespace sitrep
