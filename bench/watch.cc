// `sitrep watch` end to end on this machine: a cpp-httplib server on a loopback port serves
// one RSS feed listing N article pages, and watch::Watch (what `sitrep watch --once` runs)
// polls it once into a fresh SQLite store: every page fetched, read, analysed (models
// loaded on the first batch), placed and stored. Then a second poll of the same store, which
// the feed answers with 304. Prints, for each N, the median of --runs runs: pages/s of the
// first poll (by wall time, and by the process's CPU time, the steadier figure on a shared
// machine), the second poll's time, and peak memory (the server's copy of the pages
// included, a few MiB).
//
// The pages are the extraction set's real article HTML (../shared/data/extraction/html,
// 109 pages); for more than that, each page is served again under other URLs with its
// paragraphs in another order, so each is a new article to the store rather than a copy.
//   bench_watch [--pages N,N,...] [--runs N] [--batch N]
#include <httplib.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_util.h"
#include "store/store.h"
#include "util/byte_source.h"
#include "watch/watch.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<std::string> ReadPages(const std::string& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().string().find(".html") != std::string::npos) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::string> pages;
  for (const fs::path& f : files) pages.push_back(sitrep::ByteSource::OpenFile(f.string())->ReadAll(64u << 20));
  return pages;
}

// The `copy`-th variant of a page: its <p> elements rotated by `copy`, so the text differs
// from every other variant's while staying the page's own prose (copy 0 is the page as is).
std::string Variant(const std::string& page, size_t copy) {
  if (copy == 0) return page;
  std::vector<std::pair<size_t, size_t>> paragraphs;  // [begin, end) of each <p>...</p>
  for (size_t at = 0; (at = page.find("<p", at)) != std::string::npos;) {
    const size_t end = page.find("</p>", at);
    if (end == std::string::npos) break;
    if (at + 2 < page.size() && (page[at + 2] == '>' || page[at + 2] == ' '))
      paragraphs.push_back({at, end + 4});
    at = end + 4;
  }
  if (paragraphs.size() < 2) return page + "<!-- " + std::to_string(copy) + " -->";
  std::vector<std::string> texts;
  for (auto [b, e] : paragraphs) texts.push_back(page.substr(b, e - b));
  std::rotate(texts.begin(), texts.begin() + copy % texts.size(), texts.end());
  std::string out = page.substr(0, paragraphs[0].first);
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    out += texts[i];
    const size_t next = i + 1 < paragraphs.size() ? paragraphs[i + 1].first : paragraphs[i].second;
    out += page.substr(paragraphs[i].second, next - paragraphs[i].second);
  }
  out += page.substr(paragraphs.back().second);
  // Rotating by a multiple of the paragraph count gives the page back: say which copy it is.
  return out + "<p>Edition " + std::to_string(copy) + " of this page.</p>";
}

// The feed and its pages on a free loopback port, until destroyed.
class FeedServer {
 public:
  FeedServer(const std::vector<std::string>& pages, size_t n) {
    for (size_t i = 0; i < n; ++i) pages_.push_back(Variant(pages[i % pages.size()], i / pages.size()));
    port_ = server_.bind_to_any_port("127.0.0.1");
    std::ostringstream rss;
    rss << "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Bench wire</title>"
        << "<link>http://127.0.0.1:" << port_ << "/</link>\n";
    for (size_t i = 0; i < n; ++i)
      rss << "<item><title>Page " << i << "</title><link>http://127.0.0.1:" << port_ << "/page/" << i
          << "</link><guid>page-" << i << "</guid></item>\n";
    rss << "</channel></rss>\n";
    feed_ = rss.str();
    server_.Get("/rss.xml", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("If-None-Match") == "\"bench\"") {
        res.status = 304;
        return;
      }
      res.set_header("ETag", "\"bench\"");
      res.set_content(feed_, "application/rss+xml");
    });
    server_.Get(R"(/page/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      const size_t i = std::stoul(req.matches[1]);
      if (i >= pages_.size()) {
        res.status = 404;
        return;
      }
      res.set_content(pages_[i], "text/html; charset=utf-8");
    });
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FeedServer() {
    server_.stop();
    thread_.join();
  }
  std::string FeedUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/rss.xml"; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::vector<std::string> pages_;
  std::string feed_;
};

// CPU seconds of the whole process (the watcher and the server's threads).
double ProcessCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

struct Run {
  double first = 0, first_cpu = 0, second = 0;  // seconds
  sitrep::watch::WatchStats stats, again;
};

Run WatchOnce(const std::string& feed, size_t batch) {
  const fs::path db = fs::temp_directory_path() / ("bench_watch_" + std::to_string(getpid()) + ".db");
  auto remove_db = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  };
  remove_db();
  Run r;
  sitrep::watch::WatchOptions options;
  options.once = true;
  options.batch_size = batch;
  options.on_problem = [](const std::string& line) { std::fprintf(stderr, "watch: %s\n", line.c_str()); };
  {
    auto store = sitrep::Store::Open(db.string());
    const auto t0 = Clock::now();
    const double cpu0 = ProcessCpuSeconds();
    r.stats = sitrep::watch::Watch(*store, {feed}, options);
    r.first = std::chrono::duration<double>(Clock::now() - t0).count();
    r.first_cpu = ProcessCpuSeconds() - cpu0;
  }
  {
    auto store = sitrep::Store::Open(db.string());
    const auto t0 = Clock::now();
    r.again = sitrep::watch::Watch(*store, {feed}, options);
    r.second = std::chrono::duration<double>(Clock::now() - t0).count();
  }
  remove_db();
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes = {109, 436};
  int runs = 3;
  size_t batch = 8;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--batch") && i + 1 < argc) {
      batch = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--pages") && i + 1 < argc) {
      sizes.clear();
      std::istringstream list(argv[++i]);
      for (std::string n; std::getline(list, n, ',');) sizes.push_back(std::max<size_t>(1, std::stoul(n)));
    } else {
      std::fprintf(stderr, "usage: bench_watch [--pages N,N,...] [--runs N] [--batch N]\n");
      return 2;
    }
  }
  const std::string dir = std::string(SITREP_SHARED_DIR) + "/data/extraction/html";
  std::vector<std::string> pages;
  try {
    pages = ReadPages(dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", dir.c_str(), e.what());
    return 1;
  }
  if (pages.empty()) {
    std::fprintf(stderr, "no pages in %s\n", dir.c_str());
    return 1;
  }
  std::printf("%zu distinct pages from %s; median of %d runs, batches of %zu\n", pages.size(),
              dir.c_str(), runs, batch);
  std::fflush(stdout);
  for (size_t n : sizes) {
    FeedServer server(pages, n);
    std::vector<Run> all;
    for (int k = 0; k < runs; ++k) all.push_back(WatchOnce(server.FeedUrl(), batch));
    std::sort(all.begin(), all.end(), [](const Run& a, const Run& b) { return a.first < b.first; });
    const Run& r = all[all.size() / 2];
    std::vector<double> second;
    for (const Run& x : all) second.push_back(x.second);
    std::vector<double> cpu;
    for (const Run& x : all) cpu.push_back(x.first_cpu);
    const double c = sitrep::bench::Median(cpu);
    std::printf("%5zu pages: first poll %6.2f s (%5.1f pages/s; by CPU time %5.2f s, %5.1f pages/s; "
                "%zu fetched, %zu added, %zu errors)  second poll %5.3f s (%zu not modified)  "
                "peak RSS %.0f MiB\n",
                n, r.first, r.stats.pages_fetched / r.first, c, r.stats.pages_fetched / c,
                r.stats.pages_fetched, r.stats.added,
                r.stats.page_errors, sitrep::bench::Median(second), r.again.not_modified,
                sitrep::bench::PeakRssMiB());
    std::fflush(stdout);  // a size takes minutes: show it when it is done
  }
  return 0;
}
