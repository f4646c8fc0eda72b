// The store: where Articles (and later stories, entities, quotes, claims) persist. One
// interface, so PostgreSQL can sit beside the embedded SQLite default.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "article.h"
#include "story.h"

namespace sitrep {

// A store that cannot be opened or written: the message names the file and the reason.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One line of a listing.
struct ArticleSummary {
  std::string id, url, outlet, title, published, origin;
  size_t chars = 0;
};

struct SearchHit {
  ArticleSummary article;
  std::string snippet;  // the best passage, matches marked with [ and ]
  double score = 0;     // higher is better
};

struct StorySummary {
  StoryId id = 0;
  std::string label;
  size_t articles = 0, outlets = 0, copies = 0;
  std::string first_seen, last_seen;  // publication dates (ISO), else when ingested
};

// A member of a story, in the order it arrived.
struct StoryMember {
  ArticleSummary article;
  std::string upstream;  // the article it copies, empty when it is no copy
};

// How an article came to be where it is: `sitrep why`.
struct Placement {
  std::string article;
  StoryAssignment story;  // `story.story` is where the article is now, after merges
  StoryId first_story = 0;  // where it was first placed
  std::optional<CopyOf> copy_of;
  std::vector<ReusedPassage> passages;  // both ways: passages it shares with earlier and later articles
};

class Store {
 public:
  // `spec` is a file path (SQLite, created when missing). Throws StoreError.
  static std::unique_ptr<Store> Open(const std::string& spec);
  virtual ~Store() = default;

  // Stores a batch in one transaction: all of it or none. Articles already stored (same
  // id) are left as they are. Returns how many were new.
  size_t Put(const std::vector<Article>& batch) { return Put(batch, {}, {}); }
  // The same with each article's story placement, copy link and reused passages (`links`
  // aligned with `batch`, or empty), and the current labels of the stories they touched.
  virtual size_t Put(const std::vector<Article>& batch, const std::vector<ArticleLinks>& links,
                     const std::vector<std::pair<StoryId, std::string>>& labels) = 0;
  // Which of `ids` are stored already.
  virtual std::vector<bool> Contains(const std::vector<std::string>& ids) = 0;
  // Every stored article in the order it arrived, with whether it has links yet; for
  // rebuilding the online indexes when a new ingest starts.
  virtual void ForEachArticle(const std::function<void(const Article&, bool linked)>& fn) = 0;
  // By id or by a unique id prefix.
  virtual std::optional<Article> Get(const std::string& id) = 0;
  virtual std::vector<ArticleSummary> List(size_t limit, size_t offset) = 0;
  // Full-text search over titles and text; `query` in plain words ("bridge closure") or
  // FTS5 syntax when it uses quotes or operators.
  virtual std::vector<SearchHit> Search(const std::string& query, size_t limit, size_t offset) = 0;
  virtual size_t Count() = 0;

  // Stories, largest first (ties: newest first).
  virtual std::vector<StorySummary> Stories(size_t limit, size_t offset) = 0;
  virtual std::optional<StorySummary> Story(StoryId id) = 0;
  virtual std::vector<StoryMember> StoryMembers(StoryId id) = 0;
  virtual std::optional<Placement> PlacementOf(const std::string& article_id) = 0;
  // A story with its members' whole articles; nothing when there is no such story.
  std::optional<StoryArticles> ReadStory(StoryId id);
  // Checks that the indexes agree with the articles; empty when all is well.
  virtual std::vector<std::string> Check() = 0;
  // Reads the whole store once, throwing StoreError (naming the file) when part of it is
  // damaged: a long-running reader (the server) then fails at start, not on some request later.
  virtual void CheckReadable() {}
};

}  // namespace sitrep
