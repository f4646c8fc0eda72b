// STUB: replaced by the stories work.
#include "stories/stories.h"

namespace sitrep {
struct StoryClusterer::Impl { size_t n = 0; };
StoryClusterer::StoryClusterer(StoryOptions) : impl_(std::make_unique<Impl>()) {}
StoryClusterer::~StoryClusterer() = default;
StoryAssignment StoryClusterer::Add(const Article&) {
  StoryAssignment a;
  a.story = static_cast<StoryId>(++impl_->n);
  a.new_story = true;
  return a;
}
StoryId StoryClusterer::Resolve(StoryId story) const { return story; }
std::string StoryClusterer::Label(StoryId) const { return ""; }
size_t StoryClusterer::size() const { return impl_->n; }
}  // namespace sitrep
