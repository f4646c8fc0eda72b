// Scores a clustering against gold labels: B-cubed (per item, averaged over items) and
// pairwise (over all pairs of items that share a cluster). Labels are any strings; the two
// lists are parallel, one entry per item.
#pragma once

#include <string>
#include <vector>

namespace sitrep::eval {

struct ClusterScores {
  size_t items = 0;
  size_t clusters = 0;       // distinct predicted labels
  size_t gold_clusters = 0;  // distinct gold labels
  double bcubed_precision = 0, bcubed_recall = 0, bcubed_f1 = 0;
  // With no predicted pairs, pairwise precision is 1 (nothing wrong was claimed) and recall 0.
  double pairwise_precision = 0, pairwise_recall = 0, pairwise_f1 = 0;
};

// `predicted[i]` and `gold[i]` label item i. Throws std::invalid_argument when the sizes differ.
ClusterScores ScoreClusters(const std::vector<std::string>& predicted,
                            const std::vector<std::string>& gold);

}  // namespace sitrep::eval
