// A first-order sequence tagger: an averaged structured perceptron over hashed features with
// Viterbi decoding (Collins 2002). Small, fast, and trained in seconds on one core; both the
// cue finder and the source/content tagger of the quotes stage are one of these.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/huge_pages.h"

namespace sitrep::quotes {

using Features = std::vector<uint64_t>;  // hashed feature ids of one token

// The hashed feature ids of many tokens (or candidates) in one buffer, row after row: a window
// of 200 tokens is two allocations, not 200, and reading it runs straight through memory.
// Ids are 32 bits (HashFeature's and the feature sinks' are).
class FeatureRows {
 public:
  FeatureRows() = default;
  explicit FeatureRows(const std::vector<Features>& rows);
  void clear() { used_ = 0, starts_.clear(); }
  void reserve(size_t rows, size_t ids) { starts_.reserve(rows), ids_.resize(std::max(ids_.size(), ids)); }
  void NewRow() { starts_.push_back(uint32_t(used_)); }  // later Adds go to it
  // Inline and unchecked but for room: a window adds ten thousand ids.
  [[gnu::always_inline]] void Add(uint32_t id) {
    if (used_ == ids_.size()) [[unlikely]] ids_.resize(2 * used_ + 256);
    ids_[used_++] = id;
  }
  size_t size() const { return starts_.size(); }
  bool empty() const { return starts_.empty(); }
  std::span<const uint32_t> operator[](size_t row) const {
    const uint32_t end = row + 1 < starts_.size() ? starts_[row + 1] : uint32_t(used_);
    return {ids_.data() + starts_[row], ids_.data() + end};
  }
  std::span<const uint32_t> ids() const { return {ids_.data(), used_}; }
  uint32_t start(size_t row) const { return starts_[row]; }

 private:
  std::vector<uint32_t> ids_;  // ids_[0, used_) are the rows'; the rest is room
  size_t used_ = 0;
  std::vector<uint32_t> starts_;
};

uint64_t HashFeature(std::string_view name);

class SequenceTagger {
 public:
  // `allowed[p][t]`: tag t may follow tag p; row `tags` is the start of a sequence.
  SequenceTagger(int tags, std::vector<std::vector<bool>> allowed);

  int tags() const { return tags_; }
  // `bias` (one a tag, may be empty) is added to every token's score for that tag: it trades
  // precision for recall.
  std::vector<int> Decode(const FeatureRows& tokens, const std::vector<float>& bias = {}) const;
  std::vector<int> Decode(const std::vector<Features>& tokens, const std::vector<float>& bias = {}) const {
    return Decode(FeatureRows(tokens), bias);
  }
  // One perceptron step: moves weights toward `gold` and away from the current best guess.
  // Returns whether the guess was wrong.
  bool Learn(const FeatureRows& tokens, const std::vector<int>& gold);
  bool Learn(const std::vector<Features>& tokens, const std::vector<int>& gold) {
    return Learn(FeatureRows(tokens), gold);
  }
  // Replaces the weights by their averages over all steps and drops the rows whose largest
  // averaged weight is under `keep` (features seen once or twice).
  void Average(float keep = 3.0f);

  void Save(std::ostream& out) const;
  // False on a malformed or truncated model.
  bool Load(std::istream& in);
  size_t size() const { return rows_.empty() ? frozen_rows_ : rows_.size(); }

 private:
  const float* Row(uint64_t f) const;             // training: the node map
  const int16_t* FrozenRow(uint32_t key) const;  // decoding, any number of tags
  template <int K>
  void Emit(const FeatureRows& tokens, float* emit) const;  // sums of the frozen rows, K = tags_
  void Bump(uint32_t index, float delta);  // index into weights_ (feature rows, then transitions)
  uint32_t RowIndex(uint64_t f);           // adds a row while training
  void Freeze();                           // builds the lookup table decoding uses
  void MakeTable(size_t rows);             // an empty table for `rows` rows
  int16_t* Place(uint32_t key);            // a new row's weights in the table (null: key unusable)

  int tags_;
  std::vector<std::vector<bool>> allowed_;
  std::vector<uint8_t> may_follow_;  // allowed_ flat, (tags + 1) × tags: read in every step of Decode
  std::unordered_map<uint64_t, uint32_t> rows_;  // feature -> first index in weights_
  std::vector<float> weights_;                   // rows × tags
  std::vector<float> transitions_;               // (tags + 1) × tags
  // A frozen model looks features up in a flat open-addressing table, a few times faster
  // than the node map for the hundreds of thousands of lookups an article. A slot is the
  // key's bits and then the feature's weights in the model file's own fixed point (1/256
  // steps); slots sit in buckets of one cache line (four of 16 bytes for 3 to 6 tags), so a
  // lookup reads one line and its compares need no branches.
  std::vector<int16_t, HugePageAllocator<int16_t>> table_;  // MiBs read at random: on 2 MiB pages
  uint32_t buckets_ = 0;
  size_t stride_ = 0;         // int16s a slot: 2 (the key) + tags, rounded up to even
  size_t per_bucket_ = 0;     // slots a bucket
  size_t bucket_stride_ = 0;  // int16s a bucket: 32 (64 bytes) unless a slot is longer
  size_t frozen_rows_ = 0;
  // Averaging (training only): running totals and when each weight last changed.
  std::vector<double> totals_, transition_totals_;
  std::vector<uint32_t> stamps_, transition_stamps_;
  uint32_t step_ = 1;
};

}  // namespace sitrep::quotes
