// Who-said-what speed: FindAttributions (tagger, edge rankers, speakers, venues, relays) over
// the PolNeAR dev and train articles (read and segmented before the clock starts), in
// documents and tokens a second, and peak memory.
#include <cstdio>
#include <string>

#include "bench/bench_util.h"
#include "quotes/polnear.h"
#include "quotes/quotes.h"

int main() {
  std::vector<sitrep::Article> articles;
  for (const char* file : {"dev.jsonl", "train.jsonl"}) {
    try {
      for (auto& d : sitrep::quotes::LoadPolnear(std::string(SITREP_SHARED_DIR) + "/data/quotes/polnear/" + file))
        articles.push_back(std::move(d.article));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 1;
    }
  }
  size_t tokens = 0;
  for (const auto& a : articles) tokens += a.tokens.size();
  size_t found = 0;
  auto pass = [&] {
    found = 0;
    for (auto& a : articles) {
      sitrep::FindAttributions(a);
      found += a.attributions.size();
    }
  };
  pass();  // loads the model
  if (!sitrep::QuoteModelError().empty()) {
    std::fprintf(stderr, "%s\n", sitrep::QuoteModelError().c_str());
    return 1;
  }
  sitrep::bench::MedianRate("quotes documents", "docs", 3, [&] { pass(); return double(articles.size()); });
  sitrep::bench::MedianRate("quotes tokens", "tokens", 3, [&] { pass(); return double(tokens); });
  std::printf("%zu documents, %zu tokens, %zu attributions a pass\n", articles.size(), tokens, found);
  return 0;
}
