#include "time/timex_eval.h"

namespace sitrep::timex_eval {

namespace {

bool Overlap(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

}  // namespace

void Counts::Add(const Counts& o) {
  gold += o.gold;
  predicted += o.predicted;
  strict += o.strict;
  relaxed += o.relaxed;
  value += o.value;
  type += o.type;
  mod_gold += o.mod_gold;
  mod_predicted += o.mod_predicted;
  mod += o.mod;
}

std::vector<std::pair<size_t, size_t>> Match(const std::vector<Scored>& gold,
                                             const std::vector<Scored>& predicted) {
  std::vector<bool> used(predicted.size(), false);
  std::vector<long> pair(gold.size(), -1);
  // Exact extents first, so an overlapping neighbour cannot steal a perfect partner.
  for (size_t g = 0; g < gold.size(); ++g)
    for (size_t p = 0; p < predicted.size(); ++p)
      if (!used[p] && predicted[p].span == gold[g].span) {
        used[p] = true;
        pair[g] = long(p);
        break;
      }
  for (size_t g = 0; g < gold.size(); ++g) {
    if (pair[g] >= 0) continue;
    for (size_t p = 0; p < predicted.size(); ++p)
      if (!used[p] && Overlap(predicted[p].span, gold[g].span)) {
        used[p] = true;
        pair[g] = long(p);
        break;
      }
  }
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t g = 0; g < gold.size(); ++g)
    if (pair[g] >= 0) out.emplace_back(g, size_t(pair[g]));
  return out;
}

Counts Score(const std::vector<Scored>& gold, const std::vector<Scored>& predicted) {
  Counts c;
  c.gold = gold.size();
  c.predicted = predicted.size();
  for (auto& g : gold) c.mod_gold += !g.mod.empty();
  for (auto& p : predicted) c.mod_predicted += !p.mod.empty();
  for (auto [g, p] : Match(gold, predicted)) {
    ++c.relaxed;
    if (gold[g].span == predicted[p].span) ++c.strict;
    if (gold[g].value == predicted[p].value) ++c.value;
    if (gold[g].type == predicted[p].type) ++c.type;
    if (!gold[g].mod.empty() && gold[g].mod == predicted[p].mod) ++c.mod;
  }
  return c;
}

Prf FromCounts(size_t correct, size_t predicted, size_t gold) {
  Prf r;
  r.p = predicted ? double(correct) / double(predicted) : 0.0;
  r.r = gold ? double(correct) / double(gold) : 0.0;
  r.f1 = r.p + r.r > 0 ? 2 * r.p * r.r / (r.p + r.r) : 0.0;
  return r;
}

}  // namespace sitrep::timex_eval
