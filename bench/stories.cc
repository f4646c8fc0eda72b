// Online story clustering over Reuters-21578: BuildArticle for every article before the
// clock starts, then StoryClusterer::Add timed over the first 1k, 2k, 5k, 10k and all
// articles (a fresh clusterer each), so a rate that falls with size would show. Medians of
// --runs (default 3), by wall time and by this thread's CPU time (the steadier figure on a
// shared machine: wall time counts the time other processes held the core).
//   bench_stories [path.jsonl] [--runs N]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "pipeline/pipeline.h"
#include "stories/stories.h"

int main(int argc, char** argv) {
  std::string path = std::string(SITREP_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl";
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else path = argv[i];
  }
  const std::vector<sitrep::Article> articles = sitrep::bench::BuildArticles(path);
  if (articles.empty()) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  std::printf("articles: %zu (built before timing); median of %d runs\n", articles.size(), runs);
  for (size_t n : {size_t(1000), size_t(2000), size_t(5000), size_t(10000), articles.size()}) {
    n = std::min(n, articles.size());
    std::vector<double> wall, cpu;
    size_t stories = 0;
    for (int k = 0; k < runs; ++k) {
      sitrep::StoryClusterer clusterer;
      stories = 0;
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = sitrep::bench::ThreadCpuSeconds();
      for (size_t i = 0; i < n; ++i) stories += clusterer.Add(articles[i]).new_story;
      cpu.push_back(sitrep::bench::ThreadCpuSeconds() - cpu_start);
      wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    const double w = sitrep::bench::Median(wall), c = sitrep::bench::Median(cpu);
    std::printf("%6zu articles: %8.0f articles/s  (%5.1f us/article; by CPU time %8.0f/s, %5.1f us)"
                "  %zu stories  peak RSS %.0f MiB\n",
                n, n / w, 1e6 * w / n, n / c, 1e6 * c / n, stories, sitrep::bench::PeakRssMiB());
  }
  return 0;
}
