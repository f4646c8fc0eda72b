#include "pipeline/story_desk.h"

#include <set>

namespace sitrep {

StoryDesk::StoryDesk(Store& store) { Replay(store); }

void StoryDesk::Replay(Store& store) {
  copies_ = std::make_unique<CopyIndex>();
  stories_ = std::make_unique<StoryClusterer>();
  replayed_ = 0;
  std::vector<Article> unlinked;
  std::vector<bool> all_new;
  seen_ = store.ForEachArticleAfter(0, [&](const Article& a, bool linked) {
    ++replayed_;
    if (linked) {
      PlaceOne(a);  // only to rebuild the indexes: the stored decision stands
    } else {
      unlinked.push_back(a);
      all_new.push_back(true);
    }
  });
  out_of_step_ = false;
  if (unlinked.empty()) return;
  Decisions d = Place(unlinked, all_new);
  store.Put(unlinked, d.links, d.labels);
}

size_t StoryDesk::PlaceAndStore(Store& store, const std::vector<Article>& batch) {
  if (out_of_step_) Replay(store);
  auto catch_up = [&](const Article& a, bool) {
    ++replayed_;
    PlaceOne(a);  // placed by another writer; its stored decision stands
  };
  auto place = [&](const std::vector<bool>& is_new) {
    Decisions d = Place(batch, is_new);
    return BatchLinks{std::move(d.links), std::move(d.labels)};
  };
  try {
    return store.PutInTurn(batch, seen_, catch_up, place);
  } catch (...) {
    out_of_step_ = true;  // it has placed articles that were not stored
    throw;
  }
}

ArticleLinks StoryDesk::PlaceOne(const Article& a) {
  ArticleLinks links;
  CopyIndex::Found found = copies_->Add(a);
  links.copy_of = std::move(found.copy_of);
  links.passages = std::move(found.passages);
  links.relinked = std::move(found.relinked);
  links.story = stories_->Add(a);
  return links;
}

StoryDesk::Decisions StoryDesk::Place(const std::vector<Article>& batch,
                                      const std::vector<bool>& is_new) {
  Decisions d;
  d.links.resize(batch.size());
  std::set<StoryId> touched;
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!is_new[i]) continue;
    d.links[i] = PlaceOne(batch[i]);
    touched.insert(d.links[i].story.story);
    for (const auto& [article, story] : d.links[i].story.moved) touched.insert(story);
  }
  for (StoryId s : touched) d.labels.emplace_back(s, stories_->Label(s));
  return d;
}

}  // namespace sitrep
