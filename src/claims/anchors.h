// Event anchors: what tells an article's event from a look-alike told in the same words
// (two quakes, two office shootings): the places and people its opening names, the person
// and place it names most, the years it opens on.
#pragma once

#include <string>
#include <vector>

#include "dedup/words.h"
#include "story.h"

namespace sitrep::claims {

struct EventAnchors;

// Whether two of a story's articles tell different events, each pair decided once.
class EventConflicts {
 public:
  EventConflicts(const StoryArticles& story, dedup::Vocabulary& vocab);
  ~EventConflicts();
  bool operator()(size_t a, size_t b);

 private:
  size_t n_;
  std::vector<EventAnchors> anchors_;
  std::vector<int8_t> known_;
};

}  // namespace sitrep::claims
