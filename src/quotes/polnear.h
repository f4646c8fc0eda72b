// PolNeAR (Newell et al. 2018: attribution in political news) as JSON Lines, one record an
// article and annotator, and the scores `sitrep eval quotes` prints.
#pragma once

#include <string>
#include <vector>

#include "quotes/model.h"

namespace sitrep::quotes {

// Reads a PolNeAR file: for each article the first annotator in file order, its text
// segmented, gold spans converted from code points to UTF-8 bytes. Throws
// std::runtime_error naming the file and line on unreadable input.
std::vector<GoldDocument> LoadPolnear(const std::string& path);

struct Prf {
  size_t matched = 0, predicted = 0, gold = 0;
  double p() const { return predicted ? double(matched) / predicted : 0; }
  double r() const { return gold ? double(matched) / gold : 0; }
  double f1() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
  void Add(const Prf& o) { matched += o.matched, predicted += o.predicted, gold += o.gold; }
};

// Span scores for one field. Exact: the same span once white space and punctuation are
// trimmed from both ends. Overlap: the found span holds at least half of the gold span's word
// tokens. Each gold span matches at most one found span and the other way round.
Prf ScoreExact(const Article& a, const std::vector<Span>& gold, const std::vector<Span>& found);
Prf ScoreOverlap(const Article& a, const std::vector<Span>& gold, const std::vector<Span>& found);

// White space and punctuation (ASCII and Unicode: quote marks, dashes) off both ends.
Span TrimPunctuation(std::string_view text, Span s);

}  // namespace sitrep::quotes
