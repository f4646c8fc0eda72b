// The story desk's online work over Reuters-21578: for each article in order, CopyIndex::Add
// then StoryClusterer::Add (what StoryDesk::PlaceOne does), a fresh copy index and clusterer
// for the first 1k, 2k, 5k, 10k and all articles. Articles are built before the clock
// starts: that is the pipeline's cost. Prints, a size, the median of 3 runs of the combined
// rate and µs/article (flat when the indexes scale), each stage's share, and peak memory.
// The rate by this thread's CPU time is printed too: on a shared machine it is the steadier
// figure (wall time counts the time other processes held the core).
//   bench_desk [path.jsonl] [--runs N]
#include <algorithm>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "dedup/copies.h"
#include "pipeline/pipeline.h"
#include "stories/stories.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Run {
  double total = 0, cpu = 0, copies = 0, stories = 0;  // seconds
};

// One pass over the first `n` articles with fresh indexes. Each stage's own time is taken
// around its call; the clock reads cost well under 1% of an article's time.
Run Place(const std::vector<sitrep::Article>& articles, size_t n) {
  sitrep::CopyIndex copies;
  sitrep::StoryClusterer stories;
  Run r;
  const auto start = Clock::now();
  const double cpu_start = sitrep::bench::ThreadCpuSeconds();
  for (size_t i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    const sitrep::CopyIndex::Found found = copies.Add(articles[i]);
    const auto t1 = Clock::now();
    const sitrep::StoryAssignment placed = stories.Add(articles[i]);
    const auto t2 = Clock::now();
    r.copies += std::chrono::duration<double>(t1 - t0).count();
    r.stories += std::chrono::duration<double>(t2 - t1).count();
    (void)found, (void)placed;
  }
  r.total = std::chrono::duration<double>(Clock::now() - start).count();
  r.cpu = sitrep::bench::ThreadCpuSeconds() - cpu_start;
  return r;
}

// The run with the median total time, so its stage split belongs to that same run.
Run MedianRun(std::vector<Run> runs) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.total < b.total; });
  return runs[runs.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(SITREP_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl";
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else path = argv[i];
  }
  const std::vector<sitrep::Article> articles = sitrep::bench::BuildArticles(path);
  if (articles.empty()) {
    std::fprintf(stderr, "no articles in %s\n", path.c_str());
    return 1;
  }
  std::printf("articles: %zu, RSS with them loaded: %.0f MiB; median of %d runs\n",
              articles.size(), sitrep::bench::PeakRssMiB(), runs);
  for (size_t n : {size_t(1000), size_t(2000), size_t(5000), size_t(10000), articles.size()}) {
    n = std::min(n, articles.size());
    std::vector<Run> all;
    for (int k = 0; k < runs; ++k) all.push_back(Place(articles, n));
    const Run r = MedianRun(all);
    std::vector<double> cpu;
    for (const Run& x : all) cpu.push_back(x.cpu);
    const double cpu_s = sitrep::bench::Median(cpu);
    std::printf("%6zu articles: %6.0f articles/s  %6.1f us/article  (by CPU time %6.0f/s)  "
                "copies %4.1f%% (%6.0f/s)  stories %4.1f%% (%6.0f/s)  peak RSS %.0f MiB\n",
                n, n / r.total, 1e6 * r.total / n, n / cpu_s, 100 * r.copies / r.total,
                n / r.copies, 100 * r.stories / r.total, n / r.stories,
                sitrep::bench::PeakRssMiB());
  }
  return 0;
}
