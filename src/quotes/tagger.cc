// Weights live in one flat array, `tags` floats a feature, so scoring a token is a handful of
// hash lookups and short loops. Averaging uses the lazy timestamp trick: a weight's running
// total is brought up to date only when the weight changes, and once at the end.
#include "quotes/tagger.h"

// Inline: features are hashed part by part, a few bytes at a time, where a call costs more
// than the hash.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <emmintrin.h>  // SSE2, every x86-64 has it

#include <algorithm>
#include <cmath>
#include <cstring>
#include <istream>
#include <limits>
#include <ostream>

namespace sitrep::quotes {

// 32 bits are plenty for a few hundred thousand features and halve the model file.
uint64_t HashFeature(std::string_view name) { return XXH3_64bits(name.data(), name.size()) & 0xFFFFFFFFu; }

SequenceTagger::SequenceTagger(int tags, std::vector<std::vector<bool>> allowed)
    : tags_(tags), allowed_(std::move(allowed)),
      transitions_((tags + 1) * tags, 0.f),
      transition_totals_((tags + 1) * tags, 0.0),
      transition_stamps_((tags + 1) * tags, 0) {
  for (const auto& row : allowed_)
    for (bool yes : row) may_follow_.push_back(yes);
}

namespace {
constexpr uint32_t kNoKey = 0xFFFFFFFFu;
// The bucket a key's slot lies in (or after, when that one is full): its mixed bits scaled to
// the count, which needs no power of two.
uint32_t Home(uint32_t key, uint32_t buckets) {
  const uint32_t h = uint32_t((key * 0x9e3779b97f4a7c15ULL) >> 32);
  return uint32_t((uint64_t(h) * buckets) >> 32);
}
constexpr size_t kLine = 32;  // int16s in a 64-byte cache line: a bucket
// int16s a slot: the key (2), then a weight a tag, rounded up to 4 bytes; 3 to 6 tags take
// 16 bytes, four slots a line, which Emit compares at once.
constexpr size_t SlotStride(int tags) { return tags >= 3 && tags <= 6 ? 8 : (2 + size_t(tags) + 1) & ~size_t(1); }
}  // namespace

uint32_t KeyAt(const int16_t* slot) {
  uint32_t key;
  std::memcpy(&key, slot, sizeof key);
  return key;
}

// Weights are kept (in the model file and the frozen table) as multiples of 1/kScale, a
// power of two, so a weight read back is exactly the float it was frozen from.
constexpr float kScale = 256.f;
int16_t Quantize(float w) { return static_cast<int16_t>(std::clamp(std::round(w * kScale), -32767.f, 32767.f)); }

inline const float* SequenceTagger::Row(uint64_t f) const {
  auto it = rows_.find(f);
  return it == rows_.end() ? nullptr : &weights_[it->second];
}

const int16_t* SequenceTagger::FrozenRow(uint32_t key) const {
  for (uint32_t b = Home(key, buckets_);; b = b + 1 == buckets_ ? 0 : b + 1) {
    bool empty = false;
    for (size_t s = 0; s < per_bucket_; ++s) {
      const int16_t* slot = &table_[b * bucket_stride_ + s * stride_];
      if (KeyAt(slot) == key) return slot + 2;
      empty |= KeyAt(slot) == kNoKey;
    }
    if (empty) return nullptr;
  }
}

void SequenceTagger::Freeze() {
  // Buckets of one cache line, a third full: a lookup reads one line and compares its keys
  // without a branch a slot. A full bucket sends it on to the next line, which was not
  // fetched ahead, which at 80% full was frequent: tables a third full (MBs more)
  // decoded ~15% faster than 80% ones, ~8% faster than half-full ones (bench_quotes).
  MakeTable(rows_.size());
  for (auto [f, r] : rows_)
    if (int16_t* w = Place(uint32_t(f)))
      for (int t = 0; t < tags_; ++t) w[t] = Quantize(weights_[r + t]);
}

void SequenceTagger::MakeTable(size_t rows) {
  stride_ = SlotStride(tags_);
  per_bucket_ = std::max<size_t>(1, kLine / stride_);
  bucket_stride_ = std::max(kLine, per_bucket_ * stride_);
  buckets_ = uint32_t(std::max<size_t>(1, (rows * 3 + per_bucket_) / per_bucket_));
  table_.assign(size_t(buckets_) * bucket_stride_, 0);
  for (uint32_t b = 0; b < buckets_; ++b)
    for (size_t s = 0; s < per_bucket_; ++s) std::memcpy(&table_[b * bucket_stride_ + s * stride_], &kNoKey, sizeof kNoKey);
  frozen_rows_ = 0;
}

int16_t* SequenceTagger::Place(uint32_t key) {
  if (key == kNoKey) return nullptr;  // one feature in four billion goes unused
  for (uint32_t b = Home(key, buckets_);; b = b + 1 == buckets_ ? 0 : b + 1)
    for (size_t s = 0; s < per_bucket_; ++s) {
      int16_t* slot = &table_[b * bucket_stride_ + s * stride_];
      if (KeyAt(slot) != kNoKey) continue;
      std::memcpy(slot, &key, sizeof key);
      ++frozen_rows_;
      return slot + 2;
    }
}

uint32_t SequenceTagger::RowIndex(uint64_t f) {
  auto [it, added] = rows_.try_emplace(f, static_cast<uint32_t>(weights_.size()));
  if (added) {
    weights_.resize(weights_.size() + tags_, 0.f);
    totals_.resize(weights_.size(), 0.0);
    stamps_.resize(weights_.size(), step_);
  }
  return it->second;
}

void SequenceTagger::Bump(uint32_t i, float delta) {
  totals_[i] += double(step_ - stamps_[i]) * weights_[i];
  stamps_[i] = step_;
  weights_[i] += delta;
}

FeatureRows::FeatureRows(const std::vector<Features>& rows) {
  for (const Features& row : rows) {
    NewRow();
    for (uint64_t f : row) Add(uint32_t(f));
  }
}

// Each token's rows summed in integers: the weights are whole 1/256 steps and a token's sum
// stays far below 2^24 of them, so this is exactly the float sum, in any order (and added to
// the bias once: the same as adding it first while the bias is whole steps too, as the
// chosen cue biases are). The bucket of
// the feature a few dozen ahead is fetched meanwhile, so the cache misses overlap. A bucket's
// four keys are compared at once, and the found slot (key and weights, 16 bytes) is added
// whole, its key's lanes ignored: no branch but the rare full bucket's.
template <int K>
void SequenceTagger::Emit(const FeatureRows& tokens, float* emit) const {
  static_assert(K >= 3 && K <= 6 && SlotStride(K) == 8);
  const int16_t* table = table_.data();
  const uint32_t buckets = buckets_;
  const uint32_t* ids = tokens.ids().data();
  const size_t n_ids = tokens.ids().size();
  constexpr size_t kAhead = 48;
  for (size_t j = 0; j < std::min(kAhead, n_ids); ++j) __builtin_prefetch(table + Home(ids[j], buckets) * kLine);
  const __m128i none = _mm_set1_epi32(-1);
  size_t j = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const size_t end = i + 1 < tokens.size() ? tokens.start(i + 1) : n_ids;
    __m128i low = _mm_setzero_si128(), high = _mm_setzero_si128();  // int32 sums of int16 lanes 0-3, 4-7
    for (; j < end; ++j) {
      if (j + kAhead < n_ids) __builtin_prefetch(table + Home(ids[j + kAhead], buckets) * kLine);
      const __m128i key = _mm_set1_epi32(int32_t(ids[j]));
      __m128i slot = _mm_setzero_si128();
      for (uint32_t b = Home(ids[j], buckets);; b = b + 1 == buckets ? 0 : b + 1) {
        const __m128i* line = reinterpret_cast<const __m128i*>(table + size_t(b) * kLine);
        const __m128i s0 = _mm_loadu_si128(line), s1 = _mm_loadu_si128(line + 1);
        const __m128i s2 = _mm_loadu_si128(line + 2), s3 = _mm_loadu_si128(line + 3);
        const __m128i keys = _mm_unpacklo_epi64(_mm_unpacklo_epi32(s0, s1), _mm_unpacklo_epi32(s2, s3));
        const int hit = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(keys, key)));
        const int empty = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(keys, none)));
        if (hit) {
          slot = _mm_loadu_si128(line + __builtin_ctz(unsigned(hit)));
          break;
        }
        if (empty) break;
      }
      low = _mm_add_epi32(low, _mm_srai_epi32(_mm_unpacklo_epi16(slot, slot), 16));
      high = _mm_add_epi32(high, _mm_srai_epi32(_mm_unpackhi_epi16(slot, slot), 16));
    }
    alignas(16) int32_t sum[8];
    _mm_store_si128(reinterpret_cast<__m128i*>(sum), low);
    _mm_store_si128(reinterpret_cast<__m128i*>(sum + 4), high);
    for (int t = 0; t < K; ++t) emit[i * K + t] += float(sum[2 + t]) * (1.f / kScale);
  }
}

std::vector<int> SequenceTagger::Decode(const FeatureRows& tokens, const std::vector<float>& bias) const {
  const size_t n = tokens.size();
  if (n == 0) return {};
  const int k = tags_;
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  // Scratch reused across calls: decoding runs once a sentence and once a cue.
  thread_local std::vector<float> emit, best;
  thread_local std::vector<int> back;
  emit.assign(n * k, 0.f);
  if (!bias.empty())
    for (size_t i = 0; i < n; ++i)
      for (int t = 0; t < k; ++t) emit[i * k + t] = bias[t];
  if (!table_.empty() && k == 5) {
    Emit<5>(tokens, emit.data());
  } else if (!table_.empty() && k == 3) {
    Emit<3>(tokens, emit.data());
  } else if (!table_.empty()) {
    for (size_t i = 0; i < n; ++i)
      for (uint32_t key : tokens[i])
        if (const int16_t* w = FrozenRow(key))
          for (int t = 0; t < k; ++t) emit[i * k + t] += float(w[t]) * (1.f / kScale);
  } else {
    for (size_t i = 0; i < n; ++i)
      for (uint32_t f : tokens[i])
        if (const float* w = Row(f))
          for (int t = 0; t < k; ++t) emit[i * k + t] += w[t];
  }
  best.assign(n * k, kNever);
  back.assign(n * k, 0);
  const uint8_t* may = may_follow_.data();
  const float* trans = transitions_.data();
  for (int t = 0; t < k; ++t)
    if (may[k * k + t]) best[t] = trans[k * k + t] + emit[t];
  for (size_t i = 1; i < n; ++i) {
    const float* before = &best[(i - 1) * k];
    float* now = &best[i * k];
    int* from = &back[i * k];
    const float* e = &emit[i * k];
    for (int t = 0; t < k; ++t)
      for (int p = 0; p < k; ++p) {
        if (!may[p * k + t] || before[p] == kNever) continue;
        float s = before[p] + trans[p * k + t] + e[t];
        if (s > now[t]) now[t] = s, from[t] = p;
      }
  }
  std::vector<int> out(n);
  int t = 0;
  for (int c = 1; c < k; ++c)
    if (best[(n - 1) * k + c] > best[(n - 1) * k + t]) t = c;
  for (size_t i = n; i-- > 0;) {
    out[i] = t;
    t = back[i * k + t];
  }
  return out;
}

bool SequenceTagger::Learn(const FeatureRows& tokens, const std::vector<int>& gold) {
  std::vector<int> guess = Decode(tokens);
  bool wrong = guess != gold;
  if (wrong) {
    auto bump_transition = [&](size_t i, float d) {
      transition_totals_[i] += double(step_ - transition_stamps_[i]) * transitions_[i];
      transition_stamps_[i] = step_;
      transitions_[i] += d;
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
      const int prev_gold = i == 0 ? tags_ : gold[i - 1];
      const int prev_guess = i == 0 ? tags_ : guess[i - 1];
      if (gold[i] == guess[i] && prev_gold == prev_guess) continue;
      if (gold[i] != guess[i])
        for (uint32_t f : tokens[i]) {
          uint32_t r = RowIndex(f);
          Bump(r + gold[i], 1.f);
          Bump(r + guess[i], -1.f);
        }
      bump_transition(prev_gold * tags_ + gold[i], 1.f);
      bump_transition(prev_guess * tags_ + guess[i], -1.f);
    }
  }
  ++step_;
  return wrong;
}

// Averaged weights below `keep` carry features seen once or twice; dropping them keeps the
// model a few MB.
void SequenceTagger::Average(float keep) {
  // A loaded model is already averaged.
  if (totals_.size() != weights_.size() || (weights_.empty() && frozen_rows_ > 0)) return;
  for (size_t i = 0; i < weights_.size(); ++i) {
    totals_[i] += double(step_ - stamps_[i]) * weights_[i];
    weights_[i] = float(totals_[i] / step_);
  }
  for (size_t i = 0; i < transitions_.size(); ++i) {
    transition_totals_[i] += double(step_ - transition_stamps_[i]) * transitions_[i];
    transitions_[i] = float(transition_totals_[i] / step_);
  }
  // Drop rows whose weights all round to nothing: they only cost memory and file size.
  std::unordered_map<uint64_t, uint32_t> kept;
  std::vector<float> packed;
  for (auto [f, r] : rows_) {
    float most = 0;
    for (int t = 0; t < tags_; ++t) most = std::max(most, std::fabs(weights_[r + t]));
    if (most < keep) continue;
    kept[f] = static_cast<uint32_t>(packed.size());
    packed.insert(packed.end(), weights_.begin() + r, weights_.begin() + r + tags_);
  }
  rows_.swap(kept);
  weights_.swap(packed);
  totals_.clear();
  stamps_.clear();
  totals_.shrink_to_fit();
  stamps_.shrink_to_fit();
  Freeze();
}

// Format: "SQT1", tags, rows, transitions as floats, then each row: feature id and its
// weights as 16-bit fixed point (1/256 steps), which keeps the file small at no measurable cost.
namespace {
template <typename T>
void Put(std::ostream& out, T v) { out.write(reinterpret_cast<const char*>(&v), sizeof v); }
template <typename T>
bool Take(std::istream& in, T& v) { return bool(in.read(reinterpret_cast<char*>(&v), sizeof v)); }
}  // namespace

void SequenceTagger::Save(std::ostream& out) const {
  out.write("SQT2", 4);
  Put<uint32_t>(out, tags_);
  Put<uint32_t>(out, size());
  for (float w : transitions_) Put<float>(out, w);
  if (rows_.empty()) {  // a loaded model: its rows are in the table only
    for (uint32_t b = 0; b < buckets_; ++b)
      for (size_t s = 0; s < per_bucket_; ++s) {
        const int16_t* slot = &table_[b * bucket_stride_ + s * stride_];
        if (KeyAt(slot) == kNoKey) continue;
        Put<uint32_t>(out, KeyAt(slot));
        for (int t = 0; t < tags_; ++t) Put<int16_t>(out, slot[2 + t]);
      }
    return;
  }
  for (auto [f, r] : rows_) {
    Put<uint32_t>(out, uint32_t(f));
    for (int t = 0; t < tags_; ++t) {
      Put<int16_t>(out, Quantize(weights_[r + t]));
    }
  }
}

bool SequenceTagger::Load(std::istream& in) {
  char magic[4];
  uint32_t tags = 0, rows = 0;
  if (!in.read(magic, 4) || std::string_view(magic, 4) != "SQT2") return false;
  if (!Take(in, tags) || !Take(in, rows) || int(tags) != tags_) return false;
  for (float& w : transitions_)
    if (!Take(in, w)) return false;
  // Rows are read as one block (a feature id, then a weight a tag): one read, not one a number.
  // They go straight into the decoding table, already in its fixed point: a loaded model
  // only decodes (and is saved again from the table), so it keeps no node map.
  const size_t row_bytes = sizeof(uint32_t) + sizeof(int16_t) * size_t(tags_);
  std::vector<char> block(size_t(rows) * row_bytes);
  if (!in.read(block.data(), std::streamsize(block.size()))) return false;
  rows_.clear();
  weights_.clear();
  totals_.clear();
  stamps_.clear();
  MakeTable(rows);
  for (uint32_t i = 0; i < rows; ++i) {
    const char* row = block.data() + size_t(i) * row_bytes;
    uint32_t f;
    std::memcpy(&f, row, sizeof f);
    if (FrozenRow(f)) continue;  // a key twice: the map this replaces kept one
    if (int16_t* w = Place(f)) std::memcpy(w, row + sizeof f, sizeof(int16_t) * size_t(tags_));
  }
  return true;
}

}  // namespace sitrep::quotes
