// Writing a batch with its links, for both backends (internal to store/): WriteBatch says
// what is written and in which order; a backend only says how each write is spelled in its SQL.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "article.h"
#include "story.h"

namespace sitrep {

// One backend's statements, each run inside the caller's transaction.
class BatchWriter {
 public:
  virtual ~BatchWriter() = default;
  // Stores the article unless one with its id is stored; true when it was new.
  virtual bool InsertArticle(const Article& a) = 0;
  virtual bool HasPlacement(const std::string& article) = 0;
  // Every member of story `gone` moves to `into`, and `gone` is marked as merged into it.
  virtual void MergeStory(StoryId gone, StoryId into) = 0;
  virtual void MoveArticle(const std::string& article, StoryId story) = 0;
  // The article's placement and copy link, replacing any it had; `merged` is the JSON list
  // of the stories it brought together.
  virtual void PutPlacement(const std::string& article, const ArticleLinks& links,
                            const std::string& merged) = 0;
  // An earlier article copies `c.of.upstream` from now on.
  virtual void Relink(const CopyLink& c) = 0;
  virtual void AddPassage(const std::string& article, const ReusedPassage& p) = 0;
  virtual void PutLabel(StoryId story, const std::string& label) = 0;
};

// The batch (`links` aligned with it, or empty) and the stories' labels; returns how many
// articles were new. Links belong to the arrival that made them: an article stored before
// keeps its own, unless it has none yet.
size_t WriteBatch(BatchWriter& w, const std::vector<Article>& batch,
                  const std::vector<ArticleLinks>& links,
                  const std::vector<std::pair<StoryId, std::string>>& labels);

}  // namespace sitrep
