// `sitrep serve` end to end: the server runs as a child process on a free loopback port and
// is queried over HTTP with cpp-httplib's client, as a browser or a script would.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <thread>

#include "cli_fixture.h"
#include "serve_child.h"

using namespace sitrep_test;

namespace {

const std::string kHostile = nlohmann::json{
    {"title", "Ferry <script>alert('t')</script> halted"},
    {"text", "Port officials in Vessby said the ferry \"><svg onload=alert(1)> would not sail.\n\n"
             "Crews were told at dawn ' autofocus onfocus='alert(2)."},
    {"url", "javascript:alert(3)"},
    {"date", "2024-05-06"},
    {"source", "Vessby <i>Post</i>"}}.dump();

void ExpectNoMarkupFromTheArticle(const std::string& page) {
  for (const char* raw : {"<script", "<svg onload", "' autofocus", "\"><svg", "<i>Post", "href=\"javascript"})
    EXPECT_EQ(page.find(raw), std::string::npos) << raw;
}

TEST_F(Cli, ServeAnswersTheApiAndThePages) {
  ASSERT_EQ(Sitrep("ingest --db " + db_ + " " + kMinsk).status, 0);
  ServeChild server(dir_, "--db " + db_ + " --token t0ken");
  ASSERT_GT(server.port(), 0) << "the server did not start";
  auto client = server.Client();

  auto health = client.Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(nlohmann::json::parse(health->body)["articles"], 5);
  EXPECT_NE(health->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos);

  auto stories = client.Get("/api/stories?limit=5");
  ASSERT_TRUE(stories);
  auto list = nlohmann::json::parse(stories->body);
  ASSERT_FALSE(list["items"].empty());
  EXPECT_EQ(list["items"][0]["articles"], 5);
  auto brief = client.Get("/api/stories/1/brief");
  ASSERT_TRUE(brief);
  EXPECT_EQ(nlohmann::json::parse(brief->body)["sources"].size(), 5u);
  auto search = client.Get("/api/search?q=Lukashenko&limit=2");
  ASSERT_TRUE(search);
  auto hits = nlohmann::json::parse(search->body);
  EXPECT_EQ(hits["items"].size(), 2u);
  EXPECT_TRUE(hits["more"]);
  auto spec = client.Get("/api/openapi.json");
  ASSERT_TRUE(spec);
  EXPECT_TRUE(nlohmann::json::parse(spec->body)["paths"].contains("/api/stories/{id}/claims"));

  auto home = client.Get("/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_NE(home->body.find("href=\"/stories/1\""), std::string::npos);
  auto story = client.Get("/stories/1");
  ASSERT_TRUE(story);
  EXPECT_NE(story->body.find("Sources side by side"), std::string::npos);
  EXPECT_NE(story->body.find("Censor.NET"), std::string::npos);

  // Writes: refused without the token, taken with it; the hostile text stays text.
  auto refused = client.Post("/api/articles", kHostile, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  httplib::Headers auth = {{"Authorization", "Bearer t0ken"}};
  auto posted = client.Post("/api/articles", auth, kHostile, "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  const std::string id = nlohmann::json::parse(posted->body)["ids"][0];
  auto article = client.Get("/api/articles/" + id);
  ASSERT_TRUE(article);
  auto stored = nlohmann::json::parse(article->body);
  EXPECT_EQ(stored["title"], "Ferry <script>alert('t')</script> halted") << "the API keeps the text as written";
  const std::string story_page = "/stories/" + std::to_string(stored["story"].get<int>());
  for (const std::string& path : {"/articles/" + id, story_page, std::string("/?sort=newest"),
                                  std::string("/search?q=ferry")}) {
    SCOPED_TRACE(path);
    auto page = client.Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    ExpectNoMarkupFromTheArticle(page->body);
  }
  auto page = client.Get("/articles/" + id);
  EXPECT_NE(page->body.find("Ferry &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; halted"), std::string::npos);

  // Climbing paths, however spelled, reach nothing.
  for (const char* path : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/articles/..%2f..%2fetc%2fpasswd",
                           "/static/..\\..\\etc\\passwd"}) {
    auto r = client.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << path << " " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
  // A page elsewhere that rebinds its name to 127.0.0.1 gets nothing.
  auto rebound = client.Get("/api/stories", httplib::Headers{{"Host", "evil.example:" + std::to_string(server.port())}});
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->status, 421);
  EXPECT_EQ(server.Stop(), 0) << "SIGTERM stops the server cleanly";
}

TEST_F(Cli, ServeRefusesOversizeBodiesAndFloodsAndWritesWithoutAToken) {
  ServeChild server(dir_, "--db " + db_ + " --max-body 2000", /*env_token=*/"from-env");
  ASSERT_GT(server.port(), 0);
  auto client = server.Client();
  httplib::Headers auth = {{"Authorization", "Bearer from-env"}};
  auto big = client.Post("/api/articles", auth, std::string(5000, 'a'), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  auto small = client.Post("/api/articles", auth, R"({"text": "The council of Kelmar met on Friday."})", "application/json");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 201) << "the token comes from SITREP_TOKEN: " << small->body;
  server.Stop();

  // No token anywhere: writes are off.
  ServeChild closed(dir_, "--db " + db_);
  ASSERT_GT(closed.port(), 0);
  auto no = closed.Client().Post("/api/articles", auth, R"({"text": "x"})", "application/json");
  ASSERT_TRUE(no);
  EXPECT_EQ(no->status, 403);
  closed.Stop();

  // A rate so low the bucket never refills during the test: the burst (2), then 429.
  ServeChild slow(dir_, "--db " + db_ + " --rate 0.0001");
  ASSERT_GT(slow.port(), 0);
  auto c = slow.Client();
  std::vector<int> statuses;
  for (int i = 0; i < 4; ++i) {
    auto r = c.Get("/api/health");
    ASSERT_TRUE(r);
    statuses.push_back(r->status);
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 200, 429, 429}));
}

TEST_F(Cli, ServeNamesAPortItCannotTake) {
  ServeChild first(dir_, "--db " + db_);
  ASSERT_GT(first.port(), 0);
  // `timeout` so that a server which wrongly binds the port cannot hang the test.
  Result r = Sh("timeout 30 " + kSitrep + " serve --db " + db_ + " --port " + std::to_string(first.port()), dir_);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot listen on 127.0.0.1:" + std::to_string(first.port())), std::string::npos) << r.err;
}

}  // namespace
