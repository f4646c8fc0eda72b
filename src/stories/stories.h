// Stories: articles clustered online, as they arrive, into the events they report. TF-IDF
// over stemmed content words, with names, places, numbers and the title weighted, compared
// with the stories active in a time window; candidates come from an inverted index, so the
// cost per article stays flat as the store grows. Stories that converge merge. Every
// assignment can be explained.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "story.h"

namespace sitrep {

struct StoryOptions {
  double threshold = 0;        // 0: the tuned default
  int window_days = 0;         // 0: the tuned default; articles without dates ignore the window
  double merge_threshold = 0;  // 0: the tuned default (above `threshold`)
};

class StoryClusterer {
 public:
  explicit StoryClusterer(StoryOptions options = {});
  ~StoryClusterer();
  StoryClusterer(const StoryClusterer&) = delete;

  // Adds `article` (with tokens; its id, title, date) and assigns it to a story.
  // Deterministic for a given order of arrival.
  StoryAssignment Add(const Article& article);

  // Where a story that was merged away lives now.
  StoryId Resolve(StoryId story) const;
  // A short readable label: the story's most telling terms ("Riverside bridge closure mayor").
  std::string Label(StoryId story) const;
  size_t size() const;  // articles added
  // Where the `arrival`-th article added (from 0) belongs now, after merges and splits;
  // 0 if there is no such article.
  StoryId StoryOf(size_t arrival) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep
