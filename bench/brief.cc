// Story-level speed: claims and whole briefs (identity, speakers, summary, claims, timeline)
// over the ECB+ articles, analysed as ingest does (entities, quotes, times) before the clock
// starts, each topic one story of about 23 articles. Articles a second and peak memory.
#include <cstdio>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "bench/bench_util.h"
#include "brief/brief.h"
#include "claims/claims.h"
#include "pipeline/analyse.h"

int main() {
  const std::string path = SITREP_SHARED_DIR "/data/clustering/ecbplus.jsonl";
  std::ifstream in(path);
  std::map<std::string, sitrep::StoryArticles> stories;
  const sitrep::Analyser& analyser = sitrep::Analyser::Shared();
  size_t articles = 0;
  for (std::string line; std::getline(in, line);) {
    auto row = nlohmann::json::parse(line, nullptr, false);
    if (!row.is_object()) continue;
    sitrep::Document doc;
    doc.container = "jsonl";
    doc.body = row.value("text", "");
    sitrep::Article a = sitrep::BuildArticle(std::move(doc));
    analyser.Analyse(a);
    auto& story = stories[row["topic"].dump()];
    story.articles.push_back(std::move(a));
    story.upstream.push_back("");
    ++articles;
  }
  if (articles == 0) {
    std::fprintf(stderr, "no articles in %s\n", path.c_str());
    return 1;
  }
  std::printf("%zu articles in %zu stories, analysed before timing\n", articles, stories.size());
  sitrep::bench::MedianRate("claims", "articles", 3, [&] {
    size_t claims = 0;
    for (const auto& [topic, story] : stories) claims += sitrep::claims::FindClaims(story).size();
    return claims > 0 ? double(articles) : 0.0;
  });
  sitrep::bench::MedianRate("briefs", "articles", 3, [&] {
    size_t lines = 0;
    for (const auto& [topic, story] : stories) lines += sitrep::brief::BuildBrief(story).summary.size();
    return lines > 0 ? double(articles) : 0.0;
  });
  return 0;
}
