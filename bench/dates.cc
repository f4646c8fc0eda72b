// Page-date throughput: FindPageDate over htmldate's evaluation pages, parsed beforehand so
// only the dating is timed. Prints pages/s and peak memory.
#include <gumbo.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "ingest/page_date.h"
#include "ingest/page_date_eval.h"

int main(int argc, char** argv) {
  std::string gold = argc > 1 ? argv[1] : SITREP_SHARED_DIR "/data/dates/gold.jsonl";
  int rounds = argc > 2 ? std::stoi(argv[2]) : 3;
  auto pages = sitrep::page_date::LoadGoldPages(gold);
  std::vector<GumboOutput*> docs;
  for (const auto& p : pages) {
    docs.push_back(gumbo_parse_with_options(&kGumboDefaultOptions, p.html.data(), p.html.size()));
  }
  size_t dated = 0;
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (size_t i = 0; i < docs.size(); ++i) {
      dated += sitrep::FindPageDate(docs[i]->root, pages[i].url).when.known();
    }
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (GumboOutput* d : docs) gumbo_destroy_output(&kGumboDefaultOptions, d);
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  size_t n = docs.size() * rounds;
  std::printf("pages %zu dated %zu seconds %.3f pages_per_s %.1f peak_rss_mb %.1f\n", n, dated,
              s, s > 0 ? n / s : 0.0, ru.ru_maxrss / 1024.0);
  return 0;
}
