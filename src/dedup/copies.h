// Copies: syndicated and near-duplicate articles (MinHash over word shingles, LSH banding,
// then an exact check of the candidates) and passages reused between otherwise different
// articles, also when lightly edited or translated differently. Found online, as articles
// arrive; copies are marked, never dropped, and the earlier article is the upstream.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "article.h"

namespace sitrep {

struct CopyOf {
  std::string upstream;  // id of the earlier article this one copies
  double similarity = 0;  // exact Jaccard of the word shingles
};

// A paragraph or sentence of this article that another article also carries.
struct ReusedPassage {
  Span here;                 // in this article's text
  std::string other;         // the other article's id
  Span there;                // in the other article's text
  double similarity = 0;     // 1 for the same words; lower when edited or translated apart
};

class CopyIndex {
 public:
  CopyIndex();
  ~CopyIndex();
  CopyIndex(const CopyIndex&) = delete;

  struct Found {
    std::optional<CopyOf> copy_of;
    std::vector<ReusedPassage> passages;  // with earlier articles that are not its copies
  };
  // Adds `article` (with its tokens and sentences) and reports what it shares with the
  // articles added before it. Deterministic for a given order of arrival.
  Found Add(const Article& article);
  size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep
