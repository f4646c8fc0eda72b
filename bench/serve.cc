// The server under load: Reuters-21578 ingested into a scratch store, `sitrep serve`'s
// server started in this process on a loopback port, and client threads (cpp-httplib, one
// keep-alive connection each) requesting story pages and searches. Prints, for each kind,
// requests/s and p50/p99 latency, the median of 3 runs; story pages first cold (each view
// built on first request: the brief and claims of the story) and then warm (cached views).
// Search queries are the words of the largest stories' labels, so nothing is picked by hand.
//   bench_serve [path.jsonl] [--clients N] [--requests N]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <httplib.h>
#include <sstream>
#include <thread>

#include "bench/bench_util.h"
#include "pipeline/ingest_job.h"
#include "serve/server.h"
#include "serve/site.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Load {
  double rate = 0, p50_ms = 0, p99_ms = 0;
  size_t failed = 0;
};

// `clients` threads share `paths` round-robin, each over its own keep-alive connection.
Load Hammer(int port, const std::vector<std::string>& paths, int clients) {
  std::vector<std::vector<double>> latencies(clients);
  std::vector<size_t> failed(clients);
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      for (size_t i = c; i < paths.size(); i += clients) {
        const auto t0 = Clock::now();
        auto r = client.Get(paths[i]);
        latencies[c].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!r || r->status != 200) ++failed[c];
      }
    });
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  Load load;
  load.rate = all.size() / seconds;
  load.p50_ms = all[all.size() / 2];
  load.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  for (size_t f : failed) load.failed += f;
  return load;
}

void Print(const char* what, std::vector<Load> runs) {
  std::sort(runs.begin(), runs.end(), [](const Load& a, const Load& b) { return a.rate < b.rate; });
  const Load& m = runs[runs.size() / 2];
  printf("%-34s %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  (median of %zu; %zu failed)  peak RSS %.0f MiB\n", what,
         m.rate, m.p50_ms, m.p99_ms, runs.size(), m.failed, sitrep::bench::PeakRssMiB());
}

std::string Encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c)) out += static_cast<char>(c);
    else {
      char hex[4];
      snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(SITREP_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl";
  int clients = 4;
  size_t requests = 2000;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--clients") && i + 1 < argc) clients = std::max(1, atoi(argv[++i]));
    else if (!strcmp(argv[i], "--requests") && i + 1 < argc) requests = std::max(10, atoi(argv[++i]));
    else path = argv[i];
  }
  const auto dir = std::filesystem::temp_directory_path() / ("sitrep-bench-serve-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto store = sitrep::Store::Open((dir / "t.db").string());
  sitrep::IngestOptions opt;
  opt.progress = false;
  auto stats = sitrep::Ingest(*store, {path}, opt);
  printf("store: %zu articles, ingested in %.1f s\n", stats.added, stats.seconds);

  sitrep::serve::Site site(*store, "");
  sitrep::serve::ServeOptions options;
  options.port = 0;
  options.rate = 1e9;  // the limiter's bookkeeping stays in; its refusals are not measured
  sitrep::serve::Server server(site, options);
  const int port = server.Bind();
  std::thread serving([&] { server.Run(); });

  // Story pages: the largest stories (the pages people open), then down the list.
  auto stories = store->Stories(400, 0);
  std::vector<std::string> story_paths, search_paths;
  for (const auto& s : stories) story_paths.push_back("/stories/" + std::to_string(s.id));
  for (size_t i = 0; i < stories.size() && search_paths.size() < 200; ++i) {
    std::istringstream words(stories[i].label);
    for (std::string w; words >> w;) search_paths.push_back("/search?q=" + Encode(w));
  }
  printf("%zu stories (largest %zu articles), %zu search queries, %d clients, %zu requests a run\n",
         stories.size(), stories.empty() ? 0 : stories[0].articles, search_paths.size(), clients, requests);
  auto repeat = [&](const std::vector<std::string>& base) {
    std::vector<std::string> out;
    for (size_t i = 0; out.size() < requests; ++i) out.push_back(base[i % base.size()]);
    return out;
  };

  Print("story pages, cold (views built)", {Hammer(port, story_paths, clients)});
  std::vector<Load> warm, search, api;
  std::vector<std::string> api_paths;
  for (const auto& s : stories) api_paths.push_back("/api/stories/" + std::to_string(s.id) + "/brief");
  for (int run = 0; run < 3; ++run) {
    warm.push_back(Hammer(port, repeat(story_paths), clients));
    search.push_back(Hammer(port, repeat(search_paths), clients));
    api.push_back(Hammer(port, repeat(api_paths), clients));
  }
  Print("story pages, warm", warm);
  Print("brief JSON, warm", api);
  Print("search pages", search);
  server.Stop();
  serving.join();
  store.reset();
  std::filesystem::remove_all(dir);
}
