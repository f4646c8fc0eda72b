#include "pipeline/story_desk.h"

#include <set>

namespace sitrep {

StoryDesk::StoryDesk(Store& store) {
  std::vector<Article> unlinked;
  std::vector<bool> all_new;
  store.ForEachArticle([&](const Article& a, bool linked) {
    ++replayed_;
    if (linked) {
      PlaceOne(a);  // only to rebuild the indexes: the stored decision stands
    } else {
      unlinked.push_back(a);
      all_new.push_back(true);
    }
  });
  if (unlinked.empty()) return;
  Decisions d = Place(unlinked, all_new);
  store.Put(unlinked, d.links, d.labels);
}

ArticleLinks StoryDesk::PlaceOne(const Article& a) {
  ArticleLinks links;
  CopyIndex::Found found = copies_.Add(a);
  links.copy_of = std::move(found.copy_of);
  links.passages = std::move(found.passages);
  links.relinked = std::move(found.relinked);
  links.story = stories_.Add(a);
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
  for (StoryId s : touched) d.labels.emplace_back(s, stories_.Label(s));
  return d;
}

}  // namespace sitrep
