// The story-level stages, run online: as each new article arrives, the copies index says
// whether it copies an earlier article and which passages it reuses, and the clusterer
// places it in a story. Both keep state built from every article so far, so a desk opened
// on a store first replays the store's articles in the order they arrived (and links any
// that were stored before these stages existed).
//
// Several desks (ingest workers, each its own process or machine) may write one store: each
// batch is placed and stored in the store's write turn, after the desk has caught up with
// the articles the others stored since it last looked. Every article is thus placed by a
// desk that has seen exactly the articles that arrived before it, as in one sequential
// ingest in arrival order.
#pragma once

#include <memory>
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
  // Places the batch's new articles (is_new[i]), in order, without storing them.
  Decisions Place(const std::vector<Article>& batch, const std::vector<bool>& is_new);
  // Catches up with what others stored, places the batch's new articles and stores the batch
  // with their links, all in one turn of `store` (the store this desk was opened on).
  // Returns how many articles were new. After a failed write the desk replays the store
  // before its next batch.
  size_t PlaceAndStore(Store& store, const std::vector<Article>& batch);
  size_t replayed() const { return replayed_; }

 private:
  void Replay(Store& store);
  ArticleLinks PlaceOne(const Article& a);
  std::unique_ptr<CopyIndex> copies_;
  std::unique_ptr<StoryClusterer> stories_;
  Arrival seen_ = 0;        // the last arrival this desk has placed
  bool out_of_step_ = false;  // a write failed after the desk had placed its batch
  size_t replayed_ = 0;
};

}  // namespace sitrep
