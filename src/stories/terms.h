// The terms a story is recognised by: stemmed content words (stop words out), names
// (capitalised words and runs of them not explained by a sentence start), places (names
// after "in", "at", "near", "from"), numbers (digits and the number words a count of dead
// or wounded is written in) and the title's words, each weighted by what it says about
// *which* event an article reports. There is no NER yet: names come from capitalisation.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "article.h"

namespace sitrep::stories {

enum class TermKind : uint8_t { kWord, kName, kNumber };

// How much one occurrence of each kind weighs; a title occurrence weighs `title` times more.
struct TermWeights {
  float word = 1.0f;
  float name = 2.0f;
  float place = 2.5f;
  float number = 1.5f;
  float title = 2.0f;
};

struct WeightedTerm {
  uint32_t term = 0;
  float weight = 0;  // kind weight × (1 + ln tf): no IDF yet, that is the clusterer's
};

// Turns articles into weighted terms over a vocabulary it grows as it goes. Not thread-safe
// (it owns the stemmers and their caches).
class TermExtractor {
 public:
  explicit TermExtractor(TermWeights weights = {});
  ~TermExtractor();
  TermExtractor(const TermExtractor&) = delete;

  // The article's terms, sorted by term id, each once. Uses tokens and sentences of the
  // text (the pipeline's) and segments the title itself.
  std::vector<WeightedTerm> Extract(const Article& article);

  TermKind Kind(uint32_t term) const;
  // As first seen: "shooting" for the stem "shoot", "Tara Reid", "13500".
  const std::string& Surface(uint32_t term) const;
  size_t size() const;  // terms in the vocabulary

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep::stories
