// The place matcher's learned combiner: a logistic regression over the features of a pair of
// place names (names::PlacePairFeatures), then boosted regression trees that correct it where
// features interact, all trained on labelled pairs with the logistic loss, so a score is the
// probability that the two names name one place. The linear part keeps a feature's trend where
// the pairs are few (a distinctive word that differs), which trees alone leave flat. Small and deterministic:
// the same pairs and options give the same model, byte for byte.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace sitrep::names {

struct PlaceTrainOptions {
  int trees = 100;            // boosting rounds
  int depth = 2;              // splits from the root to a leaf
  double shrinkage = 0.05;    // each tree's contribution
  double l2 = 1.0;            // on leaf values: a leaf of few pairs moves less
  double min_hessian = 2.0;   // a child with less curvature (about 8 uncertain pairs) is no split
  int bins = 64;              // candidate thresholds per feature (quantiles of the training pairs)
  double linear_l2 = 1.0;     // the trees start from a logistic regression with this penalty;
                              // below 0, from the prior alone
};

class PlaceModel {
 public:
  // Trains on rows of features, each with its label (true: one place).
  static PlaceModel Train(const std::vector<std::vector<double>>& features,
                          const std::vector<bool>& same, const PlaceTrainOptions& options);

  // 0..1, the probability of one place. Features beyond the model's count are ignored;
  // missing ones read as 0.
  double Score(const double* features, size_t count) const;

  size_t feature_count() const { return feature_count_; }
  size_t tree_count() const { return trees_.size(); }

  // A small text file; Load throws std::runtime_error naming the file and what is wrong.
  void Save(std::ostream& out) const;
  static PlaceModel Load(std::istream& in, const std::string& name);
  static PlaceModel Load(const std::string& path);

 private:
  struct Node {
    int feature = -1;  // -1: a leaf
    double threshold = 0;  // go left when the feature is below it
    int left = 0, right = 0;
    double value = 0;  // a leaf's addition to the log-odds
  };
  using Tree = std::vector<Node>;
  double Margin(const double* features, size_t count) const;  // the linear part's log-odds
  double bias_ = 0;
  std::vector<double> linear_;  // one weight a feature; empty: none
  size_t feature_count_ = 0;
  std::vector<Tree> trees_;
};

// A labelled pair of names: TSV lines "name<TAB>name<TAB>TRUE|FALSE", further columns ignored,
// an optional header line.
struct LabelledPair {
  std::string a, b;
  bool same = false;
};
// Throws std::runtime_error naming the file and line when it cannot be read.
std::vector<LabelledPair> LoadLabelledPairs(const std::string& path);

// Where the model is read from: $SITREP_PLACES_MODEL, else models/places.model (ModelPath).
std::string PlaceModelPath();

// The model at PlaceModelPath(), loaded once; nullptr when it cannot be read, and then
// PlaceModelError() says why.
const PlaceModel* DefaultPlaceModel();
const std::string& PlaceModelError();

}  // namespace sitrep::names
