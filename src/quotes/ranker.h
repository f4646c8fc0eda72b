// An averaged perceptron that picks one of several candidates (each a bag of hashed
// features): the quotes stage uses it to choose where a content span starts and ends.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <unordered_map>
#include <vector>

#include "quotes/tagger.h"

namespace sitrep::quotes {

class Ranker {
 public:
  size_t Best(const FeatureRows& candidates) const;
  // One step toward `gold`; returns whether the guess was wrong.
  bool Learn(const FeatureRows& candidates, size_t gold);
  void Average();
  void Save(std::ostream& out) const;
  bool Load(std::istream& in);
  size_t size() const { return weights_.empty() ? frozen_ : weights_.size(); }

 private:
  float Score(std::span<const uint32_t> f) const;
  struct Weight {
    float value = 0;
    double total = 0;
    uint32_t stamp = 0;
  };
  std::unordered_map<uint64_t, Weight> weights_;
  uint32_t step_ = 1;
  // A loaded or averaged ranker scores from a flat open-addressing copy (key, value): the
  // node map's lookups were most of the ranking time.
  void Freeze();
  void MakeTable(size_t n);
  void Place(uint32_t key, float value);
  void Thaw();
  std::vector<std::pair<uint32_t, float>> table_;
  uint32_t mask_ = 0;
  size_t frozen_ = 0;  // keys in table_
};

}  // namespace sitrep::quotes
