// Identity speed: the name matchers (names analysed and pairs scored a second, on the
// toponym pairs; the place matcher with and without analysis) and resolution (mentions a second over invented stories of growing size,
// to show the cost stays linear in mentions), with peak memory.
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "entities/identity.h"
#include "entities/names.h"
#include "entities/place_model.h"

namespace {

std::vector<std::pair<std::string, std::string>> LoadPairs() {
  std::ifstream in(SITREP_SHARED_DIR "/data/names/toponym_pairs_test.tsv");
  std::vector<std::pair<std::string, std::string>> out;
  for (std::string line; std::getline(in, line);) {
    std::istringstream cols(line);
    std::string a, b;
    if (std::getline(cols, a, '\t') && std::getline(cols, b, '\t')) out.emplace_back(a, b);
  }
  return out;
}

// A story of `n_articles` articles, each naming people (full names, surnames, spelling
// variants), organisations and a role, drawn from a cast that grows with the story.
std::vector<sitrep::Article> InventedStory(size_t n_articles, std::mt19937& rng) {
  const char* given[] = {"Andriy", "Olena", "Petro", "Iryna", "Mykola", "Oksana", "Taras",
                         "Marta", "Bohdan", "Yuliya", "Ivan", "Sofiya", "Roman", "Daryna"};
  const char* syll[] = {"ko", "val", "chen", "ren", "mar", "tyn", "hry", "shy", "lo", "bor",
                        "da", "nyk", "sen", "ruk", "pol", "zar", "vy", "tem", "kus", "ly"};
  const char* ends[] = {"enko", "uk", "yshyn", "ov", "ych", "ak"};
  size_t cast = 20 + n_articles / 2;
  std::vector<std::string> first(cast), last(cast);
  for (size_t i = 0; i < cast; ++i) {
    first[i] = given[rng() % std::size(given)];
    std::string s = syll[rng() % std::size(syll)];
    s += syll[rng() % std::size(syll)];
    s += ends[rng() % std::size(ends)];
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
    last[i] = s;
  }
  std::vector<sitrep::Article> out(n_articles);
  for (size_t a = 0; a < n_articles; ++a) {
    auto& art = out[a];
    art.id = "a" + std::to_string(a);
    for (int k = 0; k < 30; ++k) {
      size_t p = rng() % cast;
      std::string name;
      switch (rng() % 4) {
        case 0: name = first[p] + " " + last[p]; break;
        case 1: name = last[p]; break;
        case 2: {  // a romanisation variant: y → i
          name = first[p] + " " + last[p];
          for (char& c : name) if (c == 'y') c = 'i';
          break;
        }
        default: name = "Harbour Council of " + last[p]; break;
      }
      if (rng() % 5 == 0) art.text += "The spokesman of the council, ";
      uint32_t b = static_cast<uint32_t>(art.text.size());
      art.text += name;
      auto type = name.starts_with("Harbour") ? sitrep::EntityType::kOrganisation
                                              : sitrep::EntityType::kPerson;
      art.mentions.push_back({{b, static_cast<uint32_t>(art.text.size())}, type, ""});
      art.text += " said the storm damaged the pier. ";
    }
  }
  return out;
}

}  // namespace

int main() {
  auto pairs = LoadPairs();
  if (pairs.empty()) {
    std::fprintf(stderr, "no pairs in ../shared/data/names/toponym_pairs_test.tsv\n");
    return 1;
  }
  using sitrep::bench::MedianRate;
  double sink = 0;
  MedianRate("names analysed", "names", 5, [&] {
    for (const auto& [a, b] : pairs) sink += sitrep::names::Analyse(a).joined.size() +
                                             sitrep::names::Analyse(b).joined.size();
    return double(2 * pairs.size());
  });
  std::vector<sitrep::names::NameForm> fa, fb;
  for (const auto& [a, b] : pairs) {
    fa.push_back(sitrep::names::Analyse(a));
    fb.push_back(sitrep::names::Analyse(b));
  }
  MedianRate("pairs scored (analysed once)", "pairs", 5, [&] {
    for (size_t i = 0; i < fa.size(); ++i) sink += sitrep::names::NameSimilarity(fa[i], fb[i]);
    return double(fa.size());
  });
  if (!sitrep::names::DefaultPlaceModel()) {
    std::fprintf(stderr, "%s\n", sitrep::names::PlaceModelError().c_str());
    return 1;
  }
  MedianRate("place pairs scored (features + trees, analysed once)", "pairs", 5, [&] {
    for (size_t i = 0; i < fa.size(); ++i) sink += sitrep::names::PlaceNameSimilarity(fa[i], fb[i]);
    return double(fa.size());
  });
  MedianRate("place pairs scored (analysis included)", "pairs", 5, [&] {
    for (const auto& [a, b] : pairs) sink += sitrep::names::PlaceNameSimilarity(a, b);
    return double(pairs.size());
  });
  for (size_t n : {100, 1000, 10000}) {
    std::mt19937 rng(7);
    auto story = InventedStory(n, rng);
    size_t mentions = 0;
    for (const auto& a : story) mentions += a.mentions.size();
    std::string label = "resolve, " + std::to_string(mentions) + " mentions";
    size_t entities = 0;
    MedianRate(label.c_str(), "mentions", 3, [&] {
      auto copy = story;
      entities = sitrep::ResolveEntities(copy).size();
      return double(mentions);
    });
    std::printf("  %zu articles, %zu entities\n", n, entities);
  }
  std::printf("(checksum %.0f)\n", sink);
  return 0;
}
