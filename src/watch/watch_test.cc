#include "watch/watch.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <set>
#include <thread>

namespace sitrep::watch {
namespace {

TEST(RetryAfter, ReadsSecondsAndDates) {
  EXPECT_EQ(RetryAfterSeconds("120", 0), 120);
  EXPECT_EQ(RetryAfterSeconds(" 7 ", 0), 7);
  // Thu, 01 Jan 1970 00:01:40 GMT is 100 s after the epoch.
  EXPECT_EQ(RetryAfterSeconds("Thu, 01 Jan 1970 00:01:40 GMT", 40), 60);
  EXPECT_EQ(RetryAfterSeconds("Thu, 01 Jan 1970 00:01:40 GMT", 500), 0);  // already past
  EXPECT_FALSE(RetryAfterSeconds("", 0));
  EXPECT_FALSE(RetryAfterSeconds("soon", 0));
}

TEST(CacheControl, ReadsMaxAge) {
  EXPECT_EQ(MaxAgeSeconds("public, max-age=900"), 900);
  EXPECT_EQ(MaxAgeSeconds("Max-Age = \"60\""), 60);
  EXPECT_EQ(MaxAgeSeconds("no-cache"), 0);
  EXPECT_FALSE(MaxAgeSeconds("public"));
  EXPECT_FALSE(MaxAgeSeconds("max-age=soon"));
}

TEST(ContentType, ReadsTheCharset) {
  EXPECT_EQ(CharsetOf("text/html; charset=Windows-1251"), "windows-1251");
  EXPECT_EQ(CharsetOf("text/html;charset=\"utf-8\""), "utf-8");
  EXPECT_EQ(CharsetOf("text/html"), "");
}

TEST(Backoff, DoublesWithJitterUpToTheCapAndHonoursRetryAfter) {
  using std::chrono::seconds;
  std::mt19937_64 rng(7);
  for (int round = 0; round < 50; ++round) {
    seconds first = BackoffDelay(1, seconds(60), seconds(3600), seconds(0), rng);
    EXPECT_GE(first.count(), 60);  // the upper half of 120 s
    EXPECT_LE(first.count(), 120);
    seconds third = BackoffDelay(3, seconds(60), seconds(3600), seconds(0), rng);
    EXPECT_GE(third.count(), 240);
    EXPECT_LE(third.count(), 480);
    seconds capped = BackoffDelay(30, seconds(60), seconds(3600), seconds(0), rng);
    EXPECT_GE(capped.count(), 1800);
    EXPECT_LE(capped.count(), 3600);
    EXPECT_GE(BackoffDelay(1, seconds(60), seconds(3600), seconds(900), rng).count(), 900);
  }
  // Jitter: not every delay the same.
  std::set<long> seen;
  for (int i = 0; i < 20; ++i) seen.insert(BackoffDelay(4, seconds(60), seconds(3600), seconds(0), rng).count());
  EXPECT_GT(seen.size(), 1u);
}

// A server on a free loopback port for the fetcher's limits.
class FetchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/page", [this](const httplib::Request& req, httplib::Response& res) {
      last_if_none_match_ = req.get_header_value("If-None-Match");
      last_user_agent_ = req.get_header_value("User-Agent");
      if (last_if_none_match_ == "\"v1\"") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"v1\"");
      res.set_header("Cache-Control", "max-age=600");
      res.set_content("<p>Ferry halted</p>", "text/html; charset=utf-8");
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(64 * 1024, 'x'), "text/html");
    });
    server_.Get("/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    server_.Get("/moved", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/page"); });
    server_.Get("/elsewhere", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("file:///etc/passwd");
    });
    server_.Get("/busy", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_header("Retry-After", "30");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string last_if_none_match_, last_user_agent_;
};

TEST_F(FetchTest, GetsAPageWithItsValidatorsThenNotModified) {
  Fetcher fetcher;
  FetchResult r = fetcher.Get(Url("/page"));
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<p>Ferry halted</p>");
  EXPECT_EQ(r.etag, "\"v1\"");
  EXPECT_EQ(r.cache_control, "max-age=600");
  EXPECT_EQ(CharsetOf(r.content_type), "utf-8");
  EXPECT_NE(last_user_agent_.find("sitrep"), std::string::npos);
  FetchResult again = fetcher.Get(Url("/page"), r.etag);
  EXPECT_EQ(last_if_none_match_, "\"v1\"");
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
}

TEST_F(FetchTest, FollowsRedirectsWithinLimits) {
  Fetcher fetcher;
  FetchResult moved = fetcher.Get(Url("/moved"));
  EXPECT_EQ(moved.status, 200);
  EXPECT_EQ(moved.url, Url("/page"));
  FetchResult loop = fetcher.Get(Url("/loop"));
  EXPECT_EQ(loop.status, 0);
  EXPECT_NE(loop.error.find("redirects"), std::string::npos) << loop.error;
  FetchResult elsewhere = fetcher.Get(Url("/elsewhere"));
  EXPECT_EQ(elsewhere.status, 0) << "followed a redirect to file:";
  EXPECT_FALSE(elsewhere.error.empty());
  FetchResult file = fetcher.Get("file:///etc/passwd");
  EXPECT_EQ(file.status, 0);
  EXPECT_EQ(file.body, "");
}

TEST_F(FetchTest, RefusesPagesOverTheSizeLimit) {
  FetchOptions small;
  small.max_bytes = 16 * 1024;
  Fetcher fetcher(small);
  FetchResult r = fetcher.Get(Url("/big"));
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.error.find("larger than 16384 bytes"), std::string::npos) << r.error;
  EXPECT_EQ(r.body, "");
}

TEST_F(FetchTest, ReportsStatusAndRetryAfter) {
  Fetcher fetcher;
  FetchResult r = fetcher.Get(Url("/busy"));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.retry_after, "30");
  FetchResult refused = fetcher.Get("http://127.0.0.1:1/");
  EXPECT_EQ(refused.status, 0);
  EXPECT_NE(refused.error.find("cannot connect"), std::string::npos) << refused.error;
}

}  // namespace
}  // namespace sitrep::watch
