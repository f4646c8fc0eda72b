// Temporal tagging speed: FindTimexes over the TimeBank + AQUAINT documents (their text and
// DCT, read once), in documents and tokens a second, and peak memory.
#include <cstdio>
#include <string>

#include "bench/bench_util.h"
#include "time/timeml.h"
#include "time/timex.h"

int main() {
  auto docs = sitrep::timeml::LoadGoldDir(SITREP_SHARED_DIR "/data/time/tbaq");
  if (docs.empty()) {
    std::fprintf(stderr, "no TimeML documents under ../shared/data/time/tbaq\n");
    return 1;
  }
  size_t words = 0;
  for (const auto& d : docs) {
    bool in_word = false;
    for (char c : d.text) {
      bool space = c == ' ' || c == '\n' || c == '\t';
      words += !space && !in_word;
      in_word = !space;
    }
  }
  size_t found = 0;
  auto pass = [&] {
    for (const auto& d : docs) found += sitrep::FindTimexes(d.text, d.dct).size();
  };
  sitrep::bench::MedianRate("timex documents", "docs", 5, [&] { pass(); return double(docs.size()); });
  sitrep::bench::MedianRate("timex tokens", "tokens", 5, [&] { pass(); return double(words); });
  std::printf("%zu documents, %zu whitespace tokens, %zu expressions a pass\n", docs.size(), words,
              found / 10);
  return 0;
}
