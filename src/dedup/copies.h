// Copies: syndicated and near-duplicate articles (MinHash over word shingles, LSH banding,
// then an exact check of the candidates) and passages reused between otherwise different
// articles, also when lightly edited or translated differently. Found online, as articles
// arrive; copies are marked, never dropped, and the earlier article is the upstream.
//
// The upstream of a near-duplicate group is its earliest-published article; when dates are
// unknown (or equal at the precision both know), the first added. A copy points at the
// group's upstream, not at the member it happened to match. When an article arrives that
// was published before the upstream of the group it matches, it becomes the upstream:
// Found::relinked lists the articles added before that now copy it. Exact Jaccard ≥ 0.8
// over 5-word shingles makes a copy (minhash.h, copies.cc say why).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "story.h"

namespace sitrep {

class CopyIndex {
 public:
  CopyIndex();
  ~CopyIndex();
  CopyIndex(const CopyIndex&) = delete;

  struct Found {
    std::optional<CopyOf> copy_of;
    // With earlier articles that are not its copies. Empty for a copy: its upstream carries
    // the passages, and reporting them again for each copy would only repeat them.
    std::vector<ReusedPassage> passages;
    // Articles added before that copy this one (it was published before their upstream):
    // each should now point here instead of where it pointed.
    std::vector<CopyLink> relinked;
  };
  // Adds `article` (with its tokens and sentences) and reports what it shares with the
  // articles added before it. Deterministic for a given order of arrival. Adding an id
  // already added is a no-op that finds nothing.
  Found Add(const Article& article);
  size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep
