#include "quotes/ranker.h"

#include <cmath>
#include <istream>
#include <ostream>
#include <string_view>

namespace sitrep::quotes {

float Ranker::Score(const Features& f) const {
  float s = 0;
  for (uint64_t id : f)
    if (auto it = weights_.find(id); it != weights_.end()) s += it->second.value;
  return s;
}

size_t Ranker::Best(const std::vector<Features>& candidates) const {
  size_t best = 0;
  float best_score = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    float s = Score(candidates[i]);
    if (i == 0 || s > best_score) best = i, best_score = s;
  }
  return best;
}

bool Ranker::Learn(const std::vector<Features>& candidates, size_t gold) {
  const size_t guess = Best(candidates);
  if (guess != gold) {
    auto bump = [&](uint64_t id, float d) {
      Weight& w = weights_[id];
      w.total += double(step_ - w.stamp) * w.value;
      w.stamp = step_;
      w.value += d;
    };
    for (uint64_t id : candidates[gold]) bump(id, 1);
    for (uint64_t id : candidates[guess]) bump(id, -1);
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
}

void Ranker::Save(std::ostream& out) const {
  out.write("SQR1", 4);
  const uint32_t n = uint32_t(weights_.size());
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
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
  weights_.clear();
  weights_.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t id;
    float v;
    if (!in.read(reinterpret_cast<char*>(&id), sizeof id) || !in.read(reinterpret_cast<char*>(&v), sizeof v))
      return false;
    weights_[id].value = v;
  }
  return true;
}

}  // namespace sitrep::quotes
