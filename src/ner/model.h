// The parts of a trained tagger and how they are stored: per pass, a hashed weight table
// (feature hash -> one weight a label, int8 with a scale a row) and label-to-label
// transition weights; the lexicon and gazetteer the features read. Saved zlib-compressed.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ner/features.h"

namespace sitrep::ner {

using LabelWeights = std::array<float, kLabels>;

class WeightTable {
 public:
  // Rows of zeros are dropped; each row is stored as int8 times a scale.
  void Build(const std::vector<std::pair<uint64_t, LabelWeights>>& rows);
  // Adds the weights of `features` into scores[kLabels]; unknown features add nothing.
  void Score(const uint64_t* features, size_t n, float* scores) const;
  size_t size() const { return size_; }
  std::vector<std::pair<uint64_t, LabelWeights>> Rows() const;

 private:
  struct Slot {
    uint64_t key = 0;  // the feature hash; 0 for an empty slot
    float scale = 0;
    int8_t w[kLabels] = {};
  };
  static uint64_t KeyOf(uint64_t h) { return h ? h : 1; }
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

struct Pass {
  WeightTable weights;
  float transitions[kLabels][kLabels] = {};  // [previous][current]
};

struct ModelParts {
  std::string provenance;  // how the model was built
  Lexicon lexicon;
  Gazetteer gazetteer;
  Pass first, second;
};

std::string Serialise(const ModelParts& m);
// Throws std::runtime_error for bytes that are not a model.
void Deserialise(const std::string& bytes, ModelParts& m);

// The best label sequence under BILOU's rules (B/I go on to I/L of the same type; a
// sentence starts with O, B or U and ends with O, L or U).
void Viterbi(const float* emissions, size_t n, const float (*transitions)[kLabels], uint8_t* out);
bool Allowed(int previous, int current);  // previous -1 for the sentence start

}  // namespace sitrep::ner

namespace sitrep::ner {
// BILOU labels for every token of a document: the first pass, then (when `two_passes`) the
// second over the first's labels.
void TagDocument(const ModelParts& model, const DocInput& doc, std::vector<uint8_t>& labels,
                 bool two_passes = true);
}  // namespace sitrep::ner
