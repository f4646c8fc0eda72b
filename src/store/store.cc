#include "store/store.h"

namespace sitrep {

std::optional<StoryArticles> Store::ReadStory(StoryId id) {
  auto story = Story(id);
  if (!story) return std::nullopt;
  StoryArticles out;
  out.id = id;
  out.label = story->label;
  for (const StoryMember& m : StoryMembers(id)) {
    auto article = Get(m.article.id);
    if (!article) continue;  // Check() reports such a gap; a brief can do without it
    out.articles.push_back(std::move(*article));
    out.upstream.push_back(m.upstream);
  }
  return out;
}

}  // namespace sitrep
