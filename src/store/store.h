// The store: where Articles (and later stories, entities, quotes, claims) persist. One
// interface, two backends: embedded SQLite (the default, a file) and PostgreSQL (a server
// several ingest workers on several machines can share). Callers never learn which.
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

// What a feed watcher remembers of a feed between runs: the validators of its last answer,
// so the next poll can ask "only if changed".
struct FeedState {
  std::string url, etag, last_modified;
};

// An article's arrival number: it grows with every article stored, in the order the
// batches committed, so "what arrived after n" is a well-defined catch-up for a writer.
using Arrival = int64_t;

// What a writer decided for a batch (see Store::PutInTurn); `links` aligned with the batch.
struct BatchLinks {
  std::vector<ArticleLinks> links;
  std::vector<std::pair<StoryId, std::string>> labels;  // of the stories the batch touched
};

class Store {
 public:
  using ArticleFn = std::function<void(const Article&, bool linked)>;

  // `spec` is a file path (SQLite, created when missing) or a libpq URI
  // "postgresql://[user[:password]@]host[:port]/database[?param=value...]" (the schema
  // is made on first use). Throws StoreError naming the file or server and the reason.
  static std::unique_ptr<Store> Open(const std::string& spec);
  // How a message names the store `spec`: the file, or the URI with its password hidden
  // ("postgresql://ann:***@db/news").
  static std::string Name(const std::string& spec);
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
  void ForEachArticle(const ArticleFn& fn) { ForEachArticleAfter(0, fn); }
  // The same for the articles that arrived after `after`; returns the last one's arrival
  // number (`after` when there is none).
  virtual Arrival ForEachArticleAfter(Arrival after, const ArticleFn& fn) = 0;

  // Put for several writers sharing the store (processes, machines), whose links depend on
  // every article stored before. In one transaction holding the store's write turn (no
  // other writer stores until it ends): `catch_up` gets each article that arrived after
  // `seen` (what other writers stored since this one last looked), in arrival order; then
  // `place` gets which articles of `batch` are new (not stored yet and first of their id in
  // the batch) and returns their links; then the batch and its links are stored and `seen`
  // moves past them. All or nothing: after a throw (or a killed process) nothing of the
  // batch is stored and `seen` is unchanged. Returns how many articles were new.
  virtual size_t PutInTurn(const std::vector<Article>& batch, Arrival& seen,
                           const ArticleFn& catch_up,
                           const std::function<BatchLinks(const std::vector<bool>& is_new)>& place) = 0;
  // By id or by a unique id prefix.
  virtual std::optional<Article> Get(const std::string& id) = 0;
  virtual std::vector<ArticleSummary> List(size_t limit, size_t offset) = 0;
  // Full-text search over titles and text; `query` in plain words ("bridge closure") or,
  // when it uses quotes or operators, the backend's syntax (SQLite: FTS5; PostgreSQL:
  // websearch_to_tsquery, e.g. "\"red cross\" -flood").
  virtual std::vector<SearchHit> Search(const std::string& query, size_t limit, size_t offset) = 0;
  virtual size_t Count() = 0;

  // Stories, largest first (ties: newest first).
  virtual std::vector<StorySummary> Stories(size_t limit, size_t offset) = 0;
  virtual std::optional<StorySummary> Story(StoryId id) = 0;
  virtual std::vector<StoryMember> StoryMembers(StoryId id) = 0;
  virtual std::optional<Placement> PlacementOf(const std::string& article_id) = 0;
  // A story with its members' whole articles; nothing when there is no such story.
  std::optional<StoryArticles> ReadStory(StoryId id);
  // The feed's remembered validators; empty ones for a feed never seen.
  virtual FeedState GetFeedState(const std::string& feed_url) = 0;
  virtual void PutFeedState(const FeedState& state) = 0;
  // Which of `urls` (article pages a feed linked to) were handled already: an article with
  // that URL is stored, or the page was marked as done (also when it held no article).
  virtual std::vector<bool> PagesDone(const std::vector<std::string>& urls) = 0;
  virtual void MarkPagesDone(const std::vector<std::string>& urls) = 0;

  // Checks that the indexes agree with the articles; empty when all is well.
  virtual std::vector<std::string> Check() = 0;
  // Reads the whole store once, throwing StoreError (naming the file) when part of it is
  // damaged: a long-running reader (the server) then fails at start, not on some request later.
  virtual void CheckReadable() {}

 protected:
  // Which of a batch are new: not stored yet and first of their id in the batch.
  std::vector<bool> NewIn(const std::vector<Article>& batch);
};

}  // namespace sitrep
