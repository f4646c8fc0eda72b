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

#define XXH_INLINE_ALL  // short inputs: a call would cost as much as the hash
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <string>

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
  std::vector<uint64_t> out = TextShingles(TokenHashes(article));
  SortShingles(out);
  return out;
}

std::vector<uint64_t> TextShingles(std::span<const TokenHash> tokens) {
  std::vector<uint64_t> words;
  words.reserve(tokens.size());
  for (const TokenHash& t : tokens)
    if (t.spelling != kNotWord) words.push_back(t.word);
  std::vector<uint64_t> out;
  if (words.empty()) return out;
  const size_t k = std::min<size_t>(kShingleWords, words.size());
  out.reserve(words.size() - k + 1);
  for (size_t i = 0; i + k <= words.size(); ++i)
    out.push_back(XXH3_64bits(&words[i], k * sizeof(uint64_t)));
  return out;
}

void SortShingles(std::vector<uint64_t>& shingles) {
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
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

namespace {

// The signature: 80 multiply-adds and minima a shingle, the costliest step here. Compiled
// also for x86-64-v4 (AVX-512: eight 64-bit lanes a register) and v3 (AVX2), chosen at load
// time; every version computes the same values (words_test.cc checks the definition).
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"),
               optimize("tree-vectorize")))
#endif
void Signature(const uint64_t* shingles, size_t n, const uint64_t* a, const uint64_t* b,
               uint64_t* sig) {
  // Eight rows at a time over all shingles: the eight minima stay in one register instead
  // of going through memory for every shingle.
  constexpr int kLanes = 8;
  static_assert(kHashes % kLanes == 0);
  for (int row = 0; row < kHashes; row += kLanes) {
    uint64_t min[kLanes], mul[kLanes], add[kLanes];
    for (int j = 0; j < kLanes; ++j) min[j] = UINT64_MAX, mul[j] = a[row + j], add[j] = b[row + j];
    for (size_t k = 0; k < n; ++k) {
      const uint64_t x = shingles[k];
      for (int j = 0; j < kLanes; ++j) {
        const uint64_t h = mul[j] * x + add[j];
        min[j] = h < min[j] ? h : min[j];
      }
    }
    for (int j = 0; j < kLanes; ++j) sig[row + j] = min[j];
  }
}

}  // namespace

std::vector<uint64_t> BandKeys(std::span<const uint64_t> shingles) {
  std::array<uint64_t, kHashes> sig;
  const Permutations& p = Perm();
  Signature(shingles.data(), shingles.size(), p.a.data(), p.b.data(), sig.data());
  std::vector<uint64_t> keys(kBands);
  for (int band = 0; band < kBands; ++band)
    keys[band] = XXH3_64bits_withSeed(&sig[band * kRows], kRows * sizeof(uint64_t), band);
  return keys;
}

void LshTable::Insert(uint32_t item, std::span<const uint64_t> keys) {
  for (uint64_t key : keys) {
    const auto slot = static_cast<uint32_t>(next_.size());
    auto [head, fresh] = head_.Insert(key, slot);
    next_.push_back(fresh ? kNone : *head);
    owner_.push_back(item);
    *head = slot;
  }
}

std::vector<uint32_t> LshTable::Candidates(std::span<const uint64_t> keys) const {
  std::vector<uint32_t> out;
  for (uint64_t key : keys) {
    const uint32_t* head = head_.Find(key);
    if (!head) continue;
    for (uint32_t slot = *head; slot != kNone; slot = next_[slot]) out.push_back(owner_[slot]);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sitrep::dedup
