// Online clustering, one article at a time (single-pass, as in TDT systems):
//  1. Terms (stories/terms.h) weighted by IDF learned online: document frequencies count
//     every article seen so far, this one included.
//  2. Candidates: the article's heaviest terms look up the stories that carry them in an
//     inverted index (term → stories, newest last); only the newest `kPostingsScanned`
//     entries of a list are read, so a common term costs the same in the 100th and the
//     100,000th article. Stories outside the time window are skipped, and retired from the
//     index once the dated stream has moved past them.
//  3. Each candidate is scored against its members through their sum C (each member a unit
//     vector): dot(a, C) / sqrt(|C| · n), the geometric mean of the cosine to the centroid
//     (dot / |C|) and the mean cosine to the members (dot / n). The centroid cosine alone
//     flatters a tight story (|C| < n, so a look-alike event's article that matches every
//     member a little scores high: two boxing title fights, two Doctor Who castings); the
//     mean cosine alone is harsh on a broad story whose members each carry part of it. The
//     sum, not the best member, so one stray member cannot pull in the next event. C keeps
//     raw weights and applies the IDF of the moment, so stories formed while IDF was still
//     crude are not stuck with it.
//  4. Join the best story at `threshold` or more, else start a new one. When the article is
//     as close as `merge_threshold` to other stories too, they were one story all along:
//     they merge into the best one.
#include "stories/stories.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "stories/terms.h"

namespace sitrep {

namespace {

using stories::TermKind;
using stories::WeightedTerm;

constexpr double kDefaultThreshold = 0.20;
constexpr double kDefaultMergeMargin = 0.20;  // merge_threshold = threshold + this
constexpr int kDefaultWindowDays = 14;
constexpr size_t kArticleTerms = 128;     // an article's heaviest terms; the rest is noise
constexpr size_t kQueryTerms = 24;        // of those, the ones that look up candidates
constexpr size_t kPostingsScanned = 128;  // newest entries read from one term's list
constexpr size_t kCandidates = 24;        // stories scored exactly
constexpr size_t kCentroidTerms = 384;    // a story's heaviest terms
constexpr size_t kRetireEvery = 1024;     // articles between sweeps of stale stories
constexpr double kIdfPower = 1.5;         // IDF^1.5: rare names and numbers tell events apart
constexpr double kMinCollection = 300;    // see Idf()
constexpr size_t kShown = 5;              // shared terms and entities reported
constexpr int32_t kUndated = std::numeric_limits<int32_t>::min();

bool ByTerm(const WeightedTerm& a, const WeightedTerm& b) { return a.term < b.term; }
bool ByWeight(const WeightedTerm& a, const WeightedTerm& b) {
  return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
}

int32_t DayOf(const Article& a) {
  if (!a.published.when.known()) return kUndated;
  const int64_t s = a.published.when.UnixSeconds();
  return static_cast<int32_t>(s >= 0 ? s / 86400 : (s - 86399) / 86400);
}

struct Story {
  std::vector<WeightedTerm> centroid;  // by term: sum of members' unit raw vectors
  uint32_t size = 0;
  int32_t first_day = kUndated, last_day = kUndated;
  double norm = 0;        // |centroid ∘ idf| as of `norm_at` articles
  uint64_t norm_at = 0;   // 0: stale
  bool retired = false;   // out of the window for good: centroid freed, label kept
  std::string label;
};

}  // namespace

struct StoryClusterer::Impl {
  double threshold, merge_threshold;
  int window_days;
  stories::TermExtractor terms;
  std::vector<uint32_t> df;
  uint64_t articles = 0;
  std::vector<Story> stories;    // story id - 1
  std::vector<StoryId> parent;   // story id - 1 → the story it merged into (itself if none)
  std::vector<std::vector<StoryId>> postings;  // term → stories carrying it, oldest first
  int32_t latest_day = kUndated;
  bool retired_since_compaction = false;
  // Per-Add scratch, indexed by story id - 1.
  std::vector<float> score;
  std::vector<uint32_t> seen_at;  // last query term (+1) that counted the story
  std::vector<StoryId> touched;

  // IDF of the moment, cached per term until the collection grew by 1/64 or the term's
  // document frequency changed (a log and a pow per term and article would dominate).
  mutable std::vector<double> idf;
  mutable std::vector<uint64_t> idf_at;
  double Idf(uint32_t t) const {
    if (idf_at[t] == 0 || articles - idf_at[t] > idf_at[t] / 64) {
      // Until the collection is large, it says little about what is rare: count at least
      // kMinCollection articles, so early IDF stays nearly flat instead of erratic.
      const double n = std::max<double>(double(articles), kMinCollection);
      idf[t] = std::pow(std::log(1.0 + n / df[t]), kIdfPower);
      idf_at[t] = articles;
    }
    return idf[t];
  }
  Story& At(StoryId s) { return stories[s - 1]; }
  const Story& At(StoryId s) const { return stories[s - 1]; }
  StoryId Root(StoryId s) const {
    while (parent[s - 1] != s) s = parent[s - 1];
    return s;
  }

  bool InWindow(const Story& s, int32_t day) const {
    if (day == kUndated || s.first_day == kUndated) return true;
    return day >= s.first_day - window_days && day <= s.last_day + window_days;
  }

  std::vector<WeightedTerm> Vectorize(const Article& a);
  std::vector<StoryId> Candidates(const std::vector<WeightedTerm>& v, int32_t day);
  double Norm(Story& s);
  double Similarity(const std::vector<WeightedTerm>& v, double v_norm, Story& s);
  StoryId NewStory();
  void AddToCentroid(StoryId id, const std::vector<WeightedTerm>& unit_raw);
  void Merge(StoryId into, StoryId from);
  void Explain(const std::vector<WeightedTerm>& v, const Story& s, StoryAssignment& out) const;
  void RetireStale();
  std::string MakeLabel(const Story& s) const;
};

// Counts the article's terms into the document frequencies, then keeps its heaviest terms
// (raw weight × IDF) with their raw weights, by term.
std::vector<WeightedTerm> StoryClusterer::Impl::Vectorize(const Article& a) {
  std::vector<WeightedTerm> raw = terms.Extract(a);
  if (df.size() < terms.size()) {
    df.resize(terms.size(), 0);
    postings.resize(terms.size());
    idf.resize(terms.size(), 0);
    idf_at.resize(terms.size(), 0);
  }
  ++articles;
  for (const WeightedTerm& t : raw) {
    ++df[t.term];
    idf_at[t.term] = 0;
  }
  if (raw.size() > kArticleTerms) {
    std::vector<WeightedTerm> weighed = raw;
    for (WeightedTerm& t : weighed) t.weight = float(t.weight * Idf(t.term));
    std::nth_element(weighed.begin(), weighed.begin() + kArticleTerms, weighed.end(), ByWeight);
    weighed.resize(kArticleTerms);
    std::sort(weighed.begin(), weighed.end(), ByTerm);
    size_t k = 0;
    for (const WeightedTerm& t : raw)
      if (k < weighed.size() && weighed[k].term == t.term) weighed[k++].weight = t.weight;
    raw.swap(weighed);
  }
  return raw;
}

// Stories that share the article's heaviest terms, best first by a cheap partial score.
std::vector<StoryId> StoryClusterer::Impl::Candidates(const std::vector<WeightedTerm>& v,
                                                      int32_t day) {
  std::vector<WeightedTerm> query = v;
  for (WeightedTerm& t : query) t.weight = float(t.weight * Idf(t.term) * Idf(t.term));
  const size_t n = std::min(kQueryTerms, query.size());
  std::partial_sort(query.begin(), query.begin() + n, query.end(), ByWeight);
  touched.clear();
  for (size_t q = 0; q < n; ++q) {
    const std::vector<StoryId>& list = postings[query[q].term];
    const size_t from = list.size() > kPostingsScanned ? list.size() - kPostingsScanned : 0;
    for (size_t i = list.size(); i-- > from;) {
      const StoryId s = Root(list[i]);
      const Story& story = At(s);
      if (story.retired || !InWindow(story, day) || seen_at[s - 1] == q + 1) continue;
      if (seen_at[s - 1] == 0) touched.push_back(s);
      seen_at[s - 1] = static_cast<uint32_t>(q + 1);
      score[s - 1] += query[q].weight;
    }
  }
  const size_t keep = std::min(kCandidates, touched.size());
  std::partial_sort(touched.begin(), touched.begin() + keep, touched.end(), [&](StoryId a, StoryId b) {
    return score[a - 1] != score[b - 1] ? score[a - 1] > score[b - 1] : a < b;
  });
  std::vector<StoryId> out(touched.begin(), touched.begin() + keep);
  for (StoryId s : touched) score[s - 1] = 0, seen_at[s - 1] = 0;
  return out;
}

double StoryClusterer::Impl::Norm(Story& s) {
  // IDF drifts slowly: recompute when the collection grew by 1/32 since the last time.
  if (s.norm_at != 0 && articles - s.norm_at <= s.norm_at / 32) return s.norm;
  double sum = 0;
  for (const WeightedTerm& t : s.centroid) {
    const double w = t.weight * Idf(t.term);
    sum += w * w;
  }
  s.norm = std::sqrt(sum);
  s.norm_at = articles;
  return s.norm;
}

double StoryClusterer::Impl::Similarity(const std::vector<WeightedTerm>& v, double v_norm, Story& s) {
  double dot = 0;
  auto c = s.centroid.begin();
  for (const WeightedTerm& t : v) {
    while (c != s.centroid.end() && c->term < t.term) ++c;
    if (c == s.centroid.end()) break;
    if (c->term == t.term) {
      const double idf = Idf(t.term);
      dot += t.weight * c->weight * idf * idf;
    }
  }
  // Halfway (geometrically) between the cosine to the centroid, |C|, and the mean cosine
  // to the members, n: see the top of the file.
  const double norm = std::sqrt(Norm(s) * double(s.size));
  return norm > 0 && v_norm > 0 ? dot / (norm * v_norm) : 0;
}

StoryId StoryClusterer::Impl::NewStory() {
  stories.emplace_back();
  const auto id = static_cast<StoryId>(stories.size());
  parent.push_back(id);
  score.push_back(0);
  seen_at.push_back(0);
  return id;
}

// Adds a unit vector to the story's centroid; terms new to the story enter the index.
// A centroid over its size keeps its heaviest terms (by the IDF of the moment).
void StoryClusterer::Impl::AddToCentroid(StoryId id, const std::vector<WeightedTerm>& unit_raw) {
  Story& s = At(id);
  std::vector<WeightedTerm> sum;
  sum.reserve(s.centroid.size() + unit_raw.size());
  auto c = s.centroid.begin();
  for (const WeightedTerm& t : unit_raw) {
    while (c != s.centroid.end() && c->term < t.term) sum.push_back(*c++);
    if (c != s.centroid.end() && c->term == t.term) {
      sum.push_back({t.term, c->weight + t.weight});
      ++c;
    } else {
      sum.push_back(t);
      postings[t.term].push_back(id);
    }
  }
  sum.insert(sum.end(), c, s.centroid.end());
  if (sum.size() > kCentroidTerms) {
    std::vector<WeightedTerm> weighed = sum;
    for (WeightedTerm& t : weighed) t.weight = float(t.weight * Idf(t.term));
    std::nth_element(weighed.begin(), weighed.begin() + kCentroidTerms, weighed.end(), ByWeight);
    weighed.resize(kCentroidTerms);
    std::sort(weighed.begin(), weighed.end(), ByTerm);
    size_t k = 0;
    for (const WeightedTerm& t : sum)
      if (k < weighed.size() && weighed[k].term == t.term) weighed[k++].weight = t.weight;
    sum.swap(weighed);
  }
  s.centroid.swap(sum);
  s.norm_at = 0;
}

void StoryClusterer::Impl::Merge(StoryId into, StoryId from) {
  Story& gone = At(from);
  std::vector<WeightedTerm> centroid = std::move(gone.centroid);
  gone.centroid.clear();
  AddToCentroid(into, centroid);
  Story& s = At(into);
  s.size += gone.size;
  if (gone.first_day != kUndated) {
    s.first_day = s.first_day == kUndated ? gone.first_day : std::min(s.first_day, gone.first_day);
    s.last_day = s.last_day == kUndated ? gone.last_day : std::max(s.last_day, gone.last_day);
  }
  parent[from - 1] = into;
}

// The overlapping terms that weighed most: words in one list, names and numbers in the other.
void StoryClusterer::Impl::Explain(const std::vector<WeightedTerm>& v, const Story& s,
                                   StoryAssignment& out) const {
  std::vector<WeightedTerm> shared;
  auto c = s.centroid.begin();
  for (const WeightedTerm& t : v) {
    while (c != s.centroid.end() && c->term < t.term) ++c;
    if (c != s.centroid.end() && c->term == t.term)
      shared.push_back({t.term, float(t.weight * c->weight * Idf(t.term) * Idf(t.term))});
  }
  std::sort(shared.begin(), shared.end(), ByWeight);
  for (const WeightedTerm& t : shared) {
    auto& list = terms.Kind(t.term) == TermKind::kWord ? out.shared_terms : out.shared_entities;
    if (list.size() < kShown) list.push_back(terms.Surface(t.term));
  }
}

// A label from the story's heaviest terms: names first (they say which event), a full name
// instead of its parts, numbers last (a bare "13500" reads poorly).
std::string StoryClusterer::Impl::MakeLabel(const Story& s) const {
  std::vector<WeightedTerm> ranked;
  for (const WeightedTerm& t : s.centroid) {
    const TermKind kind = terms.Kind(t.term);
    const double bonus = kind == TermKind::kName ? 1.5 : kind == TermKind::kNumber ? 0.5 : 1.0;
    ranked.push_back({t.term, float(t.weight * Idf(t.term) * bonus)});
  }
  std::sort(ranked.begin(), ranked.end(), ByWeight);
  std::vector<std::string> chosen;
  auto lower = [](std::string x) {
    for (char& ch : x) ch = (ch >= 'A' && ch <= 'Z') ? char(ch + 32) : ch;
    return x;
  };
  for (const WeightedTerm& t : ranked) {
    if (chosen.size() == 4) break;
    const std::string surface = terms.Surface(t.term);
    const std::string key = lower(surface);
    bool skip = false;
    for (std::string& c : chosen) {
      const std::string ck = lower(c);
      if (ck.find(key) != std::string::npos) skip = true;  // "Reid" within "Tara Reid"
      else if (key.find(ck) != std::string::npos) c = surface, skip = true;
    }
    if (!skip) chosen.push_back(surface);
  }
  // A full name may now stand twice, once for each part it replaced.
  std::vector<std::string> unique;
  for (const std::string& c : chosen)
    if (std::find(unique.begin(), unique.end(), c) == unique.end()) unique.push_back(c);
  std::string label;
  for (const std::string& c : unique) label += (label.empty() ? "" : " ") + c;
  return label;
}

// Once a dated stream has moved a window past a story, no article can join it: its
// centroid is freed (the label kept) and the index forgets it.
void StoryClusterer::Impl::RetireStale() {
  if (latest_day == kUndated) return;
  for (Story& s : stories) {
    if (s.retired || s.last_day == kUndated || s.last_day + window_days >= latest_day) continue;
    s.label = MakeLabel(s);
    s.retired = true;
    std::vector<WeightedTerm>().swap(s.centroid);
    retired_since_compaction = true;
  }
  if (!retired_since_compaction) return;
  for (std::vector<StoryId>& list : postings)
    std::erase_if(list, [&](StoryId id) { return parent[id - 1] != id || At(id).retired; });
  retired_since_compaction = false;
}

StoryClusterer::StoryClusterer(StoryOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.threshold = options.threshold > 0 ? options.threshold : kDefaultThreshold;
  m.merge_threshold =
      options.merge_threshold > 0 ? options.merge_threshold : m.threshold + kDefaultMergeMargin;
  m.window_days = options.window_days > 0 ? options.window_days : kDefaultWindowDays;
}

StoryClusterer::~StoryClusterer() = default;

StoryAssignment StoryClusterer::Add(const Article& article) {
  Impl& m = *impl_;
  std::vector<WeightedTerm> v = m.Vectorize(article);
  const int32_t day = DayOf(article);
  if (day != kUndated) m.latest_day = std::max(m.latest_day, day);

  double v_norm = 0;
  for (const WeightedTerm& t : v) {
    const double w = t.weight * m.Idf(t.term);
    v_norm += w * w;
  }
  v_norm = std::sqrt(v_norm);

  StoryAssignment out;
  out.threshold = m.threshold;
  StoryId best = 0;
  std::vector<std::pair<double, StoryId>> close;  // at or over the merge threshold
  for (StoryId s : m.Candidates(v, day)) {
    const double sim = m.Similarity(v, v_norm, m.At(s));
    if (sim > out.similarity || (sim == out.similarity && best != 0 && s < best)) {
      out.similarity = sim;
      best = s;
    }
    if (sim >= m.merge_threshold) close.push_back({sim, s});
  }
  if (best != 0 && out.similarity >= m.threshold) {
    out.story = best;
    m.Explain(v, m.At(best), out);
    std::sort(close.begin(), close.end(),
              [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (const auto& [sim, s] : close)
      if (s != best) {
        m.Merge(best, s);
        out.merged.push_back(s);
      }
  } else {
    out.story = m.NewStory();
    out.new_story = true;
    out.similarity = 0;
  }
  // Unit length (with the IDF of the moment), so every member counts once in the mean.
  if (v_norm > 0)
    for (WeightedTerm& t : v) t.weight = float(t.weight / v_norm);
  m.AddToCentroid(out.story, v);
  Story& story = m.At(out.story);
  ++story.size;
  if (day != kUndated) {
    story.first_day = story.first_day == kUndated ? day : std::min(story.first_day, day);
    story.last_day = story.last_day == kUndated ? day : std::max(story.last_day, day);
  }
  if (m.articles % kRetireEvery == 0) m.RetireStale();
  return out;
}

StoryId StoryClusterer::Resolve(StoryId story) const {
  if (story == 0 || story > impl_->parent.size()) return story;
  return impl_->Root(story);
}

std::string StoryClusterer::Label(StoryId story) const {
  const StoryId s = Resolve(story);
  if (s == 0 || s > impl_->stories.size()) return "";
  const Story& st = impl_->At(s);
  return st.retired ? st.label : impl_->MakeLabel(st);
}

size_t StoryClusterer::size() const { return impl_->articles; }

}  // namespace sitrep
