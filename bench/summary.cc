// Summary speed: the story summariser over the Reuters corpus cut into stories of 10, 50 and
// 200 articles (consecutive wire items: the cost depends on the story's size, not its topic),
// in articles a second (wall and this thread's CPU time), and peak memory.
#include <chrono>
#include <cstdio>
#include <vector>
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
    std::vector<double> wall, cpu;
    size_t sentences = 0;
    for (int run = 0; run < 5; ++run) {
      sentences = 0;
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = sitrep::bench::ThreadCpuSeconds();
      for (size_t i = 0; i + story <= n; i += story)
        sentences += sitrep::brief::Summarize(all.subspan(i, story)).size();
      cpu.push_back(sitrep::bench::ThreadCpuSeconds() - cpu_start);
      wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    // CPU time says what one core does whatever else the machine runs; wall time is shown
    // beside it.
    std::printf("summary, stories of %3zu: %6.0f articles/s (by CPU time %6.0f/s, median of 5)"
                "  %zu sentences  peak RSS %.0f MiB\n",
                story, n / sitrep::bench::Median(wall), n / sitrep::bench::Median(cpu), sentences,
                sitrep::bench::PeakRssMiB());
  }
  return 0;
}
