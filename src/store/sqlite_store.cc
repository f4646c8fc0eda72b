// The embedded store: SQLite in WAL mode. Each Put is one transaction, so a crash or a
// kill -9 mid-ingest leaves every committed batch intact and no half batch behind.
#include <sqlite3.h>

#include <cstring>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "store/backends.h"
#include "store/batch_writer.h"
#include "store/codec.h"
#include "store/layers.h"
#include "store/store.h"

namespace sitrep {

namespace {

// Each step moves the schema one version up; applied in order, in one transaction each.
// Never edit a released step: add a new one.
const char* const kMigrations[] = {
    // 1: articles and their full-text index.
    R"sql(
    CREATE TABLE articles (
      rowid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      url TEXT NOT NULL DEFAULT '',
      outlet TEXT NOT NULL DEFAULT '',
      title TEXT NOT NULL DEFAULT '',
      byline TEXT NOT NULL DEFAULT '',
      language TEXT NOT NULL DEFAULT '',
      published TEXT NOT NULL DEFAULT '',
      published_unix INTEGER,
      published_source TEXT NOT NULL DEFAULT '',
      published_detail TEXT NOT NULL DEFAULT '',
      published_confidence REAL NOT NULL DEFAULT 0,
      origin TEXT NOT NULL DEFAULT '',
      format TEXT NOT NULL DEFAULT '',
      text TEXT NOT NULL,
      paragraphs BLOB,
      sentences BLOB,
      tokens BLOB,
      relays TEXT NOT NULL DEFAULT '[]',
      warnings TEXT NOT NULL DEFAULT '[]',
      ingested_at INTEGER NOT NULL DEFAULT (unixepoch())
    );
    CREATE INDEX articles_published ON articles(published_unix);
    CREATE INDEX articles_url ON articles(url);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
      title, text, content='articles', content_rowid='rowid',
      tokenize='unicode61 remove_diacritics 2');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
      INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
      INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    )sql",
    // 2: stories, copies and reused passages, decided as each article arrived.
    R"sql(
    CREATE TABLE stories (
      id INTEGER PRIMARY KEY,
      label TEXT NOT NULL DEFAULT '',
      merged_into INTEGER
    );
    CREATE TABLE placements (
      article TEXT PRIMARY KEY REFERENCES articles(id),
      story INTEGER NOT NULL,        -- where the article is now, after merges
      first_story INTEGER NOT NULL,  -- where it was first placed
      new_story INTEGER NOT NULL,
      similarity REAL NOT NULL,
      threshold REAL NOT NULL,
      shared_terms TEXT NOT NULL,
      shared_entities TEXT NOT NULL,
      merged TEXT NOT NULL,
      upstream TEXT,
      copy_similarity REAL
    );
    CREATE INDEX placements_story ON placements(story);
    CREATE INDEX placements_upstream ON placements(upstream);
    CREATE TABLE passages (
      article TEXT NOT NULL REFERENCES articles(id),
      here_begin INTEGER NOT NULL, here_end INTEGER NOT NULL,
      other TEXT NOT NULL,
      there_begin INTEGER NOT NULL, there_end INTEGER NOT NULL,
      similarity REAL NOT NULL
    );
    CREATE INDEX passages_article ON passages(article);
    CREATE INDEX passages_other ON passages(other);
    )sql",
    // 3: the layers later stages add (mentions, attributions, time expressions), as JSON.
    R"sql(
    ALTER TABLE articles ADD COLUMN layers TEXT NOT NULL DEFAULT '{}';
    )sql",
    // 4: what `sitrep watch` remembers: each feed's validators and the pages it handled.
    R"sql(
    CREATE TABLE feeds (
      url TEXT PRIMARY KEY,
      etag TEXT NOT NULL DEFAULT '',
      last_modified TEXT NOT NULL DEFAULT '',
      checked_at INTEGER NOT NULL DEFAULT (unixepoch())
    );
    CREATE TABLE feed_pages (
      url TEXT PRIMARY KEY,
      done_at INTEGER NOT NULL DEFAULT (unixepoch())
    );
    )sql",
    // 5: the writer fills the full-text index once a batch (IndexArticlesAfter). The trigger
    // ran inside each article's INSERT, whose statement savepoint made FTS5 flush its pending
    // terms to a new segment per article (and merge them): ~half the store's write time.
    R"sql(
    DROP TRIGGER IF EXISTS articles_ai;
    )sql",
};

// "path: reason" for the last error on `db`: a damaged or full database must be named, as
// the user may hold several.
std::string ErrorOf(sqlite3* db) {
  const char* file = sqlite3_db_filename(db, "main");
  std::string where = file && *file ? std::string(file) + ": " : "";
  return where + sqlite3_errmsg(db);
}

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw StoreError(ErrorOf(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;

  void Bind(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void BindBlob(int i, const std::string& b) {
    sqlite3_bind_blob(stmt_, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
  }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  // True while there is a row.
  bool Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(ErrorOf(db_));
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  std::string Blob(int col) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Plain words become an FTS5 query of quoted terms joined by `op`; a query that already
// uses FTS5 syntax (quotes, operators, prefix stars) passes as written.
std::string FtsQuery(const std::string& q, const char* op) {
  if (q.find_first_of("\"*():^") != std::string::npos || q.find(" AND ") != std::string::npos ||
      q.find(" OR ") != std::string::npos || q.find(" NOT ") != std::string::npos ||
      q.find("NEAR") != std::string::npos)
    return q;
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += op;
    out += '"' + word + '"';
    word.clear();
  };
  for (char c : q) {
    if (std::isspace(static_cast<unsigned char>(c))) flush();
    else word += c;
  }
  flush();
  return out;
}

class SqliteStore : public Store, private BatchWriter {
 public:
  explicit SqliteStore(const std::string& path) : path_(path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             nullptr);
    try {
      if (rc != SQLITE_OK) Fail("cannot open");
      Configure();
    } catch (...) {  // no destructor runs for a constructor that throws
      sqlite3_close_v2(db_);
      throw;
    }
  }
  ~SqliteStore() override { sqlite3_close_v2(db_); }

 private:
  void Configure() {
    sqlite3_busy_timeout(db_, 10000);
    try {
      UserVersion();  // the first read: a damaged or foreign file fails here
      Exec("PRAGMA journal_mode=WAL");
    } catch (const StoreError& e) {
      throw StoreError(path_ + ": not a usable sitrep database: " + sqlite3_errmsg(db_));
    }
    // NORMAL in WAL mode survives a process crash; only power loss can drop the last batch.
    Exec("PRAGMA synchronous=NORMAL");
    Exec("PRAGMA foreign_keys=ON");
    // Checkpoints fsync; with the default of every 4 MB of WAL they dominate a bulk ingest.
    Exec("PRAGMA wal_autocheckpoint=16384");
    Exec("PRAGMA cache_size=-65536");
    Migrate();
  }

 public:

  size_t Put(const std::vector<Article>& batch, const std::vector<ArticleLinks>& links,
             const std::vector<std::pair<StoryId, std::string>>& labels) override {
    Exec("BEGIN IMMEDIATE");
    try {
      const Arrival before = LastArrival();
      size_t added = WriteBatch(*this, batch, links, labels);
      IndexArticlesAfter(before);
      Exec("COMMIT");
      return added;
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  // BEGIN IMMEDIATE takes the database's write lock, which other processes wait for (the
  // busy timeout): the write turn.
  size_t PutInTurn(const std::vector<Article>& batch, Arrival& seen, const ArticleFn& catch_up,
                   const std::function<BatchLinks(const std::vector<bool>&)>& place) override {
    Exec("BEGIN IMMEDIATE");
    try {
      ForEachArticleAfter(seen, catch_up);
      BatchLinks d = place(NewIn(batch));
      const Arrival before = LastArrival();
      size_t added = WriteBatch(*this, batch, d.links, d.labels);
      IndexArticlesAfter(before);
      const Arrival now = LastArrival();
      Exec("COMMIT");
      seen = now;
      return added;
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  FeedState GetFeedState(const std::string& feed_url) override {
    Statement& s = Cached("SELECT etag, last_modified FROM feeds WHERE url = ?1");
    s.Bind(1, feed_url);
    FeedState out{feed_url, "", ""};
    if (s.Step()) {
      out.etag = s.Text(0);
      out.last_modified = s.Text(1);
    }
    s.Reset();
    return out;
  }

  void PutFeedState(const FeedState& state) override {
    Statement& s = Cached(
        "INSERT INTO feeds(url, etag, last_modified) VALUES (?1, ?2, ?3) ON CONFLICT(url) DO UPDATE SET "
        "etag = excluded.etag, last_modified = excluded.last_modified, checked_at = unixepoch()");
    s.Bind(1, state.url);
    s.Bind(2, state.etag);
    s.Bind(3, state.last_modified);
    s.Step();
  }

  std::vector<bool> PagesDone(const std::vector<std::string>& urls) override {
    Statement& s = Cached(
        "SELECT EXISTS(SELECT 1 FROM feed_pages WHERE url = ?1) OR EXISTS(SELECT 1 FROM articles WHERE url = ?1)");
    std::vector<bool> out;
    for (const std::string& url : urls) {
      s.Bind(1, url);
      s.Step();
      out.push_back(s.Int(0) != 0);
      s.Reset();
    }
    return out;
  }

  void MarkPagesDone(const std::vector<std::string>& urls) override {
    Exec("BEGIN IMMEDIATE");
    try {
      Statement& s = Cached("INSERT OR IGNORE INTO feed_pages(url) VALUES (?1)");
      for (const std::string& url : urls) {
        s.Bind(1, url);
        s.Step();
        s.Reset();
      }
      Exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  std::vector<bool> Contains(const std::vector<std::string>& ids) override {
    Statement s(db_, "SELECT 1 FROM articles WHERE id = ?");
    std::vector<bool> out;
    for (const std::string& id : ids) {
      s.Reset();
      s.Bind(1, id);
      out.push_back(s.Step());
    }
    return out;
  }

  Arrival ForEachArticleAfter(Arrival after, const ArticleFn& fn) override {
    Statement s(db_, (std::string("SELECT ") + kArticleColumns +
                      ", p.article IS NOT NULL, a.rowid FROM articles a LEFT JOIN placements p "
                      "ON p.article = a.id WHERE a.rowid > ? ORDER BY a.rowid").c_str());
    s.Bind(1, static_cast<int64_t>(after));
    while (s.Step()) {
      fn(ReadArticle(s), s.Int(kArticleColumnCount) != 0);
      after = s.Int(kArticleColumnCount + 1);
    }
    return after;
  }

  std::optional<Article> Get(const std::string& id) override {
    Statement s(db_, (std::string("SELECT ") + kArticleColumns +
                      " FROM articles a WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2").c_str());
    s.Bind(1, id);
    if (!s.Step()) return std::nullopt;
    Article a = ReadArticle(s);
    if (s.Step()) throw StoreError("id prefix '" + id + "' matches several articles");
    return a;
  }

  std::vector<StorySummary> Stories(size_t limit, size_t offset) override {
    Statement s(db_, (std::string(kStorySummary) +
                      " GROUP BY p.story ORDER BY count(*) DESC, max(a.rowid) DESC LIMIT ? OFFSET ?").c_str());
    s.Bind(1, static_cast<int64_t>(limit));
    s.Bind(2, static_cast<int64_t>(offset));
    std::vector<StorySummary> out;
    while (s.Step()) out.push_back(ReadStory(s));
    return out;
  }

  std::optional<StorySummary> Story(StoryId id) override {
    Statement s(db_, (std::string(kStorySummary) + " WHERE p.story = ? GROUP BY p.story").c_str());
    s.Bind(1, static_cast<int64_t>(id));
    if (!s.Step()) return std::nullopt;
    return ReadStory(s);
  }

  std::vector<StoryMember> StoryMembers(StoryId id) override {
    Statement s(db_, R"sql(
      SELECT a.id, a.url, a.outlet, a.title, a.published, a.origin, length(a.text), p.upstream
      FROM placements p JOIN articles a ON a.id = p.article
      WHERE p.story = ? ORDER BY a.rowid)sql");
    s.Bind(1, static_cast<int64_t>(id));
    std::vector<StoryMember> out;
    while (s.Step()) out.push_back({Summary(s, 0), s.Text(7)});
    return out;
  }

  std::optional<Placement> PlacementOf(const std::string& article_id) override {
    Statement s(db_, R"sql(
      SELECT article, story, first_story, new_story, similarity, threshold, shared_terms,
        shared_entities, merged, upstream, copy_similarity FROM placements WHERE article = ?)sql");
    s.Bind(1, article_id);
    if (!s.Step()) return std::nullopt;
    Placement p;
    p.article = s.Text(0);
    p.story.story = static_cast<StoryId>(s.Int(1));
    p.first_story = static_cast<StoryId>(s.Int(2));
    p.story.new_story = s.Int(3) != 0;
    p.story.similarity = s.Real(4);
    p.story.threshold = s.Real(5);
    p.story.shared_terms = FromJson(s.Text(6));
    p.story.shared_entities = FromJson(s.Text(7));
    for (const auto& m : FromJson(s.Text(8))) p.story.merged.push_back(static_cast<StoryId>(std::stoul(m)));
    if (!s.IsNull(9)) p.copy_of = CopyOf{s.Text(9), s.Real(10)};
    Statement ps(db_, R"sql(
      SELECT here_begin, here_end, other, there_begin, there_end, similarity
        FROM passages WHERE article = ?1
      UNION ALL
      SELECT there_begin, there_end, article, here_begin, here_end, similarity
        FROM passages WHERE other = ?1)sql");
    ps.Bind(1, article_id);
    while (ps.Step()) {
      p.passages.push_back({{static_cast<uint32_t>(ps.Int(0)), static_cast<uint32_t>(ps.Int(1))},
                            ps.Text(2),
                            {static_cast<uint32_t>(ps.Int(3)), static_cast<uint32_t>(ps.Int(4))},
                            ps.Real(5)});
    }
    return p;
  }

  std::vector<ArticleSummary> List(size_t limit, size_t offset) override {
    Statement s(db_, R"sql(
      SELECT id, url, outlet, title, published, origin, length(text) FROM articles
      ORDER BY published_unix IS NULL, published_unix, rowid LIMIT ? OFFSET ?)sql");
    s.Bind(1, static_cast<int64_t>(limit));
    s.Bind(2, static_cast<int64_t>(offset));
    std::vector<ArticleSummary> out;
    while (s.Step()) out.push_back(Summary(s, 0));
    return out;
  }

  std::vector<SearchHit> Search(const std::string& query, size_t limit, size_t offset) override {
    // All words first; when no article has them all, any of them, still ranked by BM25.
    auto hits = SearchFts(FtsQuery(query, " AND "), limit, offset);
    if (hits.empty() && offset == 0) hits = SearchFts(FtsQuery(query, " OR "), limit, offset);
    return hits;
  }

  size_t Count() override {
    Statement s(db_, "SELECT count(*) FROM articles");
    s.Step();
    return static_cast<size_t>(s.Int(0));
  }

  void CheckReadable() override {
    Statement s(db_, "PRAGMA quick_check(1)");
    if (!s.Step() || s.Text(0) == "ok") return;
    std::string problem = s.Text(0);
    // SQLite starts with "*** in database main ***" and a line break; the page detail is enough.
    if (size_t nl = problem.find('\n'); problem.starts_with("***") && nl != std::string::npos)
      problem.erase(0, nl + 1);
    throw StoreError(path_ + ": damaged database (" + problem + ")");
  }

  std::vector<std::string> Check() override {
    std::vector<std::string> problems;
    Statement integrity(db_, "PRAGMA integrity_check");
    while (integrity.Step())
      if (integrity.Text(0) != "ok") problems.push_back(integrity.Text(0));
    try {
      Exec("INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)");
    } catch (const StoreError& e) {
      problems.push_back(std::string("full-text index: ") + e.what());
    }
    for (const LinkCheck& c : kLinkChecks) {
      Statement s(db_, c.sql);
      if (s.Step() && s.Int(0) > 0) problems.push_back(std::to_string(s.Int(0)) + " " + c.what);
    }
    return problems;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) {
    std::string reason = db_ ? sqlite3_errmsg(db_) : "out of memory";
    throw StoreError(path_ + ": " + what + ": " + reason);
  }

  void Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string reason = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      throw StoreError(path_ + ": " + reason);
    }
  }

  int UserVersion() {
    Statement s(db_, "PRAGMA user_version");
    s.Step();
    return static_cast<int>(s.Int(0));
  }

  void Migrate() {
    int version = UserVersion();
    const int latest = static_cast<int>(std::size(kMigrations));
    if (version > latest) {
      throw StoreError(path_ + ": made by a newer sitrep (schema " + std::to_string(version) +
                       ", this build knows " + std::to_string(latest) + ")");
    }
    if (version == 0 && HasForeignTables())
      throw StoreError(path_ + ": an SQLite database that sitrep did not make");
    for (int v = version; v < latest; ++v) {
      Exec("BEGIN IMMEDIATE");
      try {
        if (UserVersion() == v) {  // another process may have migrated meanwhile
          Exec(kMigrations[v]);
          Exec(("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
        }
        Exec("COMMIT");
      } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
      }
    }
  }

  bool HasForeignTables() {
    Statement s(db_, "SELECT count(*) FROM sqlite_master");
    s.Step();
    return s.Int(0) > 0;
  }

  static constexpr const char* kArticleColumns =
      "a.id, a.url, a.outlet, a.title, a.byline, a.language, a.published, a.published_source, "
      "a.published_detail, a.published_confidence, a.origin, a.format, a.text, a.paragraphs, "
      "a.sentences, a.tokens, a.relays, a.warnings, a.layers";
  static constexpr int kArticleColumnCount = 19;

  // A story's size, outlets, copies and time span, from its members.
  static constexpr const char* kStorySummary = R"sql(
      SELECT p.story, coalesce(st.label, ''), count(*), count(DISTINCT nullif(a.outlet, '')),
        count(p.upstream),
        coalesce(min(nullif(a.published, '')), datetime(min(a.ingested_at), 'unixepoch')),
        coalesce(max(nullif(a.published, '')), datetime(max(a.ingested_at), 'unixepoch'))
      FROM placements p JOIN articles a ON a.id = p.article LEFT JOIN stories st ON st.id = p.story)sql";

  static StorySummary ReadStory(const Statement& s) {
    StorySummary st;
    st.id = static_cast<StoryId>(s.Int(0));
    st.label = s.Text(1);
    st.articles = static_cast<size_t>(s.Int(2));
    st.outlets = static_cast<size_t>(s.Int(3));
    st.copies = static_cast<size_t>(s.Int(4));
    st.first_seen = s.Text(5);
    st.last_seen = s.Text(6);
    return st;
  }

  static Article ReadArticle(const Statement& s) {
    Article a;
    a.id = s.Text(0);
    a.url = s.Text(1);
    a.outlet = s.Text(2);
    a.title = s.Text(3);
    a.byline = s.Text(4);
    a.language = s.Text(5);
    a.published.when = ParseIso(s.Text(6));
    a.published.evidence = {s.Text(7), s.Text(8)};
    a.published.confidence = static_cast<float>(s.Real(9));
    a.origin = s.Text(10);
    a.format = s.Text(11);
    a.text = s.Text(12);
    a.paragraphs = UnpackSpans(s.Blob(13));
    a.sentences = UnpackSentences(s.Blob(14));
    a.tokens = UnpackSpans(s.Blob(15));
    a.relays = FromJson(s.Text(16));
    a.warnings = FromJson(s.Text(17));
    LayersFromJson(s.Text(18), a);
    return a;
  }

  Arrival LastArrival() {
    Statement& last = Cached("SELECT coalesce(max(rowid), 0) FROM articles");
    last.Step();
    const Arrival now = last.Int(0);
    last.Reset();
    return now;
  }

  // Adds the articles stored after `after` (this batch's: rowids only grow) to the full-text
  // index in one statement, so FTS5 writes the batch's terms as one segment.
  void IndexArticlesAfter(Arrival after) {
    Statement& s = Cached("INSERT INTO articles_fts(rowid, title, text) "
                          "SELECT rowid, title, text FROM articles WHERE rowid > ?1 ORDER BY rowid");
    s.Bind(1, static_cast<int64_t>(after));
    s.Step();
    s.Reset();
  }

  bool InsertArticle(const Article& a) override {
    if (!insert_) {
      insert_ = std::make_unique<Statement>(db_, R"sql(
        INSERT OR IGNORE INTO articles (id, url, outlet, title, byline, language, published,
          published_unix, published_source, published_detail, published_confidence, origin,
          format, text, paragraphs, sentences, tokens, relays, warnings, layers)
        VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql");
    }
    Statement& s = *insert_;
    s.Reset();
    s.Bind(1, a.id);
    s.Bind(2, a.url);
    s.Bind(3, a.outlet);
    s.Bind(4, a.title);
    s.Bind(5, a.byline);
    s.Bind(6, a.language);
    s.Bind(7, a.published.when.Iso());
    if (a.published.when.known()) s.Bind(8, a.published.when.UnixSeconds());
    else s.BindNull(8);
    s.Bind(9, a.published.evidence.source);
    s.Bind(10, a.published.evidence.detail);
    s.Bind(11, static_cast<double>(a.published.confidence));
    s.Bind(12, a.origin);
    s.Bind(13, a.format);
    s.Bind(14, a.text);
    s.BindBlob(15, PackSpans(a.paragraphs));
    s.BindBlob(16, PackSentences(a.sentences));
    s.BindBlob(17, PackSpans(a.tokens));
    s.Bind(18, ToJson(a.relays));
    s.Bind(19, ToJson(a.warnings));
    s.Bind(20, LayersToJson(a));
    s.Step();
    return sqlite3_changes(db_) > 0;
  }

  // A statement of the write path, prepared once for the store's life; keyed by the SQL
  // literal's address, which is fixed for each call site.
  Statement& Cached(const char* sql) {
    std::unique_ptr<Statement>& slot = cached_[sql];
    if (!slot) slot = std::make_unique<Statement>(db_, sql);
    slot->Reset();
    return *slot;
  }

  bool HasPlacement(const std::string& id) override {
    Statement& s = Cached("SELECT 1 FROM placements WHERE article = ?");
    s.Bind(1, id);
    const bool has = s.Step();
    s.Reset();  // no read left open inside the batch's transaction
    return has;
  }

  void MergeStory(StoryId gone, StoryId into) override {
    Statement& m = Cached("UPDATE placements SET story = ?1 WHERE story = ?2");
    m.Bind(1, static_cast<int64_t>(into));
    m.Bind(2, static_cast<int64_t>(gone));
    m.Step();
    Statement& r = Cached("INSERT INTO stories(id, merged_into) VALUES (?2, ?1) "
                          "ON CONFLICT(id) DO UPDATE SET merged_into = excluded.merged_into");
    r.Bind(1, static_cast<int64_t>(into));
    r.Bind(2, static_cast<int64_t>(gone));
    r.Step();
  }

  void MoveArticle(const std::string& article, StoryId story) override {
    Statement& m = Cached("UPDATE placements SET story = ?1 WHERE article = ?2");
    m.Bind(1, static_cast<int64_t>(story));
    m.Bind(2, article);
    m.Step();
  }

  void PutPlacement(const std::string& id, const ArticleLinks& l, const std::string& merged) override {
    const StoryAssignment& st = l.story;
    Statement& p = Cached(R"sql(
      INSERT OR REPLACE INTO placements (article, story, first_story, new_story, similarity,
        threshold, shared_terms, shared_entities, merged, upstream, copy_similarity)
      VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql");
    p.Bind(1, id);
    p.Bind(2, static_cast<int64_t>(st.story));
    p.Bind(3, static_cast<int64_t>(st.new_story));
    p.Bind(4, st.similarity);
    p.Bind(5, st.threshold);
    p.Bind(6, ToJson(st.shared_terms));
    p.Bind(7, ToJson(st.shared_entities));
    p.Bind(8, merged);
    if (l.copy_of) {
      p.Bind(9, l.copy_of->upstream);
      p.Bind(10, l.copy_of->similarity);
    } else {
      p.BindNull(9);
      p.BindNull(10);
    }
    p.Step();
  }

  void Relink(const CopyLink& c) override {
    Statement& u = Cached("UPDATE placements SET upstream = ?1, copy_similarity = ?2 WHERE article = ?3");
    u.Bind(1, c.of.upstream);
    u.Bind(2, c.of.similarity);
    u.Bind(3, c.copy);
    u.Step();
  }

  void AddPassage(const std::string& id, const ReusedPassage& r) override {
    Statement& q = Cached("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.Bind(1, id);
    q.Bind(2, static_cast<int64_t>(r.here.begin));
    q.Bind(3, static_cast<int64_t>(r.here.end));
    q.Bind(4, r.other);
    q.Bind(5, static_cast<int64_t>(r.there.begin));
    q.Bind(6, static_cast<int64_t>(r.there.end));
    q.Bind(7, r.similarity);
    q.Step();
  }

  void PutLabel(StoryId story, const std::string& label) override {
    Statement& st = Cached("INSERT INTO stories(id, label) VALUES (?1, ?2) "
                           "ON CONFLICT(id) DO UPDATE SET label = excluded.label");
    st.Bind(1, static_cast<int64_t>(story));
    st.Bind(2, label);
    st.Step();
  }

  static ArticleSummary Summary(const Statement& s, int c) {
    ArticleSummary a;
    a.id = s.Text(c);
    a.url = s.Text(c + 1);
    a.outlet = s.Text(c + 2);
    a.title = s.Text(c + 3);
    a.published = s.Text(c + 4);
    a.origin = s.Text(c + 5);
    a.chars = static_cast<size_t>(s.Int(c + 6));
    return a;
  }

  std::vector<SearchHit> SearchFts(const std::string& fts, size_t limit, size_t offset) {
    std::vector<SearchHit> out;
    if (fts.empty()) return out;
    Statement s(db_, R"sql(
      SELECT a.id, a.url, a.outlet, a.title, a.published, a.origin, length(a.text),
        snippet(articles_fts, 1, '[', ']', '…', 24), bm25(articles_fts, 5.0, 1.0) AS rank
      FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
      WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?)sql");
    s.Bind(1, fts);
    s.Bind(2, static_cast<int64_t>(limit));
    s.Bind(3, static_cast<int64_t>(offset));
    try {
      while (s.Step()) out.push_back({Summary(s, 0), s.Text(7), -s.Real(8)});
    } catch (const StoreError&) {
      // FTS5 reports a query it cannot parse as a plain SQLITE_ERROR; anything else (a
      // damaged file, I/O) is the store's fault and keeps its own message.
      if (sqlite3_errcode(db_) != SQLITE_ERROR) throw;
      throw StoreError(std::string("bad search query: ") + sqlite3_errmsg(db_));
    }
    return out;
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Statement> insert_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> cached_;
};

}  // namespace

std::unique_ptr<Store> OpenSqlite(const std::string& path) {
  return std::make_unique<SqliteStore>(path);
}

}  // namespace sitrep
