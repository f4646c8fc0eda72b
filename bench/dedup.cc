// Copies over the Reuters-21578 corpus (one JSON object a line: id, date, title, text):
// CopyIndex::Add for the first 1k, 2k, 5k, 10k and all articles, in order. Prints
// articles/s a size (median of --runs, default 3; it should stay flat), the same by this
// thread's CPU time (steadier on a shared machine), the copies and passages found, memory.
//   bench_dedup [path.jsonl] [--runs N] [--sample N] [--dump FILE]
// --sample prints N passages and N copies to judge; --dump writes every finding over the
// whole corpus, one line an article, so a faster version can be checked to find the same.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench/bench_util.h"
#include "dedup/copies.h"
#include "pipeline/pipeline.h"

namespace {

std::string Clip(std::string_view s, size_t n) {
  std::string out(s.substr(0, n));
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

struct Tally {
  size_t copies = 0, relinked = 0, passages = 0, with_passages = 0;
};

// Prints every `stride`-th copy and passage, so a person can judge them.
void PrintSample(const std::vector<sitrep::Article>& articles,
                 const std::vector<sitrep::CopyIndex::Found>& found, size_t n) {
  std::unordered_map<std::string, const sitrep::Article*> by_id;
  for (const auto& a : articles) by_id[a.id] = &a;
  size_t total = 0;
  for (const auto& f : found) total += f.passages.size();
  const size_t stride = std::max<size_t>(1, total / std::max<size_t>(1, n));
  size_t k = 0;
  for (size_t i = 0; i < found.size(); ++i)
    for (const auto& p : found[i].passages)
      if (k++ % stride == 0)
        std::printf("passage %.2f\n  %s: %s\n  %s: %s\n", p.similarity,
                    articles[i].origin.c_str(), Clip(articles[i].Text(p.here), 240).c_str(),
                    by_id[p.other]->origin.c_str(), Clip(by_id[p.other]->Text(p.there), 240).c_str());
  k = 0;
  for (size_t i = 0; i < found.size(); ++i)
    if (found[i].copy_of && found[i].copy_of->similarity < 1 && k++ < n)
      std::printf("copy %.2f\n  %s: %s\n  %s: %s\n", found[i].copy_of->similarity,
                  articles[i].origin.c_str(), Clip(articles[i].text, 240).c_str(),
                  by_id[found[i].copy_of->upstream]->origin.c_str(),
                  Clip(by_id[found[i].copy_of->upstream]->text, 240).c_str());
}

// One line an article: its copy link, relinks and passages, with spans and similarities.
void Dump(const std::vector<sitrep::Article>& articles,
          const std::vector<sitrep::CopyIndex::Found>& found, const std::string& path) {
  FILE* out = std::fopen(path.c_str(), "w");
  if (!out) return;
  for (size_t i = 0; i < found.size(); ++i) {
    const auto& f = found[i];
    std::fprintf(out, "%s", articles[i].id.c_str());
    if (f.copy_of)
      std::fprintf(out, " copy %s %.6f", f.copy_of->upstream.c_str(), f.copy_of->similarity);
    for (const auto& l : f.relinked)
      std::fprintf(out, " relink %s %s %.6f", l.copy.c_str(), l.of.upstream.c_str(),
                   l.of.similarity);
    for (const auto& p : f.passages)
      std::fprintf(out, " passage %u-%u %s %u-%u %.6f", p.here.begin, p.here.end, p.other.c_str(),
                   p.there.begin, p.there.end, p.similarity);
    std::fprintf(out, "\n");
  }
  std::fclose(out);
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(SITREP_SHARED_DIR) + "/corpora/reuters21578/reuters21578.jsonl";
  size_t sample = 0;
  int runs = 3;
  std::string dump;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--sample") && i + 1 < argc) sample = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--dump") && i + 1 < argc) dump = argv[++i];
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
      runs = std::max(1, std::atoi(argv[++i]));
    else path = argv[i];
  }
  const std::vector<sitrep::Article> articles = sitrep::bench::BuildArticles(path);
  if (articles.empty()) {
    std::fprintf(stderr, "no articles in %s\n", path.c_str());
    return 1;
  }
  // No URL and the same clean text give the same id: the store keeps one, and so does Add.
  std::unordered_set<std::string> ids;
  for (const auto& a : articles) ids.insert(a.id);
  std::printf("articles: %zu (%zu repeat an earlier id), RSS with them loaded: %.0f MiB\n",
              articles.size(), articles.size() - ids.size(), sitrep::bench::PeakRssMiB());
  std::vector<sitrep::CopyIndex::Found> last;
  for (size_t n : {size_t(1000), size_t(2000), size_t(5000), size_t(10000), articles.size()}) {
    n = std::min(n, articles.size());
    std::vector<sitrep::CopyIndex::Found> found;
    std::vector<double> wall, cpu;
    for (int run = 0; run < runs; ++run) {
      sitrep::CopyIndex index;
      found.clear();
      found.reserve(n);
      const auto start = std::chrono::steady_clock::now();
      const double cpu_start = sitrep::bench::ThreadCpuSeconds();
      for (size_t i = 0; i < n; ++i) found.push_back(index.Add(articles[i]));
      cpu.push_back(sitrep::bench::ThreadCpuSeconds() - cpu_start);
      const auto end = std::chrono::steady_clock::now();
      wall.push_back(std::chrono::duration<double>(end - start).count());
    }
    const double s = sitrep::bench::Median(wall);
    Tally t;
    for (const auto& f : found) {
      t.copies += f.copy_of.has_value();
      t.relinked += f.relinked.size();
      t.passages += f.passages.size();
      t.with_passages += !f.passages.empty();
    }
    std::printf("%6zu articles: %6.0f articles/s (by CPU time %6.0f/s)  copies %4zu "
                "(relinked %zu)  passages %5zu (in %zu articles)  peak RSS %.0f MiB\n",
                n, n / s, n / sitrep::bench::Median(cpu), t.copies, t.relinked, t.passages,
                t.with_passages, sitrep::bench::PeakRssMiB());
    if (n == articles.size()) last = std::move(found);
  }
  if (sample) PrintSample(articles, last, sample);
  if (!dump.empty()) Dump(articles, last, dump);
  return 0;
}
