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

// How near two of a story's articles are among the story's others: each article's words
// (tf-idf over the story's articles, so the words every article uses weigh nothing), and for
// article a, the other articles ranked by how much of them a shares. Articles that tell one
// occurrence share its particulars (the second team, the village, the version) and are
// among each other's nearest; a look-alike event shares only the topic's words. Articles
// published more than a year apart (both dates stated) tell two occurrences of a kind.
class ArticleNeighbours {
 public:
  ArticleNeighbours(const StoryArticles& story, dedup::Vocabulary& vocab);
  ~ArticleNeighbours();
  // Whether b is among the nearer half of a's others and a among b's (in a story of five
  // articles or more), and their stated publication dates, if both have one, lie within a year.
  bool Near(size_t a, size_t b);

 private:
  void ReadArticles();
  double Similarity(size_t a, size_t b) const;
  bool Published(size_t a, size_t b) const;  // within a year, or not both stated
  bool NearOf(size_t a, size_t b);  // b among a's nearer half

  const StoryArticles& story_;
  dedup::Vocabulary& vocab_;
  size_t n_;
  std::vector<std::vector<std::pair<uint32_t, double>>> vectors_;  // sorted by term, unit length
  std::vector<std::vector<double>> rows_;  // a's similarity to each article, once asked
  std::vector<int64_t> published_;         // Unix seconds; 0 when not stated
};

}  // namespace sitrep::claims
