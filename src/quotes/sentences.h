// Finding an attribution's sentence: shared by the quotes stage's rules (repair.cc,
// provenance.cc). Internal to src/quotes.
#pragma once

#include <cstdint>

#include "article.h"

namespace sitrep::quotes {

// The sentence holding byte `at`, or nullptr when none does (a gap between sentences).
inline const Sentence* SentenceAt(const Article& a, uint32_t at) {
  for (const Sentence& s : a.sentences)
    if (s.span.begin <= at && at < s.span.end) return &s;
  return nullptr;
}

// The span of the sentence holding byte `at`, or the empty span at `at` when none does.
inline Span SentenceSpanAt(const Article& a, uint32_t at) {
  const Sentence* s = SentenceAt(a, at);
  return s ? s->span : Span{at, at};
}

}  // namespace sitrep::quotes
