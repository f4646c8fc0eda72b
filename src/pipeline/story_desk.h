// The story-level stages, run online: as each new article arrives, the copies index says
// whether it copies an earlier article and which passages it reuses, and the clusterer
// places it in a story. Both keep state built from every article so far, so a desk opened
// on a store first replays the store's articles in the order they arrived (and links any
// that were stored before these stages existed).
#pragma once

#include <utility>
#include <vector>

#include "dedup/copies.h"
#include "store/store.h"
#include "stories/stories.h"

namespace sitrep {

class StoryDesk {
 public:
  explicit StoryDesk(Store& store);

  struct Decisions {
    std::vector<ArticleLinks> links;  // aligned with the batch; empty entries for old articles
    std::vector<std::pair<StoryId, std::string>> labels;  // of the stories the batch touched
  };
  // Places the batch's new articles (is_new[i]), in order.
  Decisions Place(const std::vector<Article>& batch, const std::vector<bool>& is_new);
  size_t replayed() const { return replayed_; }

 private:
  ArticleLinks PlaceOne(const Article& a);
  CopyIndex copies_;
  StoryClusterer stories_;
  size_t replayed_ = 0;
};

}  // namespace sitrep
