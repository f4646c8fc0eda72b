#include "eval/clustering.h"

#include <map>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace sitrep::eval {

namespace {

double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }
double Pairs(size_t n) { return n * (n - 1) / 2.0; }

// Dense ids for labels, so the counts below index vectors, not strings.
std::vector<size_t> Densify(const std::vector<std::string>& labels, size_t* distinct) {
  std::unordered_map<std::string, size_t> ids;
  std::vector<size_t> out;
  out.reserve(labels.size());
  for (const std::string& l : labels) out.push_back(ids.emplace(l, ids.size()).first->second);
  *distinct = ids.size();
  return out;
}

}  // namespace

ClusterScores ScoreClusters(const std::vector<std::string>& predicted,
                            const std::vector<std::string>& gold) {
  if (predicted.size() != gold.size())
    throw std::invalid_argument("predicted and gold labels differ in number");
  ClusterScores s;
  s.items = gold.size();
  if (s.items == 0) return s;
  const std::vector<size_t> p = Densify(predicted, &s.clusters);
  const std::vector<size_t> g = Densify(gold, &s.gold_clusters);
  std::vector<size_t> p_size(s.clusters), g_size(s.gold_clusters);
  std::map<std::pair<size_t, size_t>, size_t> both;  // (predicted, gold) → items in both
  for (size_t i = 0; i < s.items; ++i) {
    ++p_size[p[i]];
    ++g_size[g[i]];
    ++both[{p[i], g[i]}];
  }
  // B-cubed: each item of a cell (P, G) has precision |P∩G|/|P| and recall |P∩G|/|G|.
  double precision = 0, recall = 0, agreeing_pairs = 0;
  for (const auto& [cell, n] : both) {
    precision += double(n) * n / p_size[cell.first];
    recall += double(n) * n / g_size[cell.second];
    agreeing_pairs += Pairs(n);
  }
  s.bcubed_precision = precision / s.items;
  s.bcubed_recall = recall / s.items;
  s.bcubed_f1 = F1(s.bcubed_precision, s.bcubed_recall);
  double predicted_pairs = 0, gold_pairs = 0;
  for (size_t n : p_size) predicted_pairs += Pairs(n);
  for (size_t n : g_size) gold_pairs += Pairs(n);
  s.pairwise_precision = predicted_pairs > 0 ? agreeing_pairs / predicted_pairs : 1.0;
  s.pairwise_recall = gold_pairs > 0 ? agreeing_pairs / gold_pairs : 0.0;
  s.pairwise_f1 = F1(s.pairwise_precision, s.pairwise_recall);
  return s;
}

}  // namespace sitrep::eval
