// TempEval-3 scoring of temporal expressions: strict (exact extent) and relaxed (overlapping
// extent, one-to-one) precision/recall/F1, and value and type F1 over the relaxed matches
// (attribute P = correct / predicted, R = correct / gold, F1 their harmonic mean).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "article.h"

namespace sitrep::timex_eval {

struct Scored {
  Span span;
  std::string type, value;
  std::string mod;  // TIMEX3 mod, empty when none
};

struct Counts {
  size_t gold = 0, predicted = 0;
  size_t strict = 0, relaxed = 0;  // matched pairs
  size_t value = 0, type = 0;      // relaxed pairs whose attribute agrees
  // mod, scored over the expressions that carry one: gold and predicted with a mod, and
  // relaxed pairs whose (non-empty) mods agree
  size_t mod_gold = 0, mod_predicted = 0, mod = 0;
  void Add(const Counts& o);
};

struct Prf {
  double p = 0, r = 0, f1 = 0;
};

// One document: pairs each gold expression with at most one prediction, preferring an exact
// extent, then the first overlapping one. Both lists in any order.
Counts Score(const std::vector<Scored>& gold, const std::vector<Scored>& predicted);

// The pairs Score made (index into gold, index into predicted), for listing misses.
std::vector<std::pair<size_t, size_t>> Match(const std::vector<Scored>& gold,
                                             const std::vector<Scored>& predicted);

Prf FromCounts(size_t correct, size_t predicted, size_t gold);

}  // namespace sitrep::timex_eval
