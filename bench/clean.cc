// The whole text path, Clean + Segment, over the Reuters-21578 corpus (one JSON object a
// line: id, date, title, text). Prints articles/s, tokens/s and peak memory.
//   bench_clean [path.jsonl] [repeats]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "article.h"
#include "clean/clean.h"
#include "text/segment.h"

int main(int argc, char** argv) {
  const std::string path =
      argc > 1 ? argv[1] : std::string(SITREP_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl";
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 1;
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 1;
  }
  // Parsing the JSON is the reader's cost, not the text path's: done before the clock starts.
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.contains("text") || !record["text"].is_string()) continue;
    texts.push_back(record["text"].get<std::string>());
    bytes += texts.back().size();
  }
  size_t tokens = 0, sentences = 0, articles = 0;
  double clean_seconds = 0;  // the share of Clean in the total; the rest is Segment
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  for (int r = 0; r < repeats; ++r) {
    for (const std::string& text : texts) {
      const auto t0 = Clock::now();
      sitrep::CleanText clean = sitrep::Clean(text);
      clean_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
      sitrep::Article article;
      article.text = std::move(clean.text);
      article.paragraphs = std::move(clean.paragraphs);
      sitrep::Segment(article);
      tokens += article.tokens.size();
      sentences += article.sentences.size();
      ++articles;
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("articles: %zu (%.1f MB), sentences: %zu, tokens: %zu\n", articles,
              bytes * repeats / 1e6, sentences, tokens);
  std::printf("time: %.3f s (Clean %.3f s, Segment %.3f s; Segment alone: %.0f tokens/s)\n",
              seconds, clean_seconds, seconds - clean_seconds, tokens / (seconds - clean_seconds));
  std::printf("articles/s: %.0f\ntokens/s: %.0f\nMB/s: %.2f\npeak RSS: %.1f MB\n",
              articles / seconds, tokens / seconds, bytes * repeats / 1e6 / seconds,
              usage.ru_maxrss / 1024.0);
  return 0;
}
