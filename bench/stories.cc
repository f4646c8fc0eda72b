// Online story clustering over Reuters-21578: BuildArticle for every article before the
// clock starts, then StoryClusterer::Add timed over the first 1k, 2k, 5k, 10k and all
// articles (a fresh clusterer each), so a rate that falls with size would show.
//   bench_stories [path.jsonl]
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "pipeline/pipeline.h"
#include "stories/stories.h"

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1]
                                    : std::string(SITREP_SHARED_DIR) +
                                          "/corpora/reuters21578/reuters21578.jsonl";
  const std::vector<sitrep::Article> articles = sitrep::bench::BuildArticles(path);
  if (articles.empty()) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  std::printf("articles: %zu (built before timing)\n", articles.size());
  for (size_t n : {size_t(1000), size_t(2000), size_t(5000), size_t(10000), articles.size()}) {
    if (n > articles.size()) continue;
    sitrep::StoryClusterer clusterer;
    size_t stories = 0;
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = 0; i < n; ++i) stories += clusterer.Add(articles[i]).new_story;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%6zu articles: %8.0f articles/s  (%5.1f us/article, %zu stories)  peak RSS %.0f MiB\n",
                n, n / s, 1e6 * s / n, stories, sitrep::bench::PeakRssMiB());
  }
  return 0;
}
