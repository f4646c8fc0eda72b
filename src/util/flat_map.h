// An open-addressing hash map from 64-bit keys that are already hashes (token, shingle and
// band hashes) to small values. The copies and stories stages look such keys up for every
// token of every article; std::unordered_map costs a node (a cache miss) a lookup, this one
// probes a flat array of slots, usually one cache line. (ner/key_map.h is the same idea on
// huge pages, with iteration for saving a model; the taggers' weight tables lay keys and rows
// out their own way.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace sitrep {

template <typename V>
class FlatMap {
 public:
  // The value of `key`, or nullptr.
  const V* Find(uint64_t key) const {
    if (key == kEmpty) return has_zero_ ? &zero_ : nullptr;
    if (slots_.empty()) return nullptr;
    for (size_t i = Home(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == kEmpty) return nullptr;
    }
  }
  V* Find(uint64_t key) { return const_cast<V*>(std::as_const(*this).Find(key)); }

  // Asks for the slot where `key` would be found to be brought into the cache: a caller
  // that knows its next keys (an article's tokens) hides the misses of a table that has
  // outgrown the caches by asking a few keys ahead.
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key)]);
  }

  // Inserts `value` under `key` when the key is missing. Returns the stored value (which may
  // be an older one) and whether it was inserted. The pointer lasts until the next insert.
  std::pair<V*, bool> Insert(uint64_t key, V value) {
    if (key == kEmpty) {
      if (has_zero_) return {&zero_, false};
      has_zero_ = true, zero_ = std::move(value), ++size_;
      return {&zero_, true};
    }
    if (2 * (size_ + 1) > slots_.size()) Grow();
    size_t i = Home(key);
    for (; slots_[i].key != kEmpty; i = (i + 1) & mask_)
      if (slots_[i].key == key) return {&slots_[i].value, false};
    slots_[i] = {key, std::move(value)};
    ++size_;
    return {&slots_[i].value, true};
  }

  size_t size() const { return size_; }

 private:
  static constexpr uint64_t kEmpty = 0;  // key 0 lives outside the table
  struct Slot {
    uint64_t key = kEmpty;
    V value{};
  };

  // The keys are hashes, but some (band keys of a seeded hash) share low bits less evenly
  // than high ones: a multiply moves every bit into the top ones used here.
  size_t Home(uint64_t key) const { return (key * 0x9e3779b97f4a7c15ULL) >> shift_; }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    const size_t capacity = old.empty() ? 64 : 2 * old.size();
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64 - __builtin_ctzll(capacity);
    for (Slot& s : old) {
      if (s.key == kEmpty) continue;
      size_t i = Home(s.key);
      while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
      slots_[i] = std::move(s);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
  bool has_zero_ = false;
  V zero_{};
};

}  // namespace sitrep
