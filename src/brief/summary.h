// The extractive summary of a story: a few sentences, taken across its outlets, that say
// what most of the articles say without saying it twice.
//
// Only sentences that stand alone compete: statements that end as sentences do, not
// captions, list introductions or page furniture, with a dateline ("Tuesday, March 4, ")
// trimmed off. Each is scored for relevance by LexRank (centrality in the graph of
// sentences that resemble each other) blended with closeness to the story's centroid and a
// news lead prior (reporters put the event first). The summary then grows greedily by the
// sentence that adds most per word to relevance plus coverage of the story's concepts
// (pairs of adjacent content words, weighed by how many articles say them), skipping any
// sentence too like one already taken. A plain centroid ranker without the rest is kept as
// the baseline `sitrep eval summary` measures against.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "article.h"

namespace sitrep::brief {

enum class SummaryMethod {
  kCentroid,  // the baseline: closeness to the centroid, best first, no redundancy check
  kRanked,    // LexRank + centroid + lead prior, with redundancy removal
};

struct SummaryOptions {
  SummaryMethod method = SummaryMethod::kRanked;
  size_t max_words = 100;        // stop once the summary holds this many words
  double max_similarity = 0.45;  // cosine above which a sentence repeats a chosen one
  // kRanked: a sentence's relevance blends these three (each scaled to a best of 1) ...
  // (weights chosen by `sitrep eval summary --cross-validate` on MultiLing 2011)
  double lexrank_weight = 0.1, centroid_weight = 0.1, lead_weight = 0.8;
  // ... and the summary maximises the story's concepts covered, in units of the best single
  // sentence's, times this, plus its sentences' relevance, a step at a time per word^this.
  double coverage_weight = 1.0, length_exponent = 0.5;
};

// A passage known to say what passages in other articles say (the statements of one claim,
// found across the story's articles by src/claims): sentences holding passages of one
// group repeat each other in other words, which term overlap alone cannot see.
struct SameStatement {
  size_t article = 0;  // index into the articles given
  Span span;           // the passage in that article's text
  size_t group = 0;    // passages of one group say one thing
};

struct SummarySentence {
  size_t article = 0;  // index into the articles given
  Span span;           // the sentence in that article's text
  double score = 0;
};

// The chosen sentences in reading order: by article date (articles without a stated date
// last, as given: a date inferred from the text is a lower bound, not when it appeared),
// each article's in their own order. The
// articles need their sentences and tokens (the pipeline's Segment); titles are not used.
// With `same`, the ranked method takes at most one sentence a group.
std::vector<SummarySentence> Summarize(std::span<const Article> articles,
                                       const SummaryOptions& options = {},
                                       std::span<const SameStatement> same = {});

}  // namespace sitrep::brief
