// The story desk's online work over Reuters-21578: for each article in order, CopyIndex::Add
// then StoryClusterer::Add (what StoryDesk::PlaceOne does), a fresh copy index and clusterer
// for the first 1k, 2k, 5k, 10k and all articles. Articles are built before the clock
// starts: that is the pipeline's cost. Prints, a size, the median of 3 runs of the combined
// rate and µs/article (flat when the indexes scale), each stage's share, and peak memory.
// The rate by this thread's CPU time is printed too: on a shared machine it is the steadier
// figure (wall time counts the time other processes held the core).
// Then one more, untimed pass over all articles prints a digest of every decision (each
// arrival's story, similarity, shared terms, merges, splits, copy link and passages, then
// every arrival's final story and every story's label): a speed change must leave it as it
// was. --dump FILE writes the same decisions as text, one line each, to compare two builds.
// Under callgrind the timed passes alone are instrumented, one dump a size, so instructions
// per article can be compared between sizes and builds whatever else the machine runs:
//   valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=cg.out
//     build/bench/bench_desk --runs 1 --no-digest     (one command line)
//   then the "totals:" line of each cg.out.N over the size in its "desc: Trigger:" line.
//   bench_desk [path.jsonl] [--runs N] [--dump FILE] [--sizes 1000,5000,...] [--no-digest]
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <time.h>
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_DUMP_STATS_AT(what) (void)(what)
#endif

#include <algorithm>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
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
  CALLGRIND_ZERO_STATS;
  CALLGRIND_START_INSTRUMENTATION;
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
  CALLGRIND_STOP_INSTRUMENTATION;
  CALLGRIND_DUMP_STATS_AT(("articles " + std::to_string(n)).c_str());
  return r;
}

// The run with the median total time, so its stage split belongs to that same run.
Run MedianRun(std::vector<Run> runs) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.total < b.total; });
  return runs[runs.size() / 2];
}

// Every decision of one pass over `articles`, as text: what the digest hashes.
void Decisions(const std::vector<sitrep::Article>& articles, std::FILE* dump, XXH3_state_t* h) {
  sitrep::CopyIndex copies;
  sitrep::StoryClusterer stories;
  auto put = [&](const std::string& line) {
    XXH3_64bits_update(h, line.data(), line.size());
    if (dump) std::fwrite(line.data(), 1, line.size(), dump);
  };
  char num[64];
  auto real = [&](double x) {
    std::snprintf(num, sizeof num, "%.17g", x);
    return std::string(num);
  };
  for (size_t i = 0; i < articles.size(); ++i) {
    const sitrep::CopyIndex::Found found = copies.Add(articles[i]);
    const sitrep::StoryAssignment a = stories.Add(articles[i]);
    std::ostringstream o;
    o << i << " story " << a.story << (a.new_story ? " new " : " joined ") << real(a.similarity);
    for (const std::string& t : a.shared_terms) o << " t:" << t;
    for (const std::string& t : a.shared_entities) o << " e:" << t;
    for (sitrep::StoryId s : a.merged) o << " merged:" << s;
    for (const auto& [id, s] : a.moved) o << " moved:" << id << ">" << s;
    if (found.copy_of) o << " copy_of:" << found.copy_of->upstream << "@" << real(found.copy_of->similarity);
    for (const sitrep::ReusedPassage& p : found.passages)
      o << " passage:" << p.here.begin << "-" << p.here.end << ":" << p.other << ":" << p.there.begin
        << "-" << p.there.end << "@" << real(p.similarity);
    for (const sitrep::CopyLink& l : found.relinked)
      o << " relinked:" << l.copy << ">" << l.of.upstream << "@" << real(l.of.similarity);
    o << "\n";
    put(o.str());
  }
  std::vector<sitrep::StoryId> final_story;
  for (size_t i = 0; i < articles.size(); ++i) {
    final_story.push_back(stories.StoryOf(i));
    put("final " + std::to_string(i) + " " + std::to_string(final_story.back()) + "\n");
  }
  std::sort(final_story.begin(), final_story.end());
  final_story.erase(std::unique(final_story.begin(), final_story.end()), final_story.end());
  for (sitrep::StoryId s : final_story)
    put("label " + std::to_string(s) + " " + stories.Label(s) + "\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(SITREP_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl";
  int runs = 3;
  std::string dump_path;
  bool digest = true;
  std::vector<size_t> sizes = {1000, 2000, 5000, 10000, SIZE_MAX};
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (!std::strcmp(argv[i], "--dump") && i + 1 < argc) {
      dump_path = argv[++i];
    } else if (!std::strcmp(argv[i], "--no-digest")) {
      digest = false;
    } else if (!std::strcmp(argv[i], "--sizes") && i + 1 < argc) {
      sizes.clear();
      std::istringstream list(argv[++i]);
      for (std::string n; std::getline(list, n, ',');) sizes.push_back(std::stoul(n));
    } else {
      path = argv[i];
    }
  }
  const std::vector<sitrep::Article> articles = sitrep::bench::BuildArticles(path);
  if (articles.empty()) {
    std::fprintf(stderr, "no articles in %s\n", path.c_str());
    return 1;
  }
  std::printf("articles: %zu, RSS with them loaded: %.0f MiB; median of %d runs\n",
              articles.size(), sitrep::bench::PeakRssMiB(), runs);
  for (size_t n : sizes) {
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
  if (!digest) return 0;
  std::FILE* dump = nullptr;
  if (!dump_path.empty() && !(dump = std::fopen(dump_path.c_str(), "w"))) {
    std::fprintf(stderr, "cannot write %s\n", dump_path.c_str());
    return 1;
  }
  XXH3_state_t* h = XXH3_createState();
  XXH3_64bits_reset(h);
  Decisions(articles, dump, h);
  std::printf("digest of every decision over %zu articles: %016llx\n", articles.size(),
              static_cast<unsigned long long>(XXH3_64bits_digest(h)));
  XXH3_freeState(h);
  if (dump) std::fclose(dump);
  return 0;
}
