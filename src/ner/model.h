// The parts of a trained tagger and how they are stored: per pass, a hashed weight table
// (feature hash -> one weight a label, int8 with a scale a row) and label-to-label
// transition weights; the lexicon and gazetteer the features read. Saved zlib-compressed.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ner/features.h"
#include "util/huge_pages.h"

namespace sitrep::ner {

using LabelWeights = std::array<float, kLabels>;

// Both passes' weights in one table: a feature is looked up once and its row holds the first
// pass's weights at [0, kLabels) and the second's at [kSecond, kSecond + kLabels).
class WeightTable {
 public:
  static constexpr int kSecond = 18;
  static constexpr int kWidth = 36;  // padded so a row is a whole number of vectors
  using Row = std::array<float, kWidth>;

  // Rows of zeros are dropped. Weights are kept as int16 with one scale a pass.
  void Build(const std::vector<std::pair<uint64_t, Row>>& rows);
  // Adds the rows of every token's features into sums[token * kWidth, + kWidth); unknown
  // features add nothing. All lookups of a document go in one batch so that the memory
  // fetches overlap.
  void Add(const std::vector<uint64_t>& hashes, const std::vector<uint32_t>& offsets,
           int32_t* sums) const;
  // For tests: false makes Add sum with SSE2 even where the CPU has AVX2 (both must agree).
  static void AllowAvx2(bool allow);
  // What a sum means in weights: sum * scale(pass).
  float scale(int pass) const { return scale_[pass]; }
  size_t size() const { return rows_.size(); }
  std::vector<std::pair<uint64_t, Row>> Rows() const;

 private:
  // In memory a row is one cache line: labels 0-15 of both passes as int16 (pass 0 at
  // [0, 16), pass 1 at [16, 32)); label 16 of each pass rides in the key's slot (Slot::last),
  // which is read anyway. So a known feature costs one line of the big table, not two.
  static constexpr int kLine = 16;
  struct alignas(64) Line {
    int16_t w[2 * kLine];
  };
  struct Slot {
    uint32_t row;
    int16_t last[2];  // label kLabels - 1 of each pass
  };
  static_assert(kLabels == kLine + 1, "a row is a line and one label a pass");
  static uint64_t KeyOf(uint64_t h) { return h ? h : 1; }
  // Add's second half: each token's sums plus the rows found for its features (row
  // UINT32_MAX: none), rows fetched ahead. Integer sums: both give the same bits; the AVX2
  // one widens int16 to int32 in one instruction where SSE2 takes three.
  static void SumRows(const Line* rows, const Slot* found, size_t n,
                      const uint32_t* offsets, size_t tokens, int32_t* sums);
#if defined(__x86_64__) && defined(__GNUC__)
  __attribute__((target("avx2"))) static void SumRowsAvx2(const Line* rows, const Slot* found,
                                                          size_t n, const uint32_t* offsets, size_t tokens,
                                                          int32_t* sums);
#endif
  template <typename T>
  using Table = std::vector<T, HugePageAllocator<T>>;
  // Open addressing, a key beside where its row is: a probe reads one line, not one of keys
  // and one of slots. A key of 0 marks an empty entry.
  struct alignas(16) Entry {
    uint64_t key;
    Slot slot;
  };
  Table<Entry> entries_;
  Table<Line> rows_;
  float scale_[2] = {1, 1};
  uint64_t mask_ = 0;
};

struct ModelParts {
  std::string provenance;  // how the model was built
  Lexicon lexicon;
  Gazetteer gazetteer;
  WeightTable weights;
  float transitions[2][kLabels][kLabels] = {};  // per pass: [previous][current]
};

std::string Serialise(const ModelParts& m);
// Throws std::runtime_error for bytes that are not a model.
void Deserialise(const std::string& bytes, ModelParts& m);

// The best label sequence under BILOU's rules (B/I go on to I/L of the same type; a
// sentence starts with O, B or U and ends with O, L or U).
// Emissions of token i at emissions[i * stride, + kLabels).
void Viterbi(const float* emissions, size_t stride, size_t n, const float (*transitions)[kLabels],
             uint8_t* out);
bool Allowed(int previous, int current);  // previous -1 for the sentence start

}  // namespace sitrep::ner

namespace sitrep::ner {
// BILOU labels for every token of a document: the first pass, then (when `two_passes`) the
// second over the first's labels.
void TagDocument(const ModelParts& model, const DocInput& doc, std::vector<uint8_t>& labels,
                 bool two_passes = true);
}  // namespace sitrep::ner
