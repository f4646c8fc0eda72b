// The data model above the article: stories, copies and reused passages, as the story-level
// stages decide them and the store keeps them. Article-level layers are in article.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "article.h"

namespace sitrep {

using StoryId = uint32_t;  // from 1, in order of creation

struct StoryAssignment {
  StoryId story = 0;
  bool new_story = false;
  double similarity = 0;  // to the story it joined (0 for a new story)
  double threshold = 0;   // what the similarity had to reach
  std::vector<std::string> shared_terms;     // the terms that weighed most in the match
  std::vector<std::string> shared_entities;  // names, places and numbers in common
  std::vector<StoryId> merged;               // stories this article brought together into `story`
  // Earlier articles this arrival moved to another story (a story split in two): article
  // id and the story it belongs to now.
  std::vector<std::pair<std::string, StoryId>> moved;
};

struct CopyOf {
  std::string upstream;  // id of the earlier article this one copies
  double similarity = 0;  // exact Jaccard of the word shingles
};

// A link from an article added earlier that turns out to copy a later-added one.
struct CopyLink {
  std::string copy;  // the earlier-added article's id
  CopyOf of;         // its new upstream and the similarity to it
};

// A paragraph or sentence of this article that another article also carries.
struct ReusedPassage {
  Span here;                 // in this article's text
  std::string other;         // the other article's id
  Span there;                // in the other article's text
  double similarity = 0;     // 1 for the same words; lower when edited or translated apart
};

// What the story-level stages decided for one article as it arrived; stored with it.
struct ArticleLinks {
  StoryAssignment story;
  std::optional<CopyOf> copy_of;
  std::vector<ReusedPassage> passages;
  std::vector<CopyLink> relinked;  // earlier articles that copy this one instead, from now on
};

// A story with its members' whole articles, as the story-level stages (entities, claims,
// timeline, brief) read it.
struct StoryArticles {
  StoryId id = 0;
  std::string label;
  std::vector<Article> articles;       // in arrival order
  std::vector<std::string> upstream;   // per article: the article it copies, or empty
};

// One person, organisation or place as a story's articles name it, after identity resolution
// (entities/identity.h). Later stages (speakers, claims, briefs) refer to it by `key`, which
// Mention::entity and Attribution::speaker carry.
struct EntityRole {
  std::string role;     // "spokesman of Petrenko", "Secretary of the Port Council"
  std::string article;  // the id of the article that says it
};

struct Entity {
  std::string key;   // "person:mykola-petrenko"; unique within one resolution
  EntityType type = EntityType::kMisc;
  std::string name;  // the fullest name, as written in Latin letters where one was
  std::vector<std::string> variants;  // every spelling seen, the name first
  std::vector<EntityRole> roles;
  size_t mentions = 0;                // name and role mentions together
  std::vector<std::string> articles;  // ids of the articles that mention it
  std::vector<std::string> merges;    // why each variant joined: "'Petrenka' ~ 'Petrenko': same surname"
};

}  // namespace sitrep
