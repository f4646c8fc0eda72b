// An open-addressing map from 64-bit hashes to small values, iterable so a model can be
// saved. Lookups probe one flat array (usually one cache line), which keeps tagging fast.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/huge_pages.h"

namespace sitrep::ner {

template <typename V>
class KeyMap {
 public:
  const V* Find(uint64_t key) const {
    key |= 1;  // 0 marks an empty slot; the low bit is sacrificed
    if (slots_.empty()) return nullptr;
    for (size_t i = Home(key);; i = (i + 1) & mask_) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == 0) return nullptr;
    }
  }
  // Starts fetching the slot `Find(key)` will look at first, so that several lookups' cache
  // misses overlap.
  void Prefetch(uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[Home(key | 1)]);
  }
  // The value under `key`, default-made when missing.
  V& operator[](uint64_t key) {
    key |= 1;
    if (2 * (size_ + 1) > slots_.size()) Grow(slots_.empty() ? 64 : 2 * slots_.size());
    size_t i = Home(key);
    for (; slots_[i].key != 0; i = (i + 1) & mask_)
      if (slots_[i].key == key) return slots_[i].value;
    slots_[i].key = key;
    ++size_;
    return slots_[i].value;
  }
  // Room for `n` keys in all, so that inserting them never regrows the table: the capacity
  // inserting them one by one would reach. Keys saved in slot order and read back into a
  // smaller, growing table fill it in runs, and the long probes made loading a model slow.
  void Reserve(size_t n) {
    size_t capacity = slots_.empty() ? 64 : slots_.size();
    while (2 * n > capacity) capacity *= 2;
    if (capacity > slots_.size()) Grow(capacity);
  }
  size_t size() const { return size_; }
  template <typename F>
  void ForEach(F f) const {
    for (const auto& s : slots_)
      if (s.key) f(s.key, s.value);
  }

 private:
  struct Slot {
    uint64_t key = 0;
    V value{};
  };
  size_t Home(uint64_t key) const { return (key * 0x9e3779b97f4a7c15ULL) >> shift_; }
  void Grow(size_t capacity) {
    std::vector<Slot, HugePageAllocator<Slot>> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    shift_ = 64 - __builtin_ctzll(capacity);
    for (Slot& s : old) {
      if (!s.key) continue;
      size_t i = Home(s.key);
      while (slots_[i].key) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot, HugePageAllocator<Slot>> slots_;  // lexicons run to MiBs
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace sitrep::ner
