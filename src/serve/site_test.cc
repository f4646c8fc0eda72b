// The site without sockets: routes, the token, escaping of hostile articles, pagination,
// and the rate limiter. Articles are invented and go in through the POST path.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "pipeline/ingest_job.h"
#include "util/strings.h"
#include "serve/api.h"
#include "serve/pages.h"
#include "serve/server.h"
#include "serve/site.h"

namespace sitrep::serve {
namespace {

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sitrep-serve-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = Store::Open((dir_ / "t.db").string());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Response Get(Site& site, const std::string& path, std::map<std::string, std::string> query = {}) {
    Request r;
    r.path = path;
    r.query = std::move(query);
    return site.Handle(r);
  }
  Response Post(Site& site, const std::string& body, const std::string& token) {
    Request r;
    r.method = "POST";
    r.path = "/api/articles";
    r.body = body;
    if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
    return site.Handle(r);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

const char* kHostile = R"JSON({"title": "Bridge <script>alert(1)</script> reopens",
  "text": "The mayor of Kelmar said the bridge \"><img src=x onerror=alert(2)> would reopen on Monday.\n\nTraffic resumed at noon ' onmouseover='alert(3).",
  "url": "javascript:alert(4)", "date": "2024-03-04", "source": "Kelmar <b>Gazette</b>"})JSON";

TEST_F(SiteTest, UnknownPathsMethodsAndClimbingPathsAreRefused) {
  Site site(*store_, "");
  EXPECT_EQ(Get(site, "/nowhere").status, 404);
  EXPECT_EQ(Get(site, "/api/stories/12").status, 404);
  EXPECT_EQ(Get(site, "/stories/12").status, 404);
  EXPECT_EQ(Get(site, "/articles/../../etc/passwd").status, 400);
  EXPECT_EQ(Get(site, "/api/..%2f").status, 400);
  Request del;
  del.method = "DELETE";
  del.path = "/api/stories";
  EXPECT_EQ(site.Handle(del).status, 405);
}

TEST_F(SiteTest, WritesNeedTheToken) {
  Site closed(*store_, "");
  EXPECT_EQ(Post(closed, kHostile, "anything").status, 403) << "no token set: writes are off";
  Site site(*store_, "k3y");
  EXPECT_EQ(Post(site, kHostile, "").status, 401);
  EXPECT_EQ(Post(site, kHostile, "k3").status, 401);
  EXPECT_EQ(Post(site, kHostile, "k3y!").status, 401);
  EXPECT_EQ(store_->Count(), 0u);
  Response ok = Post(site, kHostile, "k3y");
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(nlohmann::json::parse(ok.body)["added"], 1);
  EXPECT_EQ(store_->Count(), 1u);
  Response again = Post(site, kHostile, "k3y");
  EXPECT_EQ(again.status, 200) << "already stored";
  EXPECT_EQ(nlohmann::json::parse(again.body)["added"], 0);
  Request other;
  other.method = "POST";
  other.path = "/api/articles";
  other.body = R"({"title": "T", "text": "Another article entirely about the harbour."})";
  other.headers["x-sitrep-token"] = "k3y";
  EXPECT_EQ(site.Handle(other).status, 201);
  Response bad = Post(site, "{not json", "k3y");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("not valid JSON"), std::string::npos) << bad.body;
  EXPECT_EQ(Post(site, R"({"title": "no text"})", "k3y").status, 400);
}

TEST_F(SiteTest, HostileArticleIsEscapedOnEveryPage) {
  Site site(*store_, "k3y");
  ASSERT_EQ(Post(site, kHostile, "k3y").status, 201);
  const std::string id = store_->List(1, 0)[0].id;
  for (const auto& [path, query] : std::vector<std::pair<std::string, std::map<std::string, std::string>>>{
           {"/", {}}, {"/", {{"sort", "newest"}}}, {"/", {{"sort", "contested"}}}, {"/stories/1", {}},
           {"/articles/" + id, {}}, {"/search", {{"q", "bridge"}}}, {"/search", {{"q", "<script>"}}}}) {
    Response r = Get(site, path, query);
    SCOPED_TRACE(path);
    ASSERT_LT(r.status, 500) << r.body;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r.body.find("<script"), std::string::npos);
    EXPECT_EQ(r.body.find("<img"), std::string::npos);
    EXPECT_EQ(r.body.find("<b>Gazette"), std::string::npos);
    EXPECT_EQ(r.body.find("' onmouseover"), std::string::npos);
    EXPECT_EQ(r.body.find("\"><img"), std::string::npos);
    EXPECT_EQ(r.body.find("href=\"javascript"), std::string::npos);
  }
  Response page = Get(site, "/articles/" + id);
  EXPECT_NE(page.body.find("Bridge &lt;script&gt;alert(1)&lt;/script&gt; reopens"), std::string::npos);
  EXPECT_NE(page.body.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
  Response story = Get(site, "/stories/1");
  EXPECT_NE(story.body.find("Sources side by side"), std::string::npos);
  EXPECT_NE(story.body.find("href=\"/articles/" + id + "\""), std::string::npos);
}

TEST_F(SiteTest, PostsSeeArticlesOtherProcessesAdded) {
  Site site(*store_, "k3y");
  const std::string text =
      "Floodwater closed the coastal road between Kelmar and Vessby on Sunday night, and the "
      "harbour master said repairs to the sea wall would take at least three weeks of work.";
  ASSERT_EQ(Post(site, nlohmann::json{{"title", "Storm"}, {"text", "A ferry strike stopped crossings."}}.dump(), "k3y").status, 201);
  // Another process stores an article behind the site's back...
  {
    StoryDesk desk(*store_);
    std::vector<Document> docs(1);
    docs[0].container = "jsonl";
    docs[0].body = text;
    docs[0].url = "https://first.example/flood";
    IngestOptions options;
    options.on_problem = [](const std::string&) {};
    ASSERT_EQ(IngestDocuments(*store_, desk, std::move(docs), options).added, 1u);
  }
  // ...and a copy of it posted later is still recognised as one.
  Response r = Post(site, nlohmann::json{{"text", text}, {"url", "https://second.example/flood"}}.dump(), "k3y");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string copy = nlohmann::json::parse(r.body)["ids"][0];
  auto placement = store_->PlacementOf(copy);
  ASSERT_TRUE(placement && placement->copy_of);
  EXPECT_EQ(store_->Get(placement->copy_of->upstream)->url, "https://first.example/flood");
}

TEST_F(SiteTest, ApiAnswersJsonWithPages) {
  Site site(*store_, "k3y");
  for (const char* text : {"Floods closed the harbour road in Kelmar on Sunday.",
                           "Kelmar council voted to rebuild the harbour wall.",
                           "A ferry strike stopped crossings to Vessby for a day."})
    ASSERT_EQ(Post(site, nlohmann::json{{"text", text}, {"date", "2024-03-04"}}.dump(), "k3y").status, 201);
  auto page = nlohmann::json::parse(Get(site, "/api/articles", {{"limit", "2"}}).body);
  EXPECT_EQ(page["items"].size(), 2u);
  EXPECT_TRUE(page["more"]);
  page = nlohmann::json::parse(Get(site, "/api/articles", {{"limit", "2"}, {"offset", "2"}}).body);
  EXPECT_EQ(page["items"].size(), 1u);
  EXPECT_FALSE(page["more"]);
  page = nlohmann::json::parse(Get(site, "/api/articles", {{"limit", "100000"}}).body);
  EXPECT_EQ(page["limit"], 100) << "limits are capped";

  auto hits = nlohmann::json::parse(Get(site, "/api/search", {{"q", "harbour"}}).body);
  EXPECT_EQ(hits["items"].size(), 2u);
  EXPECT_NE(hits["items"][0]["snippet"].get<std::string>().find("[harbour]"), std::string::npos);
  EXPECT_EQ(Get(site, "/api/search").status, 400);
  EXPECT_EQ(Get(site, "/api/search", {{"q", "\"unclosed"}}).status, 400);

  auto stories = nlohmann::json::parse(Get(site, "/api/stories").body);
  ASSERT_FALSE(stories["items"].empty());
  const std::string sid = std::to_string(stories["items"][0]["id"].get<int>());
  EXPECT_EQ(Get(site, "/api/stories", {{"sort", "sideways"}}).status, 400);
  for (const char* sort : {"newest", "contested"})
    EXPECT_EQ(Get(site, "/api/stories", {{"sort", sort}}).status, 200) << sort;
  auto story = nlohmann::json::parse(Get(site, "/api/stories/" + sid).body);
  EXPECT_FALSE(story["members"].empty());
  auto brief = nlohmann::json::parse(Get(site, "/api/stories/" + sid + "/brief").body);
  EXPECT_TRUE(brief.contains("sources"));
  for (const char* part : {"claims", "entities", "quotes", "timeline"})
    EXPECT_EQ(Get(site, "/api/stories/" + sid + "/" + part).status, 200) << part;
  EXPECT_TRUE(nlohmann::json::parse(Get(site, "/api/stories/" + sid + "/timeline").body)["timeline"].is_array());

  const std::string id = page["items"][0]["id"];
  auto article = nlohmann::json::parse(Get(site, "/api/articles/" + id).body);
  EXPECT_EQ(article["id"], id);
  EXPECT_TRUE(article.contains("mentions") && article.contains("quotes") && article.contains("times"));
  EXPECT_TRUE(article["story"].is_number());
  EXPECT_EQ(Get(site, "/api/articles/ffffffffffffffff").status, 404);
}

// An article that calls a speaker by surname alone shows the full name its story gives her,
// on the API and on the page, as the brief and `sitrep quotes` do.
TEST_F(SiteTest, ArticleNamesSpeakersAsItsStoryDoes) {
  Site site(*store_, "k3y");
  const std::string first =
      "Jane Roe, the harbour master of Kelmar, said on Sunday that the flooded harbour road in Kelmar "
      "would reopen to traffic on Monday after the storm.";
  const std::string second =
      "The flooded harbour road in Kelmar will reopen to traffic on Monday after the storm, Roe said "
      "on Sunday. \"The road is safe again,\" Roe said.";
  std::vector<std::string> ids;
  for (const std::string& text : {first, second}) {
    Response r = Post(site, nlohmann::json{{"text", text}, {"date", "2024-03-04"}}.dump(), "k3y");
    ASSERT_EQ(r.status, 201) << r.body;
    ids.push_back(nlohmann::json::parse(r.body)["ids"][0]);
  }
  auto a = store_->PlacementOf(ids[0]), b = store_->PlacementOf(ids[1]);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->story.story, b->story.story) << "the test needs both in one story";
  auto article = nlohmann::json::parse(Get(site, "/api/articles/" + ids[1]).body);
  ASSERT_FALSE(article["quotes"].empty());
  for (const auto& q : article["quotes"]) EXPECT_EQ(q["speaker"], "Jane Roe") << q.dump();
  EXPECT_NE(Get(site, "/articles/" + ids[1]).body.find("<span class=speaker>Jane Roe</span>"), std::string::npos);
}

TEST_F(SiteTest, OpenApiDescribesEveryApiRoute) {
  Site site(*store_, "");
  auto spec = nlohmann::json::parse(Get(site, "/api/openapi.json").body);
  EXPECT_EQ(spec["openapi"], "3.0.3");
  for (const char* path : {"/api/stories", "/api/stories/{id}", "/api/stories/{id}/brief",
                           "/api/stories/{id}/claims", "/api/stories/{id}/timeline", "/api/articles", "/api/articles/{id}", "/api/search"})
    EXPECT_TRUE(spec["paths"].contains(path)) << path;
  EXPECT_TRUE(spec["paths"]["/api/articles"].contains("post"));
}

TEST(HighlightedText, OverlappingMarksNestNeverCross) {
  Article a;
  a.text = "Mayor Ana Ruiz said <the port> will reopen.";
  a.paragraphs = {{0, static_cast<uint32_t>(a.text.size())}};
  a.mentions.push_back({{6, 14}, EntityType::kPerson, "Ana Ruiz"});
  Attribution q;
  q.source = {0, 14};
  q.cue = {15, 19};
  q.content = {20, 43};
  a.attributions.push_back(q);
  std::string h = HighlightedText(a);
  EXPECT_EQ(h.find("<the"), std::string::npos);
  EXPECT_NE(h.find("&lt;the port&gt;"), std::string::npos);
  EXPECT_NE(h.find("<span class=\"speaker\">Mayor </span><span class=\"ent ent-person speaker\" title=\"Ana Ruiz\">Ana Ruiz</span>"),
            std::string::npos) << h;
  EXPECT_NE(h.find("<span class=\"cue\">said</span>"), std::string::npos) << h;
  // Spans past the text's end (a damaged layer) are clipped, never read out of bounds.
  a.mentions.push_back({{40, 4000}, EntityType::kPlace, ""});
  EXPECT_NE(HighlightedText(a).find("</div>"), std::string::npos);
}

TEST(RateLimiter, AllowsABurstThenTheRate) {
  RateLimiter limiter(/*rate=*/2, /*burst=*/4);
  int allowed = 0;
  for (int i = 0; i < 10; ++i) allowed += limiter.Allow("10.0.0.1", 100.0);
  EXPECT_EQ(allowed, 4);
  EXPECT_TRUE(limiter.Allow("10.0.0.2", 100.0)) << "each address has its own bucket";
  EXPECT_FALSE(limiter.Allow("10.0.0.1", 100.2));
  EXPECT_TRUE(limiter.Allow("10.0.0.1", 100.6)) << "a token a half second comes back";
}

TEST(LoopbackHost, OnlyThisMachinesNames) {
  for (const char* ok : {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:41234", "[::1]", "[::1]:80"})
    EXPECT_TRUE(LoopbackHost(ok)) << ok;
  for (const char* no : {"", "evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example:80",
                         "[::2]:80", "10.0.0.1"})
    EXPECT_FALSE(LoopbackHost(no)) << no;
}

TEST(Escape, EscapesWhatHtmlTreatsSpecially) {
  EXPECT_EQ(EscapeHtml("<a href='x' title=\"y\">&</a>"),
            "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(UrlEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
}

}  // namespace
}  // namespace sitrep::serve
