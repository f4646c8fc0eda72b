#include "quotes/ranker.h"

#include <cmath>
#include <cstring>
#include <istream>
#include <ostream>
#include <string_view>

namespace sitrep::quotes {

namespace {
constexpr uint32_t kNoKey = 0xFFFFFFFFu;
uint32_t Home(uint32_t key, uint32_t mask) { return uint32_t((key * 0x9e3779b97f4a7c15ULL) >> 32) & mask; }
}  // namespace

float Ranker::Score(std::span<const uint32_t> f) const {
  float s = 0;
  if (!table_.empty()) {
    for (const uint32_t key : f) {
      if (key == kNoKey) continue;
      for (uint32_t i = Home(key, mask_);; i = (i + 1) & mask_) {
        if (table_[i].first == key) {
          s += table_[i].second;
          break;
        }
        if (table_[i].first == kNoKey) break;
      }
    }
    return s;
  }
  for (uint32_t id : f)
    if (auto it = weights_.find(id); it != weights_.end()) s += it->second.value;
  return s;
}

void Ranker::Freeze() {
  table_.clear();
  for (const auto& [id, w] : weights_)
    if (id >= kNoKey) return;  // ids wider than 32 bits: keep to the map
  MakeTable(weights_.size());
  for (const auto& [id, w] : weights_) Place(uint32_t(id), w.value);
}

// At most a third full: a probe seldom runs past the line it was fetched ahead in (a
// fuller table ranked slower).
void Ranker::MakeTable(size_t n) {
  size_t capacity = 64;
  while (capacity < 3 * n + 3) capacity *= 2;
  table_.assign(capacity, {kNoKey, 0.f});
  mask_ = uint32_t(capacity - 1);
  frozen_ = 0;
}

void Ranker::Place(uint32_t key, float value) {
  uint32_t i = Home(key, mask_);
  while (table_[i].first != kNoKey && table_[i].first != key) i = (i + 1) & mask_;
  frozen_ += table_[i].first == kNoKey;
  table_[i] = {key, value};  // a key twice: the last, as the map kept
}

// A loaded ranker keeps its weights in the table only; learning again starts from them.
void Ranker::Thaw() {
  if (!weights_.empty() || table_.empty()) return;
  for (const auto& [key, value] : table_)
    if (key != kNoKey) weights_[key].value = value;
}

size_t Ranker::Best(const FeatureRows& candidates) const {
  size_t best = 0;
  float best_score = 0;
  // The next candidate's slots are fetched while this one is scored (the sums keep their order).
  auto prefetch = [&](size_t i) {
    if (table_.empty() || i >= candidates.size()) return;
    for (uint32_t key : candidates[i]) __builtin_prefetch(&table_[Home(key, mask_)]);
  };
  prefetch(0);
  for (size_t i = 0; i < candidates.size(); ++i) {
    prefetch(i + 1);
    float s = Score(candidates[i]);
    if (i == 0 || s > best_score) best = i, best_score = s;
  }
  return best;
}

bool Ranker::Learn(const FeatureRows& candidates, size_t gold) {
  Thaw();
  table_.clear();  // learning again: the map is the truth until the next Average
  const size_t guess = Best(candidates);
  if (guess != gold) {
    auto bump = [&](uint64_t id, float d) {
      Weight& w = weights_[id];
      w.total += double(step_ - w.stamp) * w.value;
      w.stamp = step_;
      w.value += d;
    };
    for (uint32_t id : candidates[gold]) bump(id, 1);
    for (uint32_t id : candidates[guess]) bump(id, -1);
  }
  ++step_;
  return guess != gold;
}

void Ranker::Average() {
  std::unordered_map<uint64_t, Weight> kept;
  for (auto& [id, w] : weights_) {
    w.total += double(step_ - w.stamp) * w.value;
    const float avg = float(w.total / step_);
    if (std::fabs(avg) >= 0.01f) kept[id].value = avg;
  }
  weights_.swap(kept);
  Freeze();
}

void Ranker::Save(std::ostream& out) const {
  out.write("SQR1", 4);
  const uint32_t n = uint32_t(size());
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
  if (weights_.empty()) {  // loaded: the table holds the weights
    for (const auto& [key, value] : table_) {
      if (key == kNoKey) continue;
      out.write(reinterpret_cast<const char*>(&key), sizeof key);
      out.write(reinterpret_cast<const char*>(&value), sizeof value);
    }
    return;
  }
  for (const auto& [id, w] : weights_) {
    const uint32_t key = uint32_t(id);
    out.write(reinterpret_cast<const char*>(&key), sizeof key);
    out.write(reinterpret_cast<const char*>(&w.value), sizeof w.value);
  }
}

bool Ranker::Load(std::istream& in) {
  char magic[4];
  uint32_t n = 0;
  if (!in.read(magic, 4) || std::string_view(magic, 4) != "SQR1") return false;
  if (!in.read(reinterpret_cast<char*>(&n), sizeof n)) return false;
  // Read as one block, straight into the scoring table (no node map: a loaded ranker only ranks).
  std::vector<char> block(size_t(n) * 8);
  if (!in.read(block.data(), std::streamsize(block.size()))) return false;
  weights_.clear();
  MakeTable(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t id;
    float v;
    std::memcpy(&id, &block[size_t(i) * 8], sizeof id);
    std::memcpy(&v, &block[size_t(i) * 8 + 4], sizeof v);
    if (id == kNoKey) continue;  // never looked up
    Place(id, v);
  }
  return true;
}

}  // namespace sitrep::quotes
