// The shared store: PostgreSQL through libpq, the same schema (version 3) and behaviour as
// the SQLite one. Several ingest workers, on one machine or many, may write at once: every
// write takes one advisory lock (pg_advisory_xact_lock, keyed by the schema) inside its
// transaction, so batches commit one after another and the arrival numbers (a sequence,
// drawn under the lock) follow commit order. A reader therefore always sees a prefix of the
// arrivals, and a writer that catches up "after n" misses nothing. A killed worker's
// transaction rolls back, lock and all.
#include <libpq-fe.h>

#include <charconv>
#include <type_traits>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "store/backends.h"
#include "store/batch_writer.h"
#include "store/codec.h"
#include "store/layers.h"
#include "store/store.h"

namespace sitrep {

namespace {

constexpr int kSchemaVersion = 4;

// Schema 4 as the SQLite store has it, in PostgreSQL's types. Ids and dates compare byte by
// byte (COLLATE "C") so prefixes and ISO dates order as they do in SQLite. `search` is the
// full-text index: title words weigh more than body words.
const char* const kCreateSchema = R"sql(
  CREATE TABLE articles (
    arrival BIGSERIAL PRIMARY KEY,
    id TEXT COLLATE "C" NOT NULL UNIQUE,
    url TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    byline TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    published TEXT COLLATE "C" NOT NULL DEFAULT '',
    published_unix BIGINT,
    published_source TEXT NOT NULL DEFAULT '',
    published_detail TEXT NOT NULL DEFAULT '',
    published_confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    paragraphs BYTEA,
    sentences BYTEA,
    tokens BYTEA,
    relays TEXT NOT NULL DEFAULT '[]',
    warnings TEXT NOT NULL DEFAULT '[]',
    ingested_at BIGINT NOT NULL DEFAULT extract(epoch FROM now())::bigint,
    layers TEXT NOT NULL DEFAULT '{}',
    search tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', text), 'B')
    ) STORED
  );
  CREATE INDEX articles_published ON articles(published_unix);
  CREATE INDEX articles_url ON articles(url);
  CREATE INDEX articles_search ON articles USING gin(search);
  CREATE TABLE stories (
    id BIGINT PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    merged_into BIGINT
  );
  CREATE TABLE placements (
    article TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id),
    story BIGINT NOT NULL,
    first_story BIGINT NOT NULL,
    new_story INTEGER NOT NULL,
    similarity DOUBLE PRECISION NOT NULL,
    threshold DOUBLE PRECISION NOT NULL,
    shared_terms TEXT NOT NULL,
    shared_entities TEXT NOT NULL,
    merged TEXT NOT NULL,
    upstream TEXT COLLATE "C",
    copy_similarity DOUBLE PRECISION
  );
  CREATE INDEX placements_story ON placements(story);
  CREATE INDEX placements_upstream ON placements(upstream);
  CREATE TABLE passages (
    article TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
    here_begin BIGINT NOT NULL, here_end BIGINT NOT NULL,
    other TEXT COLLATE "C" NOT NULL,
    there_begin BIGINT NOT NULL, there_end BIGINT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL
  );
  CREATE INDEX passages_article ON passages(article);
  CREATE INDEX passages_other ON passages(other);
  CREATE TABLE sitrep_schema (version INTEGER NOT NULL);
)sql";

// Schema 4: what `sitrep watch` remembers, each feed's validators and the pages it handled.
const char* const kCreateFeedTables = R"sql(
  CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    checked_at BIGINT NOT NULL DEFAULT extract(epoch FROM now())::bigint
  );
  CREATE TABLE IF NOT EXISTS feed_pages (
    url TEXT PRIMARY KEY,
    done_at BIGINT NOT NULL DEFAULT extract(epoch FROM now())::bigint
  );
)sql";

const char* const kTables[] = {"articles", "stories", "placements", "passages", "sitrep_schema",
                               "feeds", "feed_pages"};

// One writer at a time in this schema; other schemas (other stores) are not held up.
const char* const kWriteTurn = "SELECT pg_advisory_xact_lock(hashtext('sitrep ' || current_schema()))";

// Query parameters as text (bytea ones binary), NULL where unset.
class Params {
 public:
  Params& Text(std::string v) { return Add(std::move(v), 0); }
  Params& Int(int64_t v) { return Add(std::to_string(v), 0); }
  Params& Real(double v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
    return Add(std::string(buf, r.ptr), 0);
  }
  Params& Bytes(std::string v) { return Add(std::move(v), 1); }
  Params& Null() {
    values_.emplace_back();
    null_.push_back(true);
    formats_.push_back(0);
    return *this;
  }

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers into the values: valid while this object lives unchanged.
  std::vector<const char*> Values() const {
    std::vector<const char*> out;
    for (size_t i = 0; i < values_.size(); ++i) out.push_back(null_[i] ? nullptr : values_[i].data());
    return out;
  }
  std::vector<int> Lengths() const {
    std::vector<int> out;
    for (const auto& v : values_) out.push_back(static_cast<int>(v.size()));
    return out;
  }
  const int* Formats() const { return formats_.data(); }

 private:
  Params& Add(std::string v, int format) {
    values_.push_back(std::move(v));
    null_.push_back(false);
    formats_.push_back(format);
    return *this;
  }
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::vector<int> formats_;
};

std::string Trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// A query's result, in text form.
class Result {
 public:
  explicit Result(PGresult* r) : r_(r) {}
  ~Result() { PQclear(r_); }
  Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  Result(const Result&) = delete;

  bool Ok() const {
    ExecStatusType st = PQresultStatus(r_);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
  }
  std::string Error() const { return r_ ? Trimmed(PQresultErrorMessage(r_)) : std::string(); }
  int Rows() const { return PQntuples(r_); }
  size_t Changed() const { return static_cast<size_t>(std::atoll(PQcmdTuples(r_))); }
  bool IsNull(int row, int col) const { return PQgetisnull(r_, row, col); }
  std::string Text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
  }
  int64_t Int(int row, int col) const { return std::atoll(PQgetvalue(r_, row, col)); }
  double Real(int row, int col) const { return std::strtod(PQgetvalue(r_, row, col), nullptr); }
  bool Bool(int row, int col) const { return PQgetvalue(r_, row, col)[0] == 't'; }
  std::string Bytes(int row, int col) const {
    if (IsNull(row, col)) return {};
    size_t n = 0;
    unsigned char* raw =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_, row, col)), &n);
    if (!raw) return {};
    std::string out(reinterpret_cast<char*>(raw), n);
    PQfreemem(raw);
    return out;
  }

 private:
  PGresult* r_;
};

// "PostgreSQL server HOST:PORT, database DB": what a message names, never the password.
std::string DescribeServer(const std::string& uri) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(uri.c_str(), &err);
  if (!opts) {
    std::string why = Trimmed(err ? err : "out of memory");
    PQfreemem(err);
    throw StoreError(Store::Name(uri) + ": not a valid PostgreSQL URI: " + why);
  }
  std::string host, port, db;
  for (PQconninfoOption* o = opts; o->keyword; ++o) {
    if (!o->val) continue;
    std::string k = o->keyword;
    if (k == "host" || (k == "hostaddr" && host.empty())) host = o->val;
    else if (k == "port") port = o->val;
    else if (k == "dbname") db = o->val;
  }
  PQconninfoFree(opts);
  if (host.empty()) host = "localhost (default socket)";
  if (!port.empty()) host += ":" + port;
  return "PostgreSQL server " + host + (db.empty() ? "" : ", database " + db);
}

class PostgresStore : public Store, private BatchWriter {
 public:
  explicit PostgresStore(const std::string& uri) : where_(DescribeServer(uri)) {
    conn_ = PQconnectdb(uri.c_str());
    if (!conn_) throw StoreError(where_ + ": cannot connect: out of memory");
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string why = Trimmed(PQerrorMessage(conn_));
      PQfinish(conn_);
      conn_ = nullptr;
      throw StoreError(where_ + ": cannot connect: " + why);
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    try {
      Exec("SET client_min_messages = warning");
      Exec("SET client_encoding = 'UTF8'");  // the store's text is UTF-8 whatever the server's default
      Migrate();
    } catch (...) {  // no destructor runs for a constructor that throws
      PQfinish(conn_);
      conn_ = nullptr;
      throw;
    }
  }
  ~PostgresStore() override {
    if (conn_) PQfinish(conn_);
  }

  size_t Put(const std::vector<Article>& batch, const std::vector<ArticleLinks>& links,
             const std::vector<std::pair<StoryId, std::string>>& labels) override {
    return InTransaction([&] {
      Exec(kWriteTurn);
      return WriteBatch(*this, batch, links, labels);
    });
  }

  size_t PutInTurn(const std::vector<Article>& batch, Arrival& seen, const ArticleFn& catch_up,
                   const std::function<BatchLinks(const std::vector<bool>&)>& place) override {
    Arrival now = seen;
    size_t added = InTransaction([&] {
      Exec(kWriteTurn);
      // Read committed: after the lock, each statement sees every batch committed before it.
      ForEachArticleAfter(seen, catch_up);
      BatchLinks d = place(NewIn(batch));
      size_t n = WriteBatch(*this, batch, d.links, d.labels);
      now = Query("SELECT coalesce(max(arrival), 0) FROM articles").Int(0, 0);
      return n;
    });
    seen = now;
    return added;
  }

  std::vector<bool> Contains(const std::vector<std::string>& ids) override {
    Result r = Query("SELECT v FROM json_array_elements_text($1::json) AS v "
                     "WHERE v IN (SELECT id FROM articles)",
                     Params().Text(nlohmann::json(ids).dump()));
    std::unordered_set<std::string> stored;
    for (int i = 0; i < r.Rows(); ++i) stored.insert(r.Text(i, 0));
    std::vector<bool> out;
    for (const std::string& id : ids) out.push_back(stored.contains(id));
    return out;
  }

  FeedState GetFeedState(const std::string& feed_url) override {
    Result r = Query("SELECT etag, last_modified FROM feeds WHERE url = $1", Params().Text(feed_url));
    FeedState out{feed_url, "", ""};
    if (r.Rows() > 0) {
      out.etag = r.Text(0, 0);
      out.last_modified = r.Text(0, 1);
    }
    return out;
  }

  void PutFeedState(const FeedState& state) override {
    Query("INSERT INTO feeds(url, etag, last_modified) VALUES ($1, $2, $3) ON CONFLICT (url) DO UPDATE SET "
          "etag = excluded.etag, last_modified = excluded.last_modified, "
          "checked_at = extract(epoch FROM now())::bigint",
          Params().Text(state.url).Text(state.etag).Text(state.last_modified));
  }

  std::vector<bool> PagesDone(const std::vector<std::string>& urls) override {
    Result r = Query("SELECT v FROM json_array_elements_text($1::json) AS v "
                     "WHERE v IN (SELECT url FROM feed_pages) OR v IN (SELECT url FROM articles)",
                     Params().Text(nlohmann::json(urls).dump()));
    std::unordered_set<std::string> done;
    for (int i = 0; i < r.Rows(); ++i) done.insert(r.Text(i, 0));
    std::vector<bool> out;
    for (const std::string& url : urls) out.push_back(done.contains(url));
    return out;
  }

  void MarkPagesDone(const std::vector<std::string>& urls) override {
    Query("INSERT INTO feed_pages(url) SELECT DISTINCT v FROM json_array_elements_text($1::json) AS v "
          "ON CONFLICT DO NOTHING",
          Params().Text(nlohmann::json(urls).dump()));
  }

  // In pages by arrival, so a large store streams through in bounded memory.
  Arrival ForEachArticleAfter(Arrival after, const ArticleFn& fn) override {
    constexpr int kPage = 500;
    for (;;) {
      Result r = Query(std::string("SELECT ") + kArticleColumns +
                           ", EXISTS (SELECT 1 FROM placements p WHERE p.article = a.id), a.arrival "
                           "FROM articles a WHERE a.arrival > $1 ORDER BY a.arrival LIMIT " +
                           std::to_string(kPage),
                       Params().Int(after));
      for (int i = 0; i < r.Rows(); ++i) {
        fn(ReadArticle(r, i), r.Bool(i, kArticleColumnCount));
        after = r.Int(i, kArticleColumnCount + 1);
      }
      if (r.Rows() < kPage) return after;
    }
  }

  std::optional<Article> Get(const std::string& id) override {
    Result r = Query(std::string("SELECT ") + kArticleColumns +
                         " FROM articles a WHERE id >= $1 AND id < $1 || 'g' ORDER BY id LIMIT 2",
                     Params().Text(id));
    if (r.Rows() == 0) return std::nullopt;
    if (r.Rows() > 1) throw StoreError("id prefix '" + id + "' matches several articles");
    return ReadArticle(r, 0);
  }

  std::vector<ArticleSummary> List(size_t limit, size_t offset) override {
    Result r = Query(R"sql(
      SELECT id, url, outlet, title, published, origin, length(text) FROM articles
      ORDER BY published_unix IS NULL, published_unix, arrival LIMIT $1 OFFSET $2)sql",
                     Params().Int(static_cast<int64_t>(limit)).Int(static_cast<int64_t>(offset)));
    std::vector<ArticleSummary> out;
    for (int i = 0; i < r.Rows(); ++i) out.push_back(Summary(r, i, 0));
    return out;
  }

  std::vector<SearchHit> Search(const std::string& query, size_t limit, size_t offset) override {
    // All words first; when no article has them all, any of them, still ranked.
    const bool syntax = query.find_first_of("\"-") != std::string::npos ||
                        query.find(" or ") != std::string::npos || query.find(" OR ") != std::string::npos;
    auto hits = SearchTs(query, limit, offset);
    if (hits.empty() && offset == 0 && !syntax) hits = SearchTs(AnyWord(query), limit, offset);
    return hits;
  }

  size_t Count() override {
    return static_cast<size_t>(Query("SELECT count(*) FROM articles").Int(0, 0));
  }

  std::vector<StorySummary> Stories(size_t limit, size_t offset) override {
    Result r = Query(std::string(kStorySummary) +
                         " GROUP BY p.story, st.label ORDER BY count(*) DESC, max(a.arrival) DESC "
                         "LIMIT $1 OFFSET $2",
                     Params().Int(static_cast<int64_t>(limit)).Int(static_cast<int64_t>(offset)));
    std::vector<StorySummary> out;
    for (int i = 0; i < r.Rows(); ++i) out.push_back(ReadStorySummary(r, i));
    return out;
  }

  std::optional<StorySummary> Story(StoryId id) override {
    Result r = Query(std::string(kStorySummary) + " WHERE p.story = $1 GROUP BY p.story, st.label",
                     Params().Int(static_cast<int64_t>(id)));
    if (r.Rows() == 0) return std::nullopt;
    return ReadStorySummary(r, 0);
  }

  std::vector<StoryMember> StoryMembers(StoryId id) override {
    Result r = Query(R"sql(
      SELECT a.id, a.url, a.outlet, a.title, a.published, a.origin, length(a.text), p.upstream
      FROM placements p JOIN articles a ON a.id = p.article
      WHERE p.story = $1 ORDER BY a.arrival)sql",
                     Params().Int(static_cast<int64_t>(id)));
    std::vector<StoryMember> out;
    for (int i = 0; i < r.Rows(); ++i) out.push_back({Summary(r, i, 0), r.Text(i, 7)});
    return out;
  }

  std::optional<Placement> PlacementOf(const std::string& article_id) override {
    Result r = Query(R"sql(
      SELECT article, story, first_story, new_story, similarity, threshold, shared_terms,
        shared_entities, merged, upstream, copy_similarity FROM placements WHERE article = $1)sql",
                     Params().Text(article_id));
    if (r.Rows() == 0) return std::nullopt;
    Placement p;
    p.article = r.Text(0, 0);
    p.story.story = static_cast<StoryId>(r.Int(0, 1));
    p.first_story = static_cast<StoryId>(r.Int(0, 2));
    p.story.new_story = r.Int(0, 3) != 0;
    p.story.similarity = r.Real(0, 4);
    p.story.threshold = r.Real(0, 5);
    p.story.shared_terms = FromJson(r.Text(0, 6));
    p.story.shared_entities = FromJson(r.Text(0, 7));
    for (const auto& m : FromJson(r.Text(0, 8))) p.story.merged.push_back(static_cast<StoryId>(std::stoul(m)));
    if (!r.IsNull(0, 9)) p.copy_of = CopyOf{r.Text(0, 9), r.Real(0, 10)};
    Result ps = Query(R"sql(
      SELECT here_begin, here_end, other, there_begin, there_end, similarity
        FROM passages WHERE article = $1
      UNION ALL
      SELECT there_begin, there_end, article, here_begin, here_end, similarity
        FROM passages WHERE other = $1)sql",
                      Params().Text(article_id));
    for (int i = 0; i < ps.Rows(); ++i) {
      p.passages.push_back({{static_cast<uint32_t>(ps.Int(i, 0)), static_cast<uint32_t>(ps.Int(i, 1))},
                            ps.Text(i, 2),
                            {static_cast<uint32_t>(ps.Int(i, 3)), static_cast<uint32_t>(ps.Int(i, 4))},
                            ps.Real(i, 5)});
    }
    return p;
  }

  std::vector<std::string> Check() override {
    std::vector<std::string> problems;
    Result invalid = Query(R"sql(
      SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND NOT (i.indisvalid AND i.indisready))sql");
    for (int i = 0; i < invalid.Rows(); ++i) problems.push_back("index " + invalid.Text(i, 0) + " is not valid");
    // The full-text index must find every article by its own first title or text word.
    Result unfound = Query(R"sql(
      SELECT count(*) FROM articles WHERE search <> (setweight(to_tsvector('simple', title), 'A') ||
        setweight(to_tsvector('simple', text), 'B')))sql");
    if (unfound.Int(0, 0) > 0)
      problems.push_back("full-text index: " + unfound.Text(0, 0) + " articles indexed with other words");
    for (const LinkCheck& c : kLinkChecks) {
      Result r = Query(c.sql);
      if (r.Int(0, 0) > 0) problems.push_back(r.Text(0, 0) + " " + c.what);
    }
    return problems;
  }

 private:
  Result Query(const std::string& sql, const Params& p = Params()) {
    std::vector<const char*> values = p.Values();
    std::vector<int> lengths = p.Lengths();
    Result r(PQexecParams(conn_, sql.c_str(), p.size(), nullptr, values.data(), lengths.data(),
                          p.Formats(), 0));
    Checked(r);
    return r;
  }

  void Exec(const char* sql) { Checked(Result(PQexec(conn_, sql))); }

  void Checked(const Result& r) {
    if (r.Ok()) return;
    std::string why = r.Error();
    if (why.empty()) why = Trimmed(PQerrorMessage(conn_));
    if (PQstatus(conn_) != CONNECTION_OK) why += " (connection lost)";
    throw StoreError(where_ + ": " + why);
  }

  template <typename F>
  std::invoke_result_t<F> InTransaction(F&& body) {
    Exec("BEGIN");
    try {
      auto out = body();
      Exec("COMMIT");
      return out;
    } catch (...) {
      if (PQstatus(conn_) == CONNECTION_OK) PQclear(PQexec(conn_, "ROLLBACK"));
      throw;
    }
  }

  void Migrate() {
    Result schema = Query("SELECT current_schema()");
    if (schema.IsNull(0, 0))
      throw StoreError(where_ + ": no schema to make the tables in (search_path names none that exists)");
    const std::string name = schema.Text(0, 0);
    InTransaction([&] {
      Exec(kWriteTurn);  // two processes opening a new database at once make it once
      auto has_table = [&](const std::string& t) {
        return Query("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1",
                     Params().Text(t)).Rows() > 0;
      };
      if (!has_table("sitrep_schema")) {
        if (Query("SELECT 1 FROM pg_tables WHERE schemaname = current_schema()").Rows() > 0)
          throw StoreError(where_ + ": schema " + name + " holds tables that sitrep did not make");
        Exec(kCreateSchema);
        Exec(kCreateFeedTables);
        Query("INSERT INTO sitrep_schema VALUES ($1)", Params().Int(kSchemaVersion));
      }
      Result v = Query("SELECT max(version) FROM sitrep_schema");
      if (v.IsNull(0, 0)) throw StoreError(where_ + ": not a usable sitrep database: no schema version");
      const int64_t version = v.Int(0, 0);
      if (version > kSchemaVersion) {
        throw StoreError(where_ + ": made by a newer sitrep (schema " + std::to_string(version) +
                         ", this build knows " + std::to_string(kSchemaVersion) + ")");
      }
      if (version < 4) {  // 3 -> 4: the watcher's tables
        Exec(kCreateFeedTables);
        Query("INSERT INTO sitrep_schema VALUES ($1)", Params().Int(4));
      }
      for (const char* t : kTables)
        if (!has_table(t))
          throw StoreError(where_ + ": not a usable sitrep database: table " + name + "." + t + " is missing");
      return 0;
    });
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
        coalesce(min(nullif(a.published, '')),
                 to_char(to_timestamp(min(a.ingested_at)) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')),
        coalesce(max(nullif(a.published, '')),
                 to_char(to_timestamp(max(a.ingested_at)) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))
      FROM placements p JOIN articles a ON a.id = p.article LEFT JOIN stories st ON st.id = p.story)sql";

  static StorySummary ReadStorySummary(const Result& r, int i) {
    StorySummary st;
    st.id = static_cast<StoryId>(r.Int(i, 0));
    st.label = r.Text(i, 1);
    st.articles = static_cast<size_t>(r.Int(i, 2));
    st.outlets = static_cast<size_t>(r.Int(i, 3));
    st.copies = static_cast<size_t>(r.Int(i, 4));
    st.first_seen = r.Text(i, 5);
    st.last_seen = r.Text(i, 6);
    return st;
  }

  static Article ReadArticle(const Result& r, int i) {
    Article a;
    a.id = r.Text(i, 0);
    a.url = r.Text(i, 1);
    a.outlet = r.Text(i, 2);
    a.title = r.Text(i, 3);
    a.byline = r.Text(i, 4);
    a.language = r.Text(i, 5);
    a.published.when = ParseIso(r.Text(i, 6));
    a.published.evidence = {r.Text(i, 7), r.Text(i, 8)};
    a.published.confidence = static_cast<float>(r.Real(i, 9));
    a.origin = r.Text(i, 10);
    a.format = r.Text(i, 11);
    a.text = r.Text(i, 12);
    a.paragraphs = UnpackSpans(r.Bytes(i, 13));
    a.sentences = UnpackSentences(r.Bytes(i, 14));
    a.tokens = UnpackSpans(r.Bytes(i, 15));
    a.relays = FromJson(r.Text(i, 16));
    a.warnings = FromJson(r.Text(i, 17));
    LayersFromJson(r.Text(i, 18), a);
    return a;
  }

  static ArticleSummary Summary(const Result& r, int i, int c) {
    ArticleSummary a;
    a.id = r.Text(i, c);
    a.url = r.Text(i, c + 1);
    a.outlet = r.Text(i, c + 2);
    a.title = r.Text(i, c + 3);
    a.published = r.Text(i, c + 4);
    a.origin = r.Text(i, c + 5);
    a.chars = static_cast<size_t>(r.Int(i, c + 6));
    return a;
  }

  // Text PostgreSQL cannot hold (a NUL byte) fails the batch with the server's reason,
  // naming the article.
  bool InsertArticle(const Article& a) override {
    Params p;
    p.Text(a.id).Text(a.url).Text(a.outlet).Text(a.title).Text(a.byline).Text(a.language);
    p.Text(a.published.when.Iso());
    if (a.published.when.known()) p.Int(a.published.when.UnixSeconds());
    else p.Null();
    p.Text(a.published.evidence.source).Text(a.published.evidence.detail);
    p.Real(static_cast<double>(a.published.confidence)).Text(a.origin).Text(a.format).Text(a.text);
    p.Bytes(PackSpans(a.paragraphs)).Bytes(PackSentences(a.sentences)).Bytes(PackSpans(a.tokens));
    p.Text(ToJson(a.relays)).Text(ToJson(a.warnings)).Text(LayersToJson(a));
    try {
      return Query(R"sql(
        INSERT INTO articles (id, url, outlet, title, byline, language, published,
          published_unix, published_source, published_detail, published_confidence, origin,
          format, text, paragraphs, sentences, tokens, relays, warnings, layers)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)
        ON CONFLICT (id) DO NOTHING)sql", p).Changed() > 0;
    } catch (const StoreError& e) {
      throw StoreError(std::string(e.what()) + " (article " + a.id + ", " + a.origin + ")");
    }
  }

  bool HasPlacement(const std::string& id) override {
    return Query("SELECT 1 FROM placements WHERE article = $1", Params().Text(id)).Rows() > 0;
  }

  void MergeStory(StoryId gone, StoryId into) override {
    Params p;
    p.Int(static_cast<int64_t>(into)).Int(static_cast<int64_t>(gone));
    Query("UPDATE placements SET story = $1 WHERE story = $2", p);
    Query("INSERT INTO stories(id, merged_into) VALUES ($2, $1) "
          "ON CONFLICT (id) DO UPDATE SET merged_into = excluded.merged_into", p);
  }

  void MoveArticle(const std::string& article, StoryId story) override {
    Query("UPDATE placements SET story = $1 WHERE article = $2",
          Params().Int(static_cast<int64_t>(story)).Text(article));
  }

  void PutPlacement(const std::string& id, const ArticleLinks& l, const std::string& merged) override {
    const StoryAssignment& st = l.story;
    Params p;
    p.Text(id).Int(static_cast<int64_t>(st.story)).Int(st.new_story ? 1 : 0);
    p.Real(st.similarity).Real(st.threshold);
    p.Text(ToJson(st.shared_terms)).Text(ToJson(st.shared_entities)).Text(merged);
    if (l.copy_of) p.Text(l.copy_of->upstream).Real(l.copy_of->similarity);
    else p.Null().Null();
    Query(R"sql(
      INSERT INTO placements (article, story, first_story, new_story, similarity, threshold,
        shared_terms, shared_entities, merged, upstream, copy_similarity)
      VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (article) DO UPDATE SET story = excluded.story,
        first_story = excluded.first_story, new_story = excluded.new_story,
        similarity = excluded.similarity, threshold = excluded.threshold,
        shared_terms = excluded.shared_terms, shared_entities = excluded.shared_entities,
        merged = excluded.merged, upstream = excluded.upstream,
        copy_similarity = excluded.copy_similarity)sql", p);
  }

  void Relink(const CopyLink& c) override {
    Query("UPDATE placements SET upstream = $1, copy_similarity = $2 WHERE article = $3",
          Params().Text(c.of.upstream).Real(c.of.similarity).Text(c.copy));
  }

  void AddPassage(const std::string& id, const ReusedPassage& r) override {
    Query("INSERT INTO passages VALUES ($1, $2, $3, $4, $5, $6, $7)",
          Params().Text(id).Int(r.here.begin).Int(r.here.end).Text(r.other)
              .Int(r.there.begin).Int(r.there.end).Real(r.similarity));
  }

  void PutLabel(StoryId story, const std::string& label) override {
    Query("INSERT INTO stories(id, label) VALUES ($1, $2) "
          "ON CONFLICT (id) DO UPDATE SET label = excluded.label",
          Params().Int(static_cast<int64_t>(story)).Text(label));
  }

  // Plain words joined by "or", for websearch_to_tsquery.
  static std::string AnyWord(const std::string& q) {
    std::string out, word;
    auto flush = [&] {
      if (word.empty()) return;
      if (!out.empty()) out += " or ";
      out += word;
      word.clear();
    };
    for (char c : q) {
      if (std::isspace(static_cast<unsigned char>(c))) flush();
      else word += c;
    }
    flush();
    return out;
  }

  // Ranked by ts_rank_cd (title words weigh more); the snippet is made only for the page of
  // hits, since ts_headline reads the whole text.
  std::vector<SearchHit> SearchTs(const std::string& query, size_t limit, size_t offset) {
    std::vector<SearchHit> out;
    if (query.find_first_not_of(" \t\n") == std::string::npos) return out;
    Result r = Query(R"sql(
      WITH q AS (SELECT websearch_to_tsquery('simple', $1) AS q),
      hits AS (
        SELECT a.arrival, ts_rank_cd(a.search, q.q) AS rank FROM articles a, q
        WHERE a.search @@ q.q ORDER BY rank DESC, a.arrival LIMIT $2 OFFSET $3)
      SELECT a.id, a.url, a.outlet, a.title, a.published, a.origin, length(a.text),
        ts_headline('simple', a.text, q.q,
                    'StartSel=[, StopSel=], MaxWords=24, MinWords=10, ShortWord=2, FragmentDelimiter=" … "'),
        hits.rank
      FROM hits JOIN articles a ON a.arrival = hits.arrival, q
      ORDER BY hits.rank DESC, a.arrival)sql",
                     Params().Text(query).Int(static_cast<int64_t>(limit)).Int(static_cast<int64_t>(offset)));
    for (int i = 0; i < r.Rows(); ++i) out.push_back({Summary(r, i, 0), r.Text(i, 7), r.Real(i, 8)});
    return out;
  }

  std::string where_;
  PGconn* conn_ = nullptr;
};

}  // namespace

bool IsPostgresSpec(const std::string& spec) {
  return spec.starts_with("postgresql://") || spec.starts_with("postgres://");
}

std::unique_ptr<Store> OpenPostgres(const std::string& uri) {
  return std::make_unique<PostgresStore>(uri);
}

}  // namespace sitrep
