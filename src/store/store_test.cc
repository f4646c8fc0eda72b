#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "store/test_postgres.h"

namespace sitrep {
namespace {

Article MakeArticle(std::string url, std::string title, std::string text) {
  Article a;
  a.url = std::move(url);
  a.title = std::move(title);
  a.text = std::move(text);
  a.outlet = "Example Outlet";
  a.paragraphs = {{0, static_cast<uint32_t>(a.text.size())}};
  a.sentences = {{{0, 5}, 0}};
  a.tokens = {{0, 3}, {4, 5}};
  a.relays = {"Wire Agency"};
  a.published.when = {2022, 12, 19, 21, 40, 0, 120, Precision::kMinute};
  a.published.evidence = {"text", "19.12.2022 21:40"};
  a.id = ArticleId(a.url, a.text);
  return a;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sitrep-store-test-" + std::to_string(::getpid()) + "-" +
            std::to_string(std::hash<std::string>()(
                ::testing::UnitTest::GetInstance()->current_test_info()->test_case_name() +
                std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()))));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static Article Make(std::string url, std::string title, std::string text) {
    return MakeArticle(std::move(url), std::move(title), std::move(text));
  }

  std::filesystem::path dir_;
  std::string path_;
};

// The behaviour both backends share: each test runs on SQLite and on PostgreSQL.
class StoreTest : public SqliteStoreTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    if (GetParam() == "sqlite") {
      spec_ = path_;
      return;
    }
    pg_ = std::make_unique<TestPostgres>(
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    SITREP_NEED_POSTGRES(*pg_);
    spec_ = pg_->spec();
  }

  std::unique_ptr<TestPostgres> pg_;
  std::string spec_;
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST_P(StoreTest, RoundTripKeepsEveryField) {
  Article a = Make("https://example.org/a", "Ministers meet", "Two ministers met on Monday.");
  auto store = Store::Open(spec_);
  EXPECT_EQ(store->Put({a}), 1u);
  auto back = store->Get(a.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->url, a.url);
  EXPECT_EQ(back->title, a.title);
  EXPECT_EQ(back->text, a.text);
  EXPECT_EQ(back->outlet, a.outlet);
  EXPECT_EQ(back->relays, a.relays);
  EXPECT_EQ(back->paragraphs, a.paragraphs);
  EXPECT_EQ(back->tokens, a.tokens);
  ASSERT_EQ(back->sentences.size(), 1u);
  EXPECT_EQ(back->sentences[0].span, a.sentences[0].span);
  EXPECT_EQ(back->published.when.Iso(), "2022-12-19T21:40+02:00");
  EXPECT_EQ(back->published.evidence.detail, "19.12.2022 21:40");
  // A unique prefix finds it too.
  EXPECT_TRUE(store->Get(a.id.substr(0, 6)));
  EXPECT_FALSE(store->Get("zzzz"));
}

TEST_P(StoreTest, ReingestIsANoOp) {
  Article a = Make("https://example.org/a", "A", "Same text.");
  Article b = Make("https://example.org/b", "B", "Same text.");  // a syndicated copy
  auto store = Store::Open(spec_);
  EXPECT_EQ(store->Put({a, b}), 2u);
  EXPECT_EQ(store->Put({a, b}), 0u);
  EXPECT_EQ(store->Count(), 2u);
  EXPECT_TRUE(store->Check().empty());
}

TEST_P(StoreTest, SearchRanksAndSnippets) {
  auto store = Store::Open(spec_);
  store->Put({Make("u1", "Troops move north", "Troops were seen moving north of the border."),
              Make("u2", "Weather", "Rain is expected; troops are not mentioned in the title."),
              Make("u3", "Markets", "Shares fell.")});
  auto hits = store->Search("troops", 10, 0);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].article.url, "u1");  // the title match ranks first
  EXPECT_NE(hits[0].snippet.find("[Troops]"), std::string::npos);
  // All words first, any word when none has all.
  EXPECT_EQ(store->Search("troops border", 10, 0).size(), 1u);
  EXPECT_EQ(store->Search("shares rain", 10, 0).size(), 2u);
  EXPECT_TRUE(store->Search("nothinglikethis", 10, 0).empty());
}

TEST_P(StoreTest, StoriesPlacementsAndMerges) {
  auto store = Store::Open(spec_);
  Article a = Make("u1", "Quake hits coast", "A strong quake hit the coast on Monday.");
  Article b = Make("u2", "Quake toll rises", "The toll of Monday's quake rose to twelve.");
  Article c = Make("u3", "Quake copy", "A strong quake hit the coast on Monday.");
  ArticleLinks la, lb, lc;
  la.story = {1, true, 0, 0.3, {}, {}, {}, {}};
  lb.story = {2, true, 0.1, 0.3, {}, {}, {}, {}};
  lc.story = {1, false, 0.9, 0.3, {"quake", "coast"}, {"Monday"}, {2}, {}};  // brings 2 into 1
  lc.copy_of = CopyOf{a.id, 1.0};
  lc.passages = {{{0, 10}, b.id, {4, 14}, 0.8}};
  store->Put({a, b}, {la, lb}, {{1, "quake coast"}, {2, "quake toll"}});
  store->Put({c}, {lc}, {{1, "quake coast Monday"}});

  auto stories = store->Stories(10, 0);
  ASSERT_EQ(stories.size(), 1u);  // 2 was merged into 1
  EXPECT_EQ(stories[0].id, 1u);
  EXPECT_EQ(stories[0].articles, 3u);
  EXPECT_EQ(stories[0].copies, 1u);
  EXPECT_EQ(stories[0].label, "quake coast Monday");
  auto members = store->StoryMembers(1);
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[2].upstream, a.id);

  auto pb = store->PlacementOf(b.id);
  ASSERT_TRUE(pb);
  EXPECT_EQ(pb->story.story, 1u);  // moved by the merge
  EXPECT_EQ(pb->first_story, 2u);
  ASSERT_EQ(pb->passages.size(), 1u);  // seen from the other side too
  EXPECT_EQ(pb->passages[0].other, c.id);
  EXPECT_EQ(pb->passages[0].here, (Span{4, 14}));
  auto pc = store->PlacementOf(c.id);
  ASSERT_TRUE(pc);
  EXPECT_EQ(pc->story.shared_terms, (std::vector<std::string>{"quake", "coast"}));
  EXPECT_EQ(pc->story.merged, (std::vector<StoryId>{2}));
  ASSERT_TRUE(pc->copy_of);
  EXPECT_EQ(pc->copy_of->upstream, a.id);

  // A split moves earlier members to the new story.
  Article d = Make("u4", "Second quake", "Another quake struck the north a year later.");
  ArticleLinks ld;
  ld.story = {3, true, 0.1, 0.3, {}, {}, {}, {{b.id, 3}}};
  store->Put({d}, {ld}, {{3, "north quake"}});
  EXPECT_EQ(store->PlacementOf(b.id)->story.story, 3u);
  EXPECT_EQ(store->StoryMembers(3).size(), 2u);

  // An older article arriving later becomes the upstream of the earlier copy.
  Article old = Make("u0", "Quake hits coast (first report)", "A strong quake hit the coast on Monday!");
  ArticleLinks lo;
  lo.story = {1, false, 0.9, 0.3, {}, {}, {}, {}};
  lo.relinked = {CopyLink{a.id, CopyOf{old.id, 0.95}}};
  store->Put({old}, {lo}, {});
  EXPECT_EQ(store->PlacementOf(a.id)->copy_of->upstream, old.id);

  // Stored again, an article keeps the links of its first arrival.
  ArticleLinks other;
  other.story = {7, true, 0, 0.3, {}, {}, {}, {}};
  store->Put({a}, {other}, {});
  EXPECT_EQ(store->PlacementOf(a.id)->story.story, 1u);
}

TEST_P(StoreTest, ForEachArticleInArrivalOrder) {
  auto store = Store::Open(spec_);
  store->Put({Make("u2", "b", "second text")});
  ArticleLinks l;
  l.story = {1, true, 0, 0.3, {}, {}, {}, {}};
  store->Put({Make("u1", "a", "first text")}, {l}, {});
  std::vector<std::pair<std::string, bool>> seen;
  store->ForEachArticle([&](const Article& a, bool linked) { seen.emplace_back(a.url, linked); });
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, bool>>{{"u2", false}, {"u1", true}}));
}

TEST_P(StoreTest, ReopensAtTheSameSchema) {
  { Store::Open(spec_)->Put({Make("u", "t", "x")}); }
  auto store = Store::Open(spec_);
  EXPECT_EQ(store->Count(), 1u);
}

TEST_P(StoreTest, LayersRoundTrip) {
  Article a = Make("u", "t", "Jane Roe said rain will come on Friday.");
  a.mentions = {{{0, 8}, EntityType::kPerson, "jane-roe"}};
  Attribution at;
  at.content = {14, 39};
  at.source = {0, 8};
  at.cue = {9, 13};
  at.speaker = "Jane Roe";
  at.venue = "a radio interview";
  at.relays = {"Wire Agency"};
  at.direct = false;
  a.attributions = {at};
  TimeExpression friday;
  friday.span = {31, 37};
  friday.type = "DATE";
  friday.value = "2022-12-23";
  friday.mod = "START";
  friday.tense = Tense::kFuture;
  a.times = {friday};
  Store::Open(spec_)->Put({a});
  auto back = Store::Open(spec_)->Get(a.id);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->mentions.size(), 1u);
  EXPECT_EQ(back->mentions[0].span, (Span{0, 8}));
  EXPECT_EQ(back->mentions[0].type, EntityType::kPerson);
  EXPECT_EQ(back->mentions[0].entity, "jane-roe");
  ASSERT_EQ(back->attributions.size(), 1u);
  EXPECT_EQ(back->attributions[0].content, (Span{14, 39}));
  EXPECT_EQ(back->attributions[0].cue, (Span{9, 13}));
  EXPECT_EQ(back->attributions[0].venue, "a radio interview");
  EXPECT_EQ(back->attributions[0].relays, std::vector<std::string>{"Wire Agency"});
  ASSERT_EQ(back->times.size(), 1u);
  EXPECT_EQ(back->times[0].value, "2022-12-23");
  EXPECT_EQ(back->times[0].mod, "START");
  EXPECT_EQ(back->times[0].tense, Tense::kFuture);
}

// A store made before the layers existed (schema 2) opens and gains them, keeping its articles.
TEST_F(SqliteStoreTest, OlderSchemaIsMigrated) {
  { Store::Open(path_)->Put({Make("u", "t", "x")}); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "ALTER TABLE articles DROP COLUMN layers; DROP TABLE feeds; DROP TABLE feed_pages; "
                         "PRAGMA user_version=2",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = Store::Open(path_);
  EXPECT_EQ(store->Count(), 1u);
  auto a = store->Get(Make("u", "t", "x").id);
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->mentions.empty());
  // Schema 4's feed memory came too.
  store->PutFeedState({"https://example.org/rss", "\"v1\"", ""});
  EXPECT_EQ(store->GetFeedState("https://example.org/rss").etag, "\"v1\"");
  EXPECT_EQ(store->PagesDone({"u"}), std::vector<bool>{true});
}

// A store of schema 4 indexed its text by a trigger per row; it opens, loses the trigger and
// indexes what is stored after once a batch: old and new articles are found, each once, also
// when a batch repeats a stored article.
TEST_F(SqliteStoreTest, SchemaFourStoreKeepsItsSearchIndex) {
  { Store::Open(path_)->Put({Make("u1", "Ferry strike", "The ferry crews walked out.")}); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN "
                         "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END; "
                         "PRAGMA user_version=4",
                         nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = Store::Open(path_);
  EXPECT_EQ(store->Put({Make("u1", "Ferry strike", "The ferry crews walked out."),
                        Make("u2", "Ferry talks", "Talks on the ferry strike resume.")}), 1u);
  EXPECT_EQ(store->Search("ferry", 10, 0).size(), 2u);
  EXPECT_EQ(store->Search("crews", 10, 0).size(), 1u);
  EXPECT_EQ(store->Search("talks", 10, 0).size(), 1u);
  EXPECT_TRUE(store->Check().empty());
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE name = 'articles_ai'", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(s, 0), 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, CorruptFileGivesAClearError) {
  std::ofstream(path_) << std::string(4096, 'x');
  try {
    Store::Open(path_);
    FAIL() << "opened a corrupt file";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path_), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("not a usable sitrep database"), std::string::npos);
  }
}

// A file damaged after it was made (here: its second half overwritten) opens, as only its
// first page is read then; reading it names the file, and CheckReadable finds it at once.
TEST_F(SqliteStoreTest, DamagedPagesNameTheFile) {
  {
    auto store = Store::Open(path_);
    std::vector<Article> batch;
    for (int i = 0; i < 200; ++i)
      batch.push_back(Make("https://harbour.example/" + std::to_string(i), "Ferry " + std::to_string(i),
                           "The harbour ferry number " + std::to_string(i) + " ran late again on " +
                               std::string(400, 'x') + "."));
    store->Put(batch);
  }
  auto size = std::filesystem::file_size(path_);
  ASSERT_GT(size, 8 * 4096u);
  {
    std::fstream f(path_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2));
    std::string noise(size / 2, '\xa5');
    f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
  }
  auto store = Store::Open(path_);
  try {
    store->CheckReadable();
    FAIL() << "a damaged file passed";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path_ + ": "), std::string::npos) << e.what();
  }
  try {
    (void)store->List(1000, 0);
    (void)store->Count();
    for (const auto& a : store->List(1000, 0)) (void)store->Get(a.id);
    FAIL() << "read a damaged file without an error";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path_ + ": "), std::string::npos) << e.what();
  }
}

TEST_F(SqliteStoreTest, RefusesAnotherProgramsDatabase) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE invoices(id INTEGER)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  try {
    Store::Open(path_);
    FAIL() << "opened another program's database";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("did not make"), std::string::npos) << e.what();
  }
  // An empty file is a new database, and fine.
  std::string empty = (dir_ / "empty.db").string();
  { std::ofstream touch(empty); }
  EXPECT_NO_THROW(Store::Open(empty));
}

// A watcher's memory survives reopening: a feed's validators and the pages it handled.
TEST_P(StoreTest, FeedStateAndHandledPagesPersist) {
  {
    auto store = Store::Open(spec_);
    EXPECT_EQ(store->GetFeedState("https://example.org/rss").etag, "");
    store->PutFeedState({"https://example.org/rss", "\"v1\"", "Mon, 06 May 2024 10:00:00 GMT"});
    store->PutFeedState({"https://example.org/rss", "\"v2\"", ""});
    store->Put({Make("https://example.org/a", "Ministers meet", "Two ministers met on Monday.")});
    store->MarkPagesDone({"https://example.org/empty"});
  }
  auto store = Store::Open(spec_);
  FeedState s = store->GetFeedState("https://example.org/rss");
  EXPECT_EQ(s.etag, "\"v2\"");
  EXPECT_EQ(s.last_modified, "");
  EXPECT_EQ(store->GetFeedState("https://example.org/atom").etag, "");
  EXPECT_EQ(store->PagesDone({"https://example.org/a", "https://example.org/empty", "https://example.org/b"}),
            (std::vector<bool>{true, true, false}));
}

// Two writers on one store: each catches up with what the other stored, in arrival order,
// and an article both bring is stored once, placed by the first.
TEST_P(StoreTest, WritersTakeTurnsAndCatchUp) {
  Article a = Make("u1", "a", "first text"), b = Make("u2", "b", "second text"),
          c = Make("u3", "c", "third text"), d = Make("u4", "d", "fourth text");
  auto one = Store::Open(spec_);
  auto two = Store::Open(spec_);
  Arrival seen_one = 0, seen_two = 0;
  std::vector<std::string> caught;
  auto note = [&](const Article& x, bool linked) {
    caught.push_back(x.url);
    EXPECT_TRUE(linked);
  };
  std::vector<bool> asked;
  auto place = [&](const std::vector<bool>& is_new) {
    asked = is_new;
    BatchLinks out;
    out.links.resize(is_new.size());
    for (size_t i = 0; i < is_new.size(); ++i) out.links[i].story = {StoryId(i + 1), true, 0, 0.3, {}, {}, {}, {}};
    return out;
  };
  EXPECT_EQ(one->PutInTurn({a, b, a}, seen_one, note, place), 2u);
  EXPECT_EQ(asked, (std::vector<bool>{true, true, false}));  // the second a is no new arrival
  EXPECT_TRUE(caught.empty());
  EXPECT_EQ(two->PutInTurn({b, c}, seen_two, note, place), 1u);
  EXPECT_EQ(caught, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(asked, (std::vector<bool>{false, true}));
  caught.clear();
  EXPECT_EQ(one->PutInTurn({d}, seen_one, note, place), 1u);
  EXPECT_EQ(caught, (std::vector<std::string>{"u3"}));  // not its own a and b again
  caught.clear();
  EXPECT_EQ(two->PutInTurn({}, seen_two, note, place), 0u);
  EXPECT_EQ(caught, (std::vector<std::string>{"u4"}));
  EXPECT_EQ(one->Count(), 4u);
  EXPECT_EQ(one->PlacementOf(b.id)->story.story, 2u);  // kept from its first arrival
  EXPECT_TRUE(one->Check().empty());
}

TEST_P(StoreTest, AFailedTurnStoresNothing) {
  auto store = Store::Open(spec_);
  Arrival seen = 0;
  auto none = [](const Article&, bool) {};
  auto fail = [](const std::vector<bool>&) -> BatchLinks { throw std::runtime_error("placing failed"); };
  EXPECT_THROW(store->PutInTurn({Make("u1", "a", "first text")}, seen, none, fail), std::runtime_error);
  EXPECT_EQ(seen, 0);
  EXPECT_EQ(store->Count(), 0u);
  auto ok = [](const std::vector<bool>& is_new) { return BatchLinks{std::vector<ArticleLinks>(is_new.size()), {}}; };
  EXPECT_EQ(store->PutInTurn({Make("u1", "a", "first text")}, seen, none, ok), 1u);
  EXPECT_GT(seen, 0);
  EXPECT_EQ(store->Count(), 1u);
}

TEST_P(StoreTest, CheckFindsLinksToMissingArticles) {
  auto store = Store::Open(spec_);
  Article a = Make("u1", "a", "first text");
  ArticleLinks l;
  l.story = {1, true, 0, 0.3, {}, {}, {}, {}};
  l.passages = {{{0, 5}, "0123456789abcdef", {0, 5}, 0.9}};  // an article never stored
  store->Put({a}, {l}, {});
  auto problems = store->Check();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("not stored"), std::string::npos) << problems[0];
}

// PostgreSQL's own failures: each names the server and database and says what is wrong.
TEST(PostgresStoreTest, UnreachableServerIsNamed) {
  try {
    Store::Open("postgresql://someone:secret@127.0.0.1:1/newsroom?connect_timeout=5");
    FAIL() << "opened a server that is not there";
  } catch (const StoreError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("127.0.0.1:1"), std::string::npos) << what;
    EXPECT_NE(what.find("database newsroom"), std::string::npos) << what;
    EXPECT_NE(what.find("cannot connect"), std::string::npos) << what;
    EXPECT_EQ(what.find("secret"), std::string::npos) << what;
  }
}

TEST(PostgresStoreTest, MalformedUriIsClear) {
  try {
    Store::Open("postgresql://someone:secret@localhost/newsroom?no_such_option=1");
    FAIL() << "accepted a malformed URI";
  } catch (const StoreError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("not a valid PostgreSQL URI"), std::string::npos) << what;
    EXPECT_EQ(what.find("secret"), std::string::npos) << what;
  }
}

class PostgresSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override { SITREP_NEED_POSTGRES(pg_); }
  std::string OpenError() {
    try {
      Store::Open(pg_.spec());
    } catch (const StoreError& e) {
      return e.what();
    }
    return "";
  }
  TestPostgres pg_{::testing::UnitTest::GetInstance()->current_test_info()->name()};
};

TEST_F(PostgresSchemaTest, RefusesAnotherProgramsTables) {
  ASSERT_TRUE(pg_.Exec("CREATE TABLE invoices(id INTEGER)"));
  EXPECT_NE(OpenError().find("did not make"), std::string::npos) << OpenError();
}

TEST_F(PostgresSchemaTest, RefusesANewerSchema) {
  Store::Open(pg_.spec());
  ASSERT_TRUE(pg_.Exec("UPDATE sitrep_schema SET version = 99"));
  EXPECT_NE(OpenError().find("newer sitrep"), std::string::npos) << OpenError();
}

TEST_F(PostgresSchemaTest, DamagedSchemaIsClear) {
  Store::Open(pg_.spec())->Put({MakeArticle("u", "t", "x")});
  ASSERT_TRUE(pg_.Exec("DROP TABLE passages"));
  std::string what = OpenError();
  EXPECT_NE(what.find("not a usable sitrep database"), std::string::npos) << what;
  EXPECT_NE(what.find("passages"), std::string::npos) << what;
  EXPECT_NE(what.find(", database "), std::string::npos) << what;
}

}  // namespace
}  // namespace sitrep

namespace sitrep {
namespace {

TEST(StoreName, HidesAPasswordAndNothingElse) {
  EXPECT_EQ(Store::Name("postgresql://ann:s3cret@db.example:5433/news"),
            "postgresql://ann:***@db.example:5433/news");
  EXPECT_EQ(Store::Name("postgres://ann@db.example/news"), "postgres://ann@db.example/news");
  EXPECT_EQ(Store::Name("postgresql://db.example/news?user=ann"), "postgresql://db.example/news?user=ann");
  EXPECT_EQ(Store::Name("/tmp/a:b@c.db"), "/tmp/a:b@c.db") << "a file name is not a URI";
}

}  // namespace
}  // namespace sitrep
