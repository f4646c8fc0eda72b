// Summary speed: the story summariser over the Reuters corpus cut into stories of 10, 50 and
// 200 articles (consecutive wire items: the cost depends on the story's size, not its topic),
// in articles a second, and peak memory.
#include <cstdio>
#include <span>

#include "bench/bench_util.h"
#include "brief/summary.h"

int main() {
  auto articles =
      sitrep::bench::BuildArticles(SITREP_SHARED_DIR "/corpora/reuters21578/reuters21578.jsonl");
  if (articles.empty()) {
    std::fprintf(stderr, "no articles in ../shared/corpora/reuters21578\n");
    return 1;
  }
  const std::span<const sitrep::Article> all(articles);
  for (size_t story : {10, 50, 200}) {
    const size_t n = std::min<size_t>(all.size(), 4000) / story * story;
    char what[64];
    std::snprintf(what, sizeof what, "summary, stories of %zu", story);
    sitrep::bench::MedianRate(what, "articles", 3, [&] {
      size_t sentences = 0;
      for (size_t i = 0; i + story <= n; i += story)
        sentences += sitrep::brief::Summarize(all.subspan(i, story)).size();
      return sentences > 0 ? double(n) : 0.0;
    });
  }
  return 0;
}
