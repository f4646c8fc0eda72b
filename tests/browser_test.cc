// The web pages in a real browser: Debian's chromium, headless, driven over the W3C
// WebDriver protocol (chromedriver on a free loopback port, cpp-httplib as the client). The
// test loads the story list, clicks through to a story and an article, searches, and checks
// that a hostile article's text stays text and runs nothing. Screenshots land in
// build/screenshots/ for a person to look at.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_fixture.h"
#include "serve_child.h"

using namespace sitrep_test;
using nlohmann::json;

namespace {

const char* const kChromedriver = "/usr/bin/chromedriver";
const char* const kChromium = "/usr/bin/chromium";
const char* const kElementKey = "element-6066-11e4-a52e-4f735466cecf";  // W3C's element reference

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string Base64Decode(const std::string& in) {
  static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buf = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = chars.find(c);
    if (v == std::string::npos) continue;  // padding, line breaks
    buf = (buf << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buf >> bits) & 0xff);
    }
  }
  return out;
}

// One headless chromium session. Every call fails the test (and throws) on a WebDriver error
// other than the ones a caller asks about.
class Browser {
 public:
  explicit Browser(const fs::path& dir) {
    const int port = FreePort();
    pid_ = fork();
    if (pid_ == 0) {
      std::string line = std::string("exec ") + kChromedriver + " --port=" + std::to_string(port) + " >" +
                         (dir / "chromedriver.log").string() + " 2>&1";
      execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    try {
      Start(dir, port);
    } catch (...) {
      Shutdown();  // no chromedriver or chromium may outlive a failed start
      throw;
    }
  }

  ~Browser() { Shutdown(); }

  void Go(const std::string& url) { Call("POST", session_ + "/url", {{"url", url}}); }

  std::string Url() { return Call("GET", session_ + "/url")["value"]; }
  std::string Title() { return Call("GET", session_ + "/title")["value"]; }
  // Elements matching a CSS selector (none: empty).
  std::vector<std::string> FindAll(const std::string& css) {
    std::vector<std::string> out;
    json found = Call("POST", session_ + "/elements", json{{"using", "css selector"}, {"value", css}});
    for (const json& e : found["value"])
      out.push_back(e[kElementKey]);
    return out;
  }
  // The first element matching, waiting a bounded while for it; throws when there is none.
  std::string Find(const std::string& css) {
    auto all = FindAll(css);
    for (int i = 0; i < 50 && all.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      all = FindAll(css);
    }
    if (all.empty())
      throw std::runtime_error("no element matches " + css + " on " + Url() + ": " +
                               Call("GET", session_ + "/source")["value"].get<std::string>().substr(0, 3000));
    return all[0];
  }
  std::string Text(const std::string& element) { return Call("GET", session_ + "/element/" + element + "/text")["value"]; }
  std::string Attribute(const std::string& element, const std::string& name) {
    json v = Call("GET", session_ + "/element/" + element + "/attribute/" + name)["value"];
    return v.is_string() ? v.get<std::string>() : "";
  }
  void Click(const std::string& element) { Call("POST", session_ + "/element/" + element + "/click", json::object()); }
  void Type(const std::string& element, const std::string& text) {
    Call("POST", session_ + "/element/" + element + "/value", {{"text", text}});
  }
  // The text of an open alert, confirm or prompt dialog; empty when none is open.
  std::string Alert() {
    auto r = driver_->Get((session_ + "/alert/text").c_str());
    if (!r || r->status != 200) return "";
    return json::parse(r->body)["value"];
  }
  void Screenshot(const fs::path& png) {
    std::string data = Call("GET", session_ + "/screenshot")["value"];
    std::ofstream(png, std::ios::binary) << Base64Decode(data);
  }
  // Waits (a bounded while) until the page's URL contains `part`.
  bool WaitForUrl(const std::string& part) {
    for (int i = 0; i < 200; ++i) {
      if (Url().find(part) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  void Start(const fs::path& dir, int port) {
    driver_ = std::make_unique<httplib::Client>("127.0.0.1", port);
    driver_->set_read_timeout(60, 0);
    bool ready = false;
    for (int i = 0; i < 500 && !ready; ++i) {
      if (auto r = driver_->Get("/status"); r && r->status == 200)
        ready = json::parse(r->body)["value"].value("ready", false);
      else std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!ready) throw std::runtime_error("chromedriver did not start");
    json options = {
        {"binary", kChromium},
        {"args",
         {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + (dir / "profile").string()}}};
    json caps = {{"capabilities", {{"alwaysMatch", {{"browserName", "chrome"}, {"goog:chromeOptions", options}}}}}};
    json session = Call("POST", "/session", caps);
    session_ = "/session/" + session["value"]["sessionId"].get<std::string>();
  }

  // Ends the session (chromium quits) and chromedriver.
  void Shutdown() {
    if (!session_.empty()) driver_->Delete(session_.c_str());
    session_.clear();
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  json Call(const std::string& method, const std::string& path, const json& body = nullptr) {
    httplib::Result r = method == "GET" ? driver_->Get(path.c_str())
                                        : driver_->Post(path.c_str(), body.dump(), "application/json");
    if (!r) throw std::runtime_error("chromedriver did not answer " + method + " " + path);
    json j = json::parse(r->body, nullptr, false);
    if (r->status != 200 || j.is_discarded())
      throw std::runtime_error(method + " " + path + ": HTTP " + std::to_string(r->status) + " " + r->body.substr(0, 500));
    return j;
  }

  pid_t pid_ = -1;
  std::unique_ptr<httplib::Client> driver_;
  std::string session_;
};

const std::string kHostile = json{
    {"title", "Ferry <script>alert('t')</script> halted"},
    {"text", "Port officials in Vessby said the ferry \"><svg onload=alert(1)> would not sail.\n\n"
             "Crews were told at dawn ' autofocus onfocus='alert(2). <img src=x onerror=alert(4)>"},
    {"url", "javascript:alert(3)"},
    {"date", "2024-05-06"},
    {"source", "Vessby <i>Post</i>"}}.dump();

fs::path ScreenshotDir() {
  fs::path dir = fs::path(SITREP_BUILD_DIR) / "screenshots";
  fs::create_directories(dir);
  return dir;
}

// What no page may contain, whatever an article says: script, handlers, injected elements.
void ExpectNothingInjected(Browser& b) {
  EXPECT_TRUE(b.FindAll("script").empty()) << b.Url();
  EXPECT_TRUE(b.FindAll("main svg[onload], [onload], [onerror], [onfocus], [autofocus], main img, main i").empty())
      << b.Url();
  EXPECT_TRUE(b.FindAll("a[href^='javascript']").empty()) << b.Url();
  EXPECT_EQ(b.Alert(), "") << "a script ran on " << b.Url();
}

TEST_F(Cli, BrowserClicksThroughStoriesArticlesAndSearch) {
  ASSERT_TRUE(fs::exists(kChromedriver) && fs::exists(kChromium))
      << "chromium and chromium-driver are needed (scripts/install-deps installs them)";
  ASSERT_EQ(Sitrep("ingest --db " + db_ + " " + kMinsk).status, 0);
  ServeChild server(dir_, "--db " + db_ + " --token t0ken");
  ASSERT_GT(server.port(), 0) << "the server did not start";
  auto posted = server.Client().Post("/api/articles", {{"Authorization", "Bearer t0ken"}}, kHostile, "application/json");
  ASSERT_TRUE(posted);
  ASSERT_EQ(posted->status, 201) << posted->body;
  const std::string site = "http://127.0.0.1:" + std::to_string(server.port());
  const fs::path shots = ScreenshotDir();

  Browser b(dir_);
  // The story list: the example corpus's story first (the largest).
  b.Go(site + "/");
  EXPECT_EQ(b.Title(), "Stories · sitrep");
  EXPECT_EQ(b.Text(b.Find("h1")), "Stories");
  auto rows = b.FindAll("table a[href^='/stories/']");
  ASSERT_GE(rows.size(), 2u);
  const std::string label = b.Text(rows[0]);
  EXPECT_FALSE(label.empty());
  b.Screenshot(shots / "stories.png");
  ExpectNothingInjected(b);

  // Click through to the story: its brief, sources side by side.
  b.Click(rows[0]);
  ASSERT_TRUE(b.WaitForUrl("/stories/1"));
  auto headings = b.FindAll("h2");
  std::string titles;  // as shown: the style sets them in capitals
  for (const std::string& h : headings) titles += b.Text(h) + "|";
  EXPECT_NE(titles.find("SOURCES SIDE BY SIDE"), std::string::npos) << titles;
  auto sources = b.FindAll(".side article h3 a");
  EXPECT_EQ(sources.size(), 5u);
  b.Screenshot(shots / "story.png");
  ExpectNothingInjected(b);

  // And to one of its articles: text with entities highlighted, the story linked back.
  ASSERT_FALSE(sources.empty());
  const std::string headline = b.Text(sources[0]);
  b.Click(sources[0]);
  ASSERT_TRUE(b.WaitForUrl("/articles/"));
  EXPECT_EQ(b.Text(b.Find("h1")), headline);
  EXPECT_FALSE(b.FindAll(".text p").empty());
  EXPECT_FALSE(b.FindAll(".text .ent").empty()) << "no entity highlighted";
  EXPECT_EQ(b.Attribute(b.Find("p.meta a[href^='/stories/']"), "href"), "/stories/1");
  b.Screenshot(shots / "article.png");
  ExpectNothingInjected(b);

  // Search from the navigation bar, as a reader types it.
  b.Type(b.Find("nav.site input[name=q]"), std::string("Lukashenko") + "\xEE\x80\x87");  // U+E007: Enter
  ASSERT_TRUE(b.WaitForUrl("/search?q=Lukashenko"));
  auto results = b.FindAll("main ol li a[href^='/articles/']");
  EXPECT_GE(results.size(), 2u);
  EXPECT_FALSE(b.FindAll("mark.hit").empty());
  for (const std::string& r : results) EXPECT_NE(b.Text(r), "(untitled)") << "untitled articles are named by their first words";
  EXPECT_EQ(b.Attribute(b.Find("nav.site input[name=q]"), "value"), "Lukashenko");
  b.Screenshot(shots / "search.png");

  // The hostile article: found, shown as the text it is, nothing of it run or rendered.
  b.Go(site + "/search?q=Vessby");
  auto found = b.FindAll("main ol li a[href^='/articles/']");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(b.Text(found[0]), "Ferry <script>alert('t')</script> halted");
  ExpectNothingInjected(b);
  b.Click(found[0]);
  ASSERT_TRUE(b.WaitForUrl("/articles/"));
  EXPECT_EQ(b.Text(b.Find("h1")), "Ferry <script>alert('t')</script> halted");
  const std::string text = b.Text(b.Find(".text"));
  EXPECT_NE(text.find("the ferry \"><svg onload=alert(1)> would not sail"), std::string::npos) << text;
  EXPECT_NE(text.find("<img src=x onerror=alert(4)>"), std::string::npos) << text;
  EXPECT_NE(b.Text(b.Find("p.meta")).find("Vessby <i>Post</i>"), std::string::npos);
  b.Screenshot(shots / "hostile-article.png");
  ExpectNothingInjected(b);
  // Its story page, where the brief shows the title and the lead again.
  auto story = b.FindAll("p.meta a[href^='/stories/']");
  ASSERT_EQ(story.size(), 1u);
  b.Click(story[0]);
  ASSERT_TRUE(b.WaitForUrl("/stories/"));
  EXPECT_NE(b.Text(b.Find("main")).find("<script>alert('t')</script>"), std::string::npos);
  EXPECT_NE(b.Text(b.Find(".overview")).find("1 article · 1 named outlet"), std::string::npos);
  b.Screenshot(shots / "hostile-story.png");
  ExpectNothingInjected(b);
}

}  // namespace
