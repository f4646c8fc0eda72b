// Entity tagging speed on one core: both passes over CoNLL-2003 eng.testa (its tokens), and
// TagMentions over Reuters-21578 articles (our own tokens), in tokens a second; peak memory.
#include <time.h>

#include <cstdio>
#include <string>

#include "bench/bench_util.h"
#include "ner/conll.h"
#include "ner/ner.h"

// On a shared machine wall-clock rates measure the neighbours too: this is the rate per
// second of this thread's CPU time, i.e. what one core does.
template <typename F>
void CpuRate(const char* what, int runs, F work) {
  std::vector<double> rates;
  for (int i = 0; i < runs; ++i) {
    double start = sitrep::bench::ThreadCpuSeconds();
    double items = work();
    rates.push_back(items / (sitrep::bench::ThreadCpuSeconds() - start));
  }
  std::printf("%-28s %10.0f tokens per CPU-second (median of %d)\n", what,
              sitrep::bench::Median(rates), runs);
}

int main(int argc, char** argv) {
  using namespace sitrep;
  const std::string model_path = argc > 1 ? argv[1] : ner::DefaultModelPath();
  ner::NerModel model;
  std::vector<ner::ConllDocument> docs;
  try {
    model = ner::NerModel::Load(model_path);
    docs = ner::ReadConll(SITREP_SHARED_DIR "/data/ner/conll2003/eng.testa");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_ner: %s\n", e.what());
    return 1;
  }
  std::vector<std::vector<std::vector<std::string>>> sentences;
  size_t tokens = 0;
  for (const auto& d : docs) {
    sentences.emplace_back();
    for (const auto& s : d.sentences) {
      sentences.back().push_back(s.words);
      tokens += s.words.size();
    }
  }
  size_t tagged = 0;
  auto testa = [&] {
    for (const auto& d : sentences) tagged += ner::TagSentences(model, d).size();
    return double(tokens);
  };
  bench::MedianRate("ner eng.testa", "tokens", 3, testa);
  CpuRate("ner eng.testa", 3, testa);

  auto articles = bench::BuildArticles(SITREP_SHARED_DIR "/corpora/reuters21578/reuters21578.jsonl");
  if (articles.size() > 5000) articles.resize(5000);
  size_t article_tokens = 0, mentions = 0;
  for (const auto& a : articles) article_tokens += a.tokens.size();
  auto reuters = [&] {
    mentions = 0;
    for (auto& a : articles) {
      ner::TagMentions(model, a);
      mentions += a.mentions.size();
    }
    return double(article_tokens);
  };
  bench::MedianRate("ner TagMentions (Reuters)", "tokens", 3, reuters);
  CpuRate("ner TagMentions (Reuters)", 3, reuters);
  std::printf("%zu CoNLL tokens; %zu articles, %zu tokens, %zu mentions a pass\n", tokens,
              articles.size(), article_tokens, mentions);
  return 0;
}
