// Near-duplicate search: word shingles, MinHash signatures and LSH banding.
//
// Parameters (see minhash.cc for the S-curve): shingles of 5 words; 80 hash functions in
// 16 bands of 5 rows. Two texts become candidates when one band agrees, which happens with
// probability 1 - (1 - J^5)^16 for shingle Jaccard J: 0.998 at J = 0.8, 0.95 at 0.7,
// 0.40 at 0.5, 0.04 at 0.3. Candidates are then checked exactly (Jaccard of the sorted
// shingle hashes), so the banding only has to miss few true pairs and admit few false ones.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "article.h"
#include "dedup/words.h"
#include "util/flat_map.h"

namespace sitrep::dedup {

inline constexpr int kShingleWords = 5;
inline constexpr int kBands = 16;
inline constexpr int kRows = 5;

// The sorted, distinct hashes of the article's word shingles (lower case, punctuation
// dropped). A text shorter than a shingle is one shingle; a text without words has none.
std::vector<uint64_t> ShingleHashes(const Article& article);
// The hashes of the shingles of an article's TokenHashes in text order, repeats kept: all
// BandKeys needs. SortShingles makes them what ShingleHashes returns.
std::vector<uint64_t> TextShingles(std::span<const TokenHash> tokens);
void SortShingles(std::vector<uint64_t>& shingles);

// |a ∩ b| / |a ∪ b| of two sorted, distinct sets; 0 when both are empty.
double Jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

// One key a band: the hash of that band's rows of the MinHash signature. The shingles need
// not be sorted or distinct.
std::vector<uint64_t> BandKeys(std::span<const uint64_t> shingles);

// Band keys → the items that had them. Items are dense indexes chosen by the caller.
class LshTable {
 public:
  void Insert(uint32_t item, std::span<const uint64_t> keys);
  // Items sharing at least one band key, sorted and distinct.
  std::vector<uint32_t> Candidates(std::span<const uint64_t> keys) const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  FlatMap<uint32_t> head_;       // band key → latest slot with it
  std::vector<uint32_t> next_;   // slot → the previous slot with the same key
  std::vector<uint32_t> owner_;  // slot → item
};

}  // namespace sitrep::dedup
