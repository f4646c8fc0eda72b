// `sitrep watch` end to end: invented feeds (RSS and Atom) and article pages served by
// cpp-httplib inside the test process on a free loopback port; the watcher runs as the
// user would run it, and the store and a running `sitrep serve` are checked afterwards.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_fixture.h"
#include "serve_child.h"
#include "store/store.h"

using namespace sitrep_test;

namespace {

using Clock = std::chrono::steady_clock;

// An article page as a newsroom's site would send it: navigation, the story, a footer.
std::string ArticlePage(const std::string& title, const std::vector<std::string>& paragraphs) {
  std::string h = "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + title +
                  " | Vessby Post</title></head><body><nav><a href=/>Home</a> <a href=/sport>Sport</a></nav>"
                  "<article><h1>" + title + "</h1><p class=byline>By Mira Holt</p>";
  for (const std::string& p : paragraphs) h += "<p>" + p + "</p>";
  return h + "</article><footer>Vessby Post, all rights reserved</footer></body></html>";
}

const std::vector<std::string> kFerryText = {
    "The ferry between Vessby and Lunde did not sail on Monday after the crew's union called a "
    "strike over night shifts, the port authority said in a statement.",
    "About 1,200 passengers were told to take the coastal bus instead, which adds three hours to "
    "the journey. Harbour master Tomas Ekberg said talks would resume on Tuesday morning.",
    "The union wants two crews on every night crossing. The operator, Nordsund Lines, said it had "
    "offered a third crew for the winter months and called the strike premature."};
const std::vector<std::string> kBridgeText = {
    "Engineers closed the old Lunde bridge to lorries on Monday after inspectors found cracks in "
    "two of its steel girders, the regional roads office said.",
    "Cars may still cross at walking pace. Lorries heading for the port of Vessby are sent on a "
    "forty-kilometre detour through Harsby until repairs are finished, probably in March.",
    "The bridge was built in 1962 and was last strengthened in 1998. A replacement has been "
    "planned since 2015 but has no money yet, the office said."};
const std::vector<std::string> kTalksText = {
    "Talks between the ferry crews' union and Nordsund Lines resumed in Vessby on Tuesday, a day "
    "after the strike stopped every crossing to Lunde.",
    "Union chair Elin Dahl said the crews would accept a third winter crew if night shifts were "
    "capped at ten hours. The operator said it would answer by Wednesday.",
    "Passengers queued for the replacement buses again on Tuesday morning; the port authority "
    "said it expected the ferry to sail again by the weekend at the earliest."};
const std::vector<std::string> kPierText = {
    "A pier in the marina of Harsby collapsed into the water overnight; nobody was hurt, the "
    "harbour office said on Wednesday morning after divers had checked the site.",
    "Eleven sailing boats were moved to the fishing harbour. The pier had been closed to the "
    "public since a storm in October damaged its wooden supports.",
    "The town council will decide next month whether to rebuild the pier in concrete or to "
    "remove it, a spokesman for the council said."};

// The fixture site: feeds and pages that the tests change while the watcher runs, and a log
// of what was asked.
class FeedSite {
 public:
  struct Hit {
    std::string path, if_none_match, if_modified_since;
    Clock::time_point when;
  };

  FeedSite() {
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { Answer(req, res); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FeedSite() {
    server_.stop();
    thread_.join();
  }

  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  void Page(const std::string& path, const std::string& title, const std::vector<std::string>& text) {
    std::lock_guard lock(mutex_);
    pages_[path] = ArticlePage(title, text);
  }
  // An RSS 2.0 feed of `items` (path, title, date), newest first, with an ETag.
  void Rss(const std::string& path, const std::vector<std::array<std::string, 3>>& items, const std::string& ttl = "") {
    std::string x = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Vessby Post</title>"
                    "<link>" + Url("/") + "</link><language>en</language>" + (ttl.empty() ? "" : "<ttl>" + ttl + "</ttl>");
    for (const auto& [page, title, date] : items)
      x += "<item><title>" + title + "</title><link>" + Url(page) + "</link><guid>" + Url(page) +
           "</guid><pubDate>" + date + "</pubDate><description>Teaser only.</description></item>";
    std::lock_guard lock(mutex_);
    feeds_[path] = {x + "</channel></rss>", "application/rss+xml", "\"rss-" + std::to_string(++version_) + "\"", ""};
  }
  // An Atom feed with a Last-Modified date instead of an ETag.
  void Atom(const std::string& path, const std::vector<std::array<std::string, 3>>& items) {
    std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                    "<title>Harsby Courier</title><id>urn:harsby</id><updated>2024-05-08T09:00:00Z</updated>";
    for (const auto& [page, title, date] : items)
      x += "<entry><title>" + title + "</title><link href=\"" + Url(page) + "\"/><id>" + Url(page) +
           "</id><updated>" + date + "</updated><summary>Teaser.</summary></entry>";
    std::lock_guard lock(mutex_);
    feeds_[path] = {x + "</feed>", "application/atom+xml", "", "Wed, 08 May 2024 09:00:00 GMT"};
  }
  // The next `count` requests for `path` get 503 with Retry-After.
  void Busy(const std::string& path, int count, int retry_after) {
    std::lock_guard lock(mutex_);
    busy_[path] = {count, retry_after};
  }

  std::vector<Hit> Hits(const std::string& path) {
    std::lock_guard lock(mutex_);
    std::vector<Hit> out;
    for (const Hit& h : hits_)
      if (h.path == path) out.push_back(h);
    return out;
  }
  size_t PageHits() {
    std::lock_guard lock(mutex_);
    return std::count_if(hits_.begin(), hits_.end(), [](const Hit& h) { return h.path.starts_with("/news/"); });
  }

 private:
  struct FeedBody {
    std::string xml, type, etag, last_modified;
  };

  void Answer(const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex_);
    hits_.push_back({req.path, req.get_header_value("If-None-Match"), req.get_header_value("If-Modified-Since"),
                     Clock::now()});
    if (auto b = busy_.find(req.path); b != busy_.end() && b->second.first > 0) {
      --b->second.first;
      res.status = 503;
      res.set_header("Retry-After", std::to_string(b->second.second));
      return;
    }
    if (auto f = feeds_.find(req.path); f != feeds_.end()) {
      const FeedBody& feed = f->second;
      bool same = (!feed.etag.empty() && req.get_header_value("If-None-Match") == feed.etag) ||
                  (!feed.last_modified.empty() && req.get_header_value("If-Modified-Since") == feed.last_modified);
      if (!feed.etag.empty()) res.set_header("ETag", feed.etag);
      if (!feed.last_modified.empty()) res.set_header("Last-Modified", feed.last_modified);
      if (same) {
        res.status = 304;
        return;
      }
      res.set_content(feed.xml, feed.type.c_str());
      return;
    }
    if (auto p = pages_.find(req.path); p != pages_.end()) {
      res.set_content(p->second, "text/html; charset=utf-8");
      return;
    }
    res.status = 404;
    res.set_content("<h1>Not found</h1>", "text/html");
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mutex_;
  int version_ = 0;
  std::map<std::string, std::string> pages_;
  std::map<std::string, FeedBody> feeds_;
  std::map<std::string, std::pair<int, int>> busy_;
  std::vector<Hit> hits_;
};

// A `sitrep watch` that runs until stopped, as a service would.
class WatchChild {
 public:
  WatchChild(const fs::path& dir, const std::string& args) : err_(dir / "watch.err") {
    pid_ = fork();
    if (pid_ == 0) {
      std::string line = "exec " + kSitrep + " watch " + args + " >" + (dir / "watch.out").string() + " 2>" + err_.string();
      execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~WatchChild() { Stop(); }
  // SIGTERM, as a service manager stops it; the exit status (-1 when it had to be killed).
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int tries = 0; tries < 3000 && waitpid(pid_, &status, WNOHANG) == 0; ++tries)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      rc = -1;
    }
    pid_ = -1;
    return rc;
  }
  std::string Err() const {
    std::ifstream f(err_);
    return std::string(std::istreambuf_iterator<char>(f), {});
  }

 private:
  fs::path err_;
  pid_t pid_ = -1;
};

// Waits (up to a minute, so a broken build fails instead of hanging) until `done()`.
template <class F>
bool Eventually(F done) {
  for (int i = 0; i < 600; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

size_t Count(const std::string& db) { return sitrep::Store::Open(db)->Count(); }

TEST_F(Cli, WatchIngestsFeedsAndAsksOnlyIfChanged) {
  FeedSite site;
  site.Page("/news/ferry.html", "Ferry to Lunde halted by crew strike", kFerryText);
  site.Page("/news/bridge.html", "Old Lunde bridge closed to lorries", kBridgeText);
  site.Page("/news/pier.html", "Harsby marina pier collapses overnight", kPierText);
  site.Rss("/rss.xml", {{"/news/missing.html", "A page that is gone", "Tue, 07 May 2024 08:00:00 GMT"},
                        {"/news/bridge.html", "Old Lunde bridge closed to lorries", "Mon, 06 May 2024 12:00:00 GMT"},
                        {"/news/ferry.html", "Ferry to Lunde halted by crew strike", "Mon, 06 May 2024 09:00:00 GMT"}});
  site.Atom("/atom.xml", {{"/news/pier.html", "Harsby marina pier collapses overnight", "2024-05-08T07:30:00Z"},
                          {"/news/ferry.html", "Ferry to Lunde halted by crew strike", "2024-05-06T09:00:00Z"}});
  Write("feeds.txt", "# Vessby desk\n" + site.Url("/rss.xml") + "\n\n" + site.Url("/atom.xml") + "\n");

  Result first = Sitrep("watch --once --json --db " + db_ + " --feeds " + (dir_ / "feeds.txt").string());
  EXPECT_EQ(first.status, 0) << first.err;
  auto stats = nlohmann::json::parse(first.out);
  EXPECT_EQ(stats["polls"], 2);
  EXPECT_EQ(stats["added"], 3);  // ferry, bridge, pier; the ferry page once for both feeds
  EXPECT_EQ(site.Hits("/news/ferry.html").size(), 1u);
  // The gone page is named with its URL and reason; the others went on.
  EXPECT_NE(first.err.find(site.Url("/news/missing.html") + ": HTTP 404"), std::string::npos) << first.err;
  EXPECT_EQ(Count(db_), 3u);
  auto ferry = sitrep::Store::Open(db_)->Search("Ekberg", 5, 0);
  ASSERT_EQ(ferry.size(), 1u);
  EXPECT_EQ(ferry[0].article.url, site.Url("/news/ferry.html"));
  EXPECT_EQ(ferry[0].article.title, "Ferry to Lunde halted by crew strike");
  EXPECT_EQ(ferry[0].article.outlet, "Vessby Post");
  EXPECT_EQ(ferry[0].article.published.substr(0, 10), "2024-05-06");

  // A second run (a restart) asks with the validators it kept and fetches no page again.
  const size_t pages_before = site.PageHits();
  Result second = Sitrep("watch --once --json --db " + db_ + " " + site.Url("/rss.xml") + " " + site.Url("/atom.xml"));
  EXPECT_EQ(second.status, 0) << second.err;
  auto again = nlohmann::json::parse(second.out);
  EXPECT_EQ(again["not_modified"], 2);
  EXPECT_EQ(again["pages_fetched"], 0);
  EXPECT_EQ(site.PageHits(), pages_before);
  auto rss = site.Hits("/rss.xml");
  ASSERT_EQ(rss.size(), 2u);
  EXPECT_EQ(rss[0].if_none_match, "");
  EXPECT_EQ(rss[1].if_none_match, "\"rss-1\"");
  auto atom = site.Hits("/atom.xml");
  ASSERT_EQ(atom.size(), 2u);
  EXPECT_EQ(atom[1].if_modified_since, "Wed, 08 May 2024 09:00:00 GMT");
  EXPECT_EQ(Count(db_), 3u);

  // A changed feed is read again, but only its new item's page is fetched.
  site.Page("/news/talks.html", "Ferry talks resume in Vessby", kTalksText);
  site.Rss("/rss.xml", {{"/news/talks.html", "Ferry talks resume in Vessby", "Tue, 07 May 2024 10:00:00 GMT"},
                        {"/news/bridge.html", "Old Lunde bridge closed to lorries", "Mon, 06 May 2024 12:00:00 GMT"},
                        {"/news/ferry.html", "Ferry to Lunde halted by crew strike", "Mon, 06 May 2024 09:00:00 GMT"}});
  Result third = Sitrep("watch --once --json --db " + db_ + " " + site.Url("/rss.xml"));
  EXPECT_EQ(third.status, 0) << third.err;
  EXPECT_EQ(nlohmann::json::parse(third.out)["pages_fetched"], 1);
  EXPECT_EQ(Count(db_), 4u);
  EXPECT_EQ(site.Hits("/news/missing.html").size(), 1u) << "a page gone for good was asked again";
}

TEST_F(Cli, WatchFeedsARunningServerWithinSeconds) {
  FeedSite site;
  site.Page("/news/ferry.html", "Ferry to Lunde halted by crew strike", kFerryText);
  site.Rss("/rss.xml", {{"/news/ferry.html", "Ferry to Lunde halted by crew strike", "Mon, 06 May 2024 09:00:00 GMT"}});
  Result first = Sitrep("watch --once --json --db " + db_ + " " + site.Url("/rss.xml"));
  ASSERT_EQ(first.status, 0) << first.err;
  ASSERT_EQ(nlohmann::json::parse(first.out)["added"], 1) << first.out << first.err;
  ServeChild server(dir_, "--db " + db_);
  ASSERT_GT(server.port(), 0) << "the server did not start";
  auto client = server.Client();
  auto articles_in_stories = [&] {
    auto r = client.Get("/api/stories?limit=50");
    if (!r || r->status != 200) return -1;
    int n = 0;
    const auto page = nlohmann::json::parse(r->body);
    for (const auto& s : page["items"]) n += s["articles"].get<int>();
    return n;
  };
  EXPECT_EQ(articles_in_stories(), 1) << client.Get("/api/stories?limit=50")->body;

  WatchChild watcher(dir_, "--interval 1 --db " + db_ + " " + site.Url("/rss.xml"));
  ASSERT_TRUE(Eventually([&] { return site.Hits("/rss.xml").size() >= 2; })) << watcher.Err();
  site.Page("/news/talks.html", "Ferry talks resume in Vessby", kTalksText);
  site.Rss("/rss.xml", {{"/news/talks.html", "Ferry talks resume in Vessby", "Tue, 07 May 2024 10:00:00 GMT"},
                        {"/news/ferry.html", "Ferry to Lunde halted by crew strike", "Mon, 06 May 2024 09:00:00 GMT"}});
  EXPECT_TRUE(Eventually([&] { return articles_in_stories() == 2; })) << watcher.Err();
  auto hits = client.Get("/api/search?q=Dahl");
  ASSERT_TRUE(hits);
  EXPECT_EQ(nlohmann::json::parse(hits->body)["items"].size(), 1u);
  EXPECT_EQ(watcher.Stop(), 0) << "SIGTERM did not stop the watcher cleanly: " << watcher.Err();
}

TEST_F(Cli, WatchBacksOffABusyFeedForItsRetryAfter) {
  FeedSite site;
  site.Page("/news/pier.html", "Harsby marina pier collapses overnight", kPierText);
  site.Atom("/atom.xml", {{"/news/pier.html", "Harsby marina pier collapses overnight", "2024-05-08T07:30:00Z"}});
  site.Busy("/atom.xml", 1, 3);
  WatchChild watcher(dir_, "--interval 1 --db " + db_ + " " + site.Url("/atom.xml"));
  ASSERT_TRUE(Eventually([&] { return site.Hits("/atom.xml").size() >= 2; })) << watcher.Err();
  auto hits = site.Hits("/atom.xml");
  // Asked again only after the three seconds the server asked for (the interval is one).
  EXPECT_GE(std::chrono::duration<double>(hits[1].when - hits[0].when).count(), 2.9);
  EXPECT_TRUE(Eventually([&] { return Count(db_) == 1; })) << watcher.Err();
  EXPECT_EQ(watcher.Stop(), 0);
  EXPECT_NE(watcher.Err().find(site.Url("/atom.xml") + ": HTTP 503 (Retry-After 3 s); next try in 3 s"),
            std::string::npos)
      << watcher.Err();
}

// A feed that says how long it may be cached (<ttl> minutes) is not asked sooner, however
// short the interval.
TEST_F(Cli, WatchWaitsAsLongAsTheFeedAsks) {
  FeedSite site;
  site.Page("/news/ferry.html", "Ferry to Lunde halted by crew strike", kFerryText);
  site.Rss("/rss.xml", {{"/news/ferry.html", "Ferry to Lunde halted by crew strike", "Mon, 06 May 2024 09:00:00 GMT"}}, "60");
  site.Rss("/plain.xml", {{"/news/ferry.html", "Ferry to Lunde halted by crew strike", "Mon, 06 May 2024 09:00:00 GMT"}});
  WatchChild watcher(dir_, "--interval 1 --db " + db_ + " " + site.Url("/rss.xml") + " " + site.Url("/plain.xml"));
  // The feed without a ttl is polled every second meanwhile; three polls of it mean the
  // other has had two chances to be asked too early.
  ASSERT_TRUE(Eventually([&] { return site.Hits("/plain.xml").size() >= 3; })) << watcher.Err();
  EXPECT_EQ(site.Hits("/rss.xml").size(), 1u);
  EXPECT_EQ(watcher.Stop(), 0);
}

TEST_F(Cli, WatchRefusesWhatIsNoFeed) {
  FeedSite site;
  site.Page("/news/ferry.html", "Ferry to Lunde halted by crew strike", kFerryText);
  Result r = Sitrep("watch --once --db " + db_ + " " + site.Url("/news/ferry.html") + " ftp://example.org/feed");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("ftp://example.org/feed: not an http or https URL"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(site.Url("/news/ferry.html") + ": not a feed"), std::string::npos) << r.err;
  Result none = Sitrep("watch --once --db " + db_);
  EXPECT_EQ(none.status, 2);
  Result missing = Sitrep("watch --once --db " + db_ + " --feeds " + (dir_ / "nope.txt").string());
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("nope.txt: cannot read the feed list"), std::string::npos) << missing.err;
}

}  // namespace
