#include "store/batch_writer.h"

#include "store/codec.h"

namespace sitrep {
namespace {

void WriteLinks(BatchWriter& w, const std::string& id, const ArticleLinks& l) {
  const StoryAssignment& st = l.story;
  // A merge moves every member of the merged stories to the one that absorbed them.
  for (StoryId gone : st.merged) w.MergeStory(gone, st.story);
  for (const auto& [article, story] : st.moved) w.MoveArticle(article, story);
  std::vector<std::string> merged;
  for (StoryId m : st.merged) merged.push_back(std::to_string(m));
  w.PutPlacement(id, l, ToJson(merged));
  for (const CopyLink& c : l.relinked) w.Relink(c);
  for (const ReusedPassage& p : l.passages) w.AddPassage(id, p);
}

}  // namespace

size_t WriteBatch(BatchWriter& w, const std::vector<Article>& batch,
                  const std::vector<ArticleLinks>& links,
                  const std::vector<std::pair<StoryId, std::string>>& labels) {
  size_t added = 0;
  for (size_t i = 0; i < batch.size(); ++i) {
    const bool added_now = w.InsertArticle(batch[i]);
    added += added_now;
    if (i < links.size() && (added_now || !w.HasPlacement(batch[i].id)))
      WriteLinks(w, batch[i].id, links[i]);
  }
  for (const auto& [story, label] : labels) w.PutLabel(story, label);
  return added;
}

}  // namespace sitrep
