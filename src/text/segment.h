// Sentences and tokens over the clean text, with ICU break iterators plus news
// abbreviations ("Lt. Gen.", "U.S.", "Dec."). A quotation that runs over several sentences
// keeps its sentences intact: no sentence starts inside a quote's closing mark.
#pragma once

#include "article.h"

namespace sitrep {

// Fills article.sentences and article.tokens from article.text and article.paragraphs.
void Segment(Article& article);

}  // namespace sitrep
