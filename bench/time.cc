// Temporal tagging speed: FindTimexes over the TimeBank + AQUAINT documents (their text and
// DCT, read once), in documents and tokens a second; then story timelines (BuildTimeline over
// groups of eight documents, half of them undated so their dates are inferred), in articles a
// second; and peak memory.
#include <cstdio>
#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "time/timeline.h"
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
  std::vector<sitrep::Article> articles;
  for (size_t i = 0; i < docs.size(); ++i) {
    sitrep::Article a;
    a.id = docs[i].name;
    a.text = docs[i].text;
    if (i % 2 == 0) a.published.when = docs[i].dct;  // the others are dated from the text
    articles.push_back(std::move(a));
  }
  size_t events = 0;
  sitrep::bench::MedianRate("timeline articles", "articles", 5, [&] {
    for (size_t i = 0; i < articles.size(); i += 8) {
      std::span<const sitrep::Article> group(articles.data() + i, std::min<size_t>(8, articles.size() - i));
      events += sitrep::BuildTimeline(group).events.size();
    }
    return double(articles.size());
  });
  std::printf("%zu documents, %zu whitespace tokens, %zu expressions a pass\n", docs.size(), words,
              found / 10);
  return 0;
}
