// S-curve of the banding, P(candidate) = 1 - (1 - J^r)^b:
//
//   J      b=30,r=4  b=20,r=6  b=16,r=5  b=15,r=8
//   0.9    1.000     1.000     1.000     1.000
//   0.8    1.000     0.998     0.998     0.936
//   0.7    1.000     0.918     0.947     0.590
//   0.5    0.856     0.270     0.398     0.057
//   0.3    0.217     0.014     0.038     0.001
//
// 16 × 5 misses 0.2% of pairs at the 0.8 threshold, as 20 × 6 does, with two thirds of the
// hashing (the signature is the costliest step of a near-duplicate check). It lets more
// pairs near J = 0.5 through, but those are few (most articles share almost no five-word
// runs) and the exact check of a candidate is one merge of two sorted arrays.
#include "dedup/minhash.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <string>

#include "dedup/words.h"

namespace sitrep::dedup {

namespace {

constexpr int kHashes = kBands * kRows;

uint64_t SplitMix(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// h_i(x) = a_i·x + b_i mod 2^64 with odd a_i: a permutation of the 64-bit shingle hashes,
// one a signature row. Fixed seeds, so signatures are the same in every run.
struct Permutations {
  std::array<uint64_t, kHashes> a, b;
  Permutations() {
    uint64_t state = 0x5172ec0915ULL;
    for (int i = 0; i < kHashes; ++i) {
      a[i] = SplitMix(state) | 1;
      b[i] = SplitMix(state);
    }
  }
};

const Permutations& Perm() {
  static const Permutations p;
  return p;
}

}  // namespace

std::vector<uint64_t> ShingleHashes(const Article& article) {
  std::vector<uint64_t> words;
  words.reserve(article.tokens.size());
  std::string scratch;
  for (const Span& t : article.tokens) {
    const std::string_view token = article.Text(t);
    if (IsWordToken(token)) words.push_back(WordHash(token, scratch));
  }
  std::vector<uint64_t> out;
  if (words.empty()) return out;
  const size_t k = std::min<size_t>(kShingleWords, words.size());
  out.reserve(words.size() - k + 1);
  for (size_t i = 0; i + k <= words.size(); ++i)
    out.push_back(XXH3_64bits(&words[i], k * sizeof(uint64_t)));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) ++i;
    else if (b[j] < a[i]) ++j;
    else ++common, ++i, ++j;
  }
  const size_t total = a.size() + b.size() - common;
  return total == 0 ? 0 : double(common) / double(total);
}

std::vector<uint64_t> BandKeys(std::span<const uint64_t> shingles) {
  std::array<uint64_t, kHashes> sig;
  sig.fill(UINT64_MAX);
  const Permutations& p = Perm();
  for (uint64_t x : shingles)
    for (int i = 0; i < kHashes; ++i) sig[i] = std::min(sig[i], p.a[i] * x + p.b[i]);
  std::vector<uint64_t> keys(kBands);
  for (int band = 0; band < kBands; ++band)
    keys[band] = XXH3_64bits_withSeed(&sig[band * kRows], kRows * sizeof(uint64_t), band);
  return keys;
}

void LshTable::Insert(uint32_t item, std::span<const uint64_t> keys) {
  for (uint64_t key : keys) {
    const auto slot = static_cast<uint32_t>(next_.size());
    auto [it, fresh] = head_.try_emplace(key, slot);
    next_.push_back(fresh ? kNone : it->second);
    owner_.push_back(item);
    it->second = slot;
  }
}

std::vector<uint32_t> LshTable::Candidates(std::span<const uint64_t> keys) const {
  std::vector<uint32_t> out;
  for (uint64_t key : keys) {
    auto it = head_.find(key);
    if (it == head_.end()) continue;
    for (uint32_t slot = it->second; slot != kNone; slot = next_[slot]) out.push_back(owner_[slot]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sitrep::dedup
