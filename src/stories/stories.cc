// Online clustering, one article at a time (single-pass, as in TDT systems):
//  1. Terms (stories/terms.h) weighted by IDF learned online: document frequencies count
//     every article seen so far, this one included.
//  2. Candidates: the article's heaviest terms among those some story carries (a term new
//     to the collection can find none) look up the stories that carry them in an
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
//  5. Split checks: a look-alike event (the same boxer's next fight) can join a story at the
//     similarity of a true join, and its later articles follow. So each active story keeps
//     its newest members' vectors, and every few additions the best cut of them in arrival
//     order, refined by 2-means, is tested: when members across the cut are much less alike
//     than members within each side (less so if their years disagree, or each side has
//     names frequent on it and absent from the other: another opponent, actor), the newer side
//     leaves as a new story, its earlier articles reported in `moved`.
#include "stories/stories.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "stories/terms.h"
#include "util/strings.h"

namespace sitrep {

namespace {

using stories::TermKind;
using stories::WeightedTerm;

// Measured with every candidate found (see Candidates), ECB+ B-cubed F1 / GVA pairwise F1:
// 0.13 → 0.936/0.681, 0.15 → 0.926/0.694, 0.16 → 0.920/0.699, 0.18 → 0.919/0.689,
// 0.20 → 0.907/0.680. Both sets gain down to 0.16; 0.15 keeps a margin on the harder one.
constexpr double kDefaultThreshold = 0.15;
constexpr double kDefaultMergeMargin = 0.20;  // merge_threshold = threshold + this
constexpr int kDefaultWindowDays = 14;
constexpr size_t kArticleTerms = 128;     // an article's heaviest terms; the rest is noise
// Of those, the ones that look up candidates. Checked against an exhaustive search over
// every story in the window (Reuters, 19k articles): the candidates hold the best story in
// 98.1% of joins with 24 query terms and 98.2% with 16, and the ECB+ and GVA scores are the
// same with 12, 16 or 24; 16 reads a third fewer postings (flatter cost per article).
constexpr size_t kQueryTerms = 16;
constexpr size_t kPostingsScanned = 128;  // newest entries read from one term's list
constexpr size_t kCandidates = 24;        // stories scored exactly
constexpr size_t kCentroidTerms = 384;    // a story's heaviest terms
constexpr size_t kRetireEvery = 1024;     // articles between sweeps of stale stories
constexpr double kIdfPower = 1.5;         // IDF^1.5: rare names and numbers tell events apart
constexpr double kMinCollection = 300;    // see Idf()
constexpr size_t kShown = 5;              // shared terms and entities reported
constexpr int32_t kUndated = std::numeric_limits<int32_t>::min();
// Split checks (see SplitCheck). Sensitivity on ECB+ B-cubed F1 / GVA pairwise F1, measured
// with the join threshold at 0.20 and before the candidate fix:
// kSplitRatio 0.35-0.45 moves them by 0.003 at most; kSplitRatioYears
// 0.65 → 0.902/0.676, 0.75 → 0.895/0.672 (more false splits), 0.85 → 0.875/0.670
// (measured with kSplitEvery 4; with 8, the default, 0.901/0.679).
constexpr size_t kTracked = 64;          // newest members whose vectors a story keeps
constexpr uint32_t kSplitMinSize = 4;    // smaller stories are not checked
constexpr uint32_t kSplitEvery = 8;      // check at every 8th member (4: +0.001 ECB+, 5% slower)
constexpr size_t kSplitMinSide = 2;      // one article is the join decision, not a split
constexpr int kSplitIterations = 5;      // 2-means rounds; it settles in two or three
constexpr double kSplitRatio = 0.40;     // across / within similarity under which to split
constexpr double kSplitRatioYears = 0.65;  // ... when the sides' years disagree
constexpr size_t kYearPairs = 4;         // cross pairs with years needed to call them apart
constexpr double kYearAgreement = 0.10;  // at most this share of them naming the same year
// Names (NamesDisagree), ECB+ B-cubed F1 / GVA pairwise F1 (0.9006/0.679 without; measured
// as the split checks above):
// kSplitRatioNames 0.50-0.65 → 0.904/0.679; kNameShared 0.1-0.5 → 0.902-0.904, 1.0 → 0.896;
// kNameShare 0.3 → 0.901, 0.5 → 0.904; kNameAbsent 0-0.2 and kNameMin 1-2 change nothing.
constexpr double kSplitRatioNames = 0.55;  // ... when their distinctive names disagree
constexpr double kNameShare = 0.40;   // a side's name: in this share of its members
constexpr double kNameAbsent = 0.10;  // ... and in at most this share of the other side's
constexpr size_t kNameMin = 1;        // distinctive names each side needs
constexpr double kNameShared = 0.25;  // names frequent on both: at most this × distinctive ones

// Function objects, not functions, so the sorts inline them.
struct {
  bool operator()(const WeightedTerm& a, const WeightedTerm& b) const { return a.term < b.term; }
} constexpr ByTerm;
struct {
  bool operator()(const WeightedTerm& a, const WeightedTerm& b) const {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  }
} constexpr ByWeight;

int32_t DayOf(const Article& a) {
  if (!a.published.stated()) return kUndated;
  const int64_t s = a.published.when.UnixSeconds();
  return static_cast<int32_t>(s >= 0 ? s / 86400 : (s - 86399) / 86400);
}

// All that Candidates reads of the many stories it passes over, in one compact table (by
// story id - 1): a scan of the index touches one small entry a story, not a Story.
struct Reach {
  StoryId parent = 0;  // the story it merged into, itself if none
  int32_t first_day = kUndated, last_day = kUndated;
  uint32_t seen_at = 0;  // Candidates' scratch: last query term (+1) that counted the story
  float score = 0;       // Candidates' scratch: its partial score
  bool retired = false;  // out of the window for good: centroid freed, label kept
  void Extend(int32_t day) {
    if (day == kUndated) return;
    first_day = first_day == kUndated ? day : std::min(first_day, day);
    last_day = last_day == kUndated ? day : std::max(last_day, day);
  }
};

struct Story {
  uint32_t size = 0;
  std::vector<WeightedTerm> centroid;  // by term: sum of members' unit raw vectors
  std::vector<uint32_t> tracked;       // arrivals whose vectors are kept, oldest first
  double norm = 0;        // |centroid ∘ idf| as of `norm_at` articles
  uint64_t norm_at = 0;   // 0: stale
  std::string label;
};

// What a split check needs of an article while its story may still split.
struct Member {
  std::vector<WeightedTerm> unit;  // as added to the centroid; freed once untracked
  std::string id;
  int32_t day = kUndated;
  int year = 0;  // the latest year the text mentions, 0 if none
};

}  // namespace

struct StoryClusterer::Impl {
  double threshold, merge_threshold;
  int window_days;
  stories::TermExtractor terms;
  uint64_t articles = 0;
  std::vector<Story> stories;    // story id - 1
  std::vector<Reach> reach;      // story id - 1
  std::vector<std::vector<StoryId>> postings;  // term → stories carrying it, oldest first
  int32_t latest_day = kUndated;
  bool retired_since_compaction = false;
  // Per-Add scratch.
  std::vector<StoryId> touched;
  std::vector<std::pair<float, StoryId>> scored;  // Candidates' scratch
  std::vector<uint32_t> slot;  // by term: index + 1 in the article's vector, 0 if absent
  std::vector<double> v_idf;   // by index in the article's vector: its IDF
  std::vector<uint64_t> in_v;  // bit per term: in the article's vector (a compact `slot`)
  // Split checks: every arrival's story (resolve with Root), tracked members' vectors, and
  // two dense accumulators (by term) for the 2-means.
  std::vector<StoryId> placed;
  std::vector<Member> members;
  std::vector<int16_t> term_year;  // by term: the year a number term names, 0 none, -1 unknown
  std::vector<float> dense[2];
  std::vector<uint32_t> dense_terms[2];

  // By term: its document frequency and the IDF of the moment, cached until the collection
  // grew by 1/64 or the term's document frequency changed (a log and a pow per term and
  // article would dominate). One 16-byte entry a term, so a look-up costs one cache line:
  // the clusterer asks for the IDF of every term of every candidate story.
  struct TermStat {
    double idf = 0;
    uint32_t idf_at = 0;  // articles seen when `idf` was computed (< 2^32); 0: stale
    uint32_t df = 0;
  };
  mutable std::vector<TermStat> stat;
  // Loops over a story's terms ask for their entries this many terms ahead.
  static constexpr size_t kStatAhead = 8;
  void PrefetchStat(uint32_t t) const { __builtin_prefetch(&stat[t]); }
  size_t vocabulary() const { return stat.size(); }
  static constexpr uint32_t kIdfMemo = 256;
  mutable std::vector<double> idf_memo = std::vector<double>(kIdfMemo, 0);
  mutable std::vector<uint64_t> idf_memo_at = std::vector<uint64_t>(kIdfMemo, UINT64_MAX);
  double Idf(uint32_t t) const {
    TermStat& e = stat[t];
    if (e.idf_at == 0 || articles - e.idf_at > e.idf_at / 64) {
      // Until the collection is large, it says little about what is rare: count at least
      // kMinCollection articles, so early IDF stays nearly flat instead of erratic.
      // A function of (articles, df) alone: memoised per df for the current collection size,
      // since many terms share a small df.
      const uint32_t d = e.df;
      if (d < kIdfMemo) {
        if (idf_memo_at[d] != articles) {
          const double n = std::max<double>(double(articles), kMinCollection);
          idf_memo[d] = std::pow(std::log(1.0 + n / d), kIdfPower);
          idf_memo_at[d] = articles;
        }
        e.idf = idf_memo[d];
      } else {
        const double n = std::max<double>(double(articles), kMinCollection);
        e.idf = std::pow(std::log(1.0 + n / d), kIdfPower);
      }
      e.idf_at = static_cast<uint32_t>(articles);
    }
    return e.idf;
  }
  // Asks for a story's centroid to be brought into the cache.
  static void Prefetch(const Story& s) {
    const char* p = reinterpret_cast<const char*>(s.centroid.data());
    const size_t bytes = s.centroid.size() * sizeof(WeightedTerm);
    for (size_t off = 0; off < bytes; off += 64) __builtin_prefetch(p + off);
  }
  Story& At(StoryId s) { return stories[s - 1]; }
  const Story& At(StoryId s) const { return stories[s - 1]; }
  StoryId Root(StoryId s) const {
    while (reach[s - 1].parent != s) s = reach[s - 1].parent;
    return s;
  }

  bool InWindow(const Reach& s, int32_t day) const {
    if (day == kUndated || s.first_day == kUndated) return true;
    return day >= s.first_day - window_days && day <= s.last_day + window_days;
  }

  std::vector<WeightedTerm> Vectorize(const Article& a, int* year);
  void KeepHeaviest(std::vector<WeightedTerm>& v, size_t k);
  std::vector<WeightedTerm> weighed, ranked;  // KeepHeaviest's scratch
  int YearOf(uint32_t term);
  std::vector<StoryId> Candidates(const std::vector<WeightedTerm>& v, int32_t day);
  double Norm(Story& s);
  double Similarity(const std::vector<WeightedTerm>& v, double v_norm, Story& s);
  StoryId NewStory();
  void AddToCentroid(StoryId id, const std::vector<WeightedTerm>& unit_raw);
  void Merge(StoryId into, StoryId from);
  void Explain(const std::vector<WeightedTerm>& v, const Story& s, StoryAssignment& out) const;
  void RetireStale();
  void Track(StoryId id, uint32_t arrival);
  void Untrack(Story& s, size_t keep);
  bool SplitCheck(StoryId id, StoryAssignment& out, uint32_t arrival);
  bool YearsDisagree(const std::vector<uint32_t>& tracked, const std::vector<int>& side) const;
  bool NamesDisagree(const std::vector<uint32_t>& tracked, const std::vector<int>& side) const;
  std::vector<std::vector<WeightedTerm>> Weighted(const std::vector<uint32_t>& tracked);
  void Accumulate(int k, const std::vector<std::vector<WeightedTerm>>& x,
                  const std::vector<int>& side);
  double Dot(int k, const std::vector<WeightedTerm>& x) const;
  double DenseNorm(int k) const;
  std::vector<int> ChangePoint(const std::vector<std::vector<WeightedTerm>>& x, size_t min_side);
  static double Ratio(double aa, double bb, double ab, size_t n0, size_t n1);
  void Refine(const std::vector<std::vector<WeightedTerm>>& x, std::vector<int>& side, int rounds);
  void MoveOut(StoryId from, StoryId to, const std::vector<uint32_t>& moving);
  std::string MakeLabel(const Story& s) const;
};

// Counts the article's terms into the document frequencies, then keeps its heaviest terms
// (raw weight × IDF) with their raw weights, by term.
// `*year`: the latest year among all its terms (0 if none), read before the cut.
std::vector<WeightedTerm> StoryClusterer::Impl::Vectorize(const Article& a, int* year) {
  std::vector<WeightedTerm> raw = terms.Extract(a);
  if (stat.size() < terms.size()) {
    stat.resize(terms.size());
    postings.resize(terms.size());
    term_year.resize(terms.size(), -1);
  }
  ++articles;
  *year = 0;
  for (const WeightedTerm& t : raw) {
    ++stat[t.term].df;
    stat[t.term].idf_at = 0;
    *year = std::max(*year, YearOf(t.term));
  }
  KeepHeaviest(raw, kArticleTerms);
  return raw;
}

// Keeps the `k` terms heaviest by raw weight × IDF of the moment, in term order, with their
// raw weights. The k+1-th heaviest is found by selection (ByWeight is a total order: ties
// go by term), and the terms ranked before it are the ones kept: no sort.
void StoryClusterer::Impl::KeepHeaviest(std::vector<WeightedTerm>& v, size_t k) {
  if (v.size() <= k) return;
  weighed.resize(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (i + kStatAhead < v.size()) PrefetchStat(v[i + kStatAhead].term);
    weighed[i] = {v[i].term, float(v[i].weight * Idf(v[i].term))};
  }
  ranked.assign(weighed.begin(), weighed.end());
  std::nth_element(ranked.begin(), ranked.begin() + k, ranked.end(), ByWeight);
  const WeightedTerm first_dropped = ranked[k];
  size_t kept = 0;
  for (size_t i = 0; i < v.size(); ++i)
    if (ByWeight(weighed[i], first_dropped)) v[kept++] = v[i];
  v.resize(kept);
}

// A number term written as a plausible year ("2008"), else 0; cached by term.
int StoryClusterer::Impl::YearOf(uint32_t term) {
  if (term_year[term] < 0) {
    term_year[term] = 0;
    const std::string& s = terms.Surface(term);
    if (terms.Kind(term) == TermKind::kNumber && s.size() == 4 &&
        std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const int y = std::stoi(s);
      if (y >= 1900 && y <= 2099) term_year[term] = static_cast<int16_t>(y);
    }
  }
  return term_year[term];
}

// Stories that share the article's heaviest terms, best first by a cheap partial score.
std::vector<StoryId> StoryClusterer::Impl::Candidates(const std::vector<WeightedTerm>& v,
                                                      int32_t day) {
  // The lists are scattered over memory that outgrows the caches as the collection grows:
  // each look-up below is asked for ahead, all at once, so the misses overlap.
  for (const WeightedTerm& t : v) __builtin_prefetch(&postings[t.term]);
  // Only terms some story already carries can find one: the article's rarest terms (new to
  // the collection) would otherwise take the query's places and find nothing.
  std::vector<WeightedTerm> query;
  query.reserve(v.size());
  for (const WeightedTerm& t : v)
    if (!postings[t.term].empty())
      query.push_back({t.term, float(t.weight * Idf(t.term) * Idf(t.term))});
  const size_t n = std::min(kQueryTerms, query.size());
  std::partial_sort(query.begin(), query.begin() + n, query.end(), ByWeight);
  for (size_t q = 0; q < n; ++q) {
    const std::vector<StoryId>& list = postings[query[q].term];
    const size_t from = list.size() > kPostingsScanned ? list.size() - kPostingsScanned : 0;
    const char* p = reinterpret_cast<const char*>(list.data() + from);
    for (size_t off = 0; off < (list.size() - from) * sizeof(StoryId); off += 64) __builtin_prefetch(p + off);
  }
  touched.clear();
  constexpr size_t kAhead = 8;  // postings whose stories are fetched ahead of their turn
  for (size_t q = 0; q < n; ++q) {
    const std::vector<StoryId>& list = postings[query[q].term];
    const size_t from = list.size() > kPostingsScanned ? list.size() - kPostingsScanned : 0;
    for (size_t i = list.size(); i-- > from;) {
      if (i >= from + kAhead) __builtin_prefetch(&reach[list[i - kAhead] - 1]);
      const StoryId s = Root(list[i]);
      Reach& r = reach[s - 1];
      if (r.retired || !InWindow(r, day) || r.seen_at == q + 1) continue;
      if (r.seen_at == 0) touched.push_back(s);
      r.seen_at = static_cast<uint32_t>(q + 1);
      r.score += query[q].weight;
    }
  }
  const size_t keep = std::min(kCandidates, touched.size());
  // The scores beside the ids, so the selection compares without looking them up.
  scored.clear();
  for (StoryId s : touched) {
    Reach& r = reach[s - 1];
    scored.push_back({r.score, s});
    r.score = 0, r.seen_at = 0;
  }
  auto better = [](const std::pair<float, StoryId>& a, const std::pair<float, StoryId>& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  // Selection, then the few kept sorted: cheaper than a heap over the many touched.
  std::nth_element(scored.begin(), scored.begin() + keep, scored.end(), better);
  std::sort(scored.begin(), scored.begin() + keep, better);
  std::vector<StoryId> out(keep);
  for (size_t i = 0; i < keep; ++i) out[i] = scored[i].second;
  return out;
}

double StoryClusterer::Impl::Norm(Story& s) {
  // IDF drifts slowly: recompute when the collection grew by 1/32 since the last time.
  if (s.norm_at != 0 && articles - s.norm_at <= s.norm_at / 32) return s.norm;
  double sum = 0;
  const size_t n = s.centroid.size();
  for (size_t i = 0; i < n; ++i) {
    if (i + kStatAhead < n) PrefetchStat(s.centroid[i + kStatAhead].term);
    const WeightedTerm& t = s.centroid[i];
    const double w = t.weight * Idf(t.term);
    sum += w * w;
  }
  s.norm = std::sqrt(sum);
  s.norm_at = articles;
  return s.norm;
}

double StoryClusterer::Impl::Similarity(const std::vector<WeightedTerm>& v, double v_norm, Story& s) {
  // Both lists are sorted by term. A large centroid is searched for the article's terms
  // (galloping, so each search starts where the last ended and reads few cache lines); a
  // small one is read once against the article's terms scattered into `slot`. Either way
  // the shared terms are summed in term order, so the result is the same to the last bit.
  double dot = 0;
  const uint32_t last = v.empty() ? 0 : v.back().term;
  if (s.centroid.size() > 8 * v.size()) {
    auto from = s.centroid.begin();
    const auto end = s.centroid.end();
    for (size_t i = 0; i < v.size() && from != end; ++i) {
      const uint32_t term = v[i].term;
      size_t step = 1;
      auto hi = from;
      while (hi != end && hi->term < term) {
        from = hi;
        hi = static_cast<size_t>(end - hi) > step ? hi + step : end;
        step *= 2;
      }
      from = std::lower_bound(from, hi, term, [](const WeightedTerm& c, uint32_t t) { return c.term < t; });
      if (from != end && from->term == term) {
        const double idf = v_idf[i];
        dot += v[i].weight * from->weight * idf * idf;
      }
    }
  } else {
    for (const WeightedTerm& c : s.centroid) {
      if (c.term > last) break;
      if (!((in_v[c.term >> 6] >> (c.term & 63)) & 1)) continue;  // most are not shared
      const uint32_t i = slot[c.term];
      if (i != 0) {
        const WeightedTerm& t = v[i - 1];
        const double idf = v_idf[i - 1];
        dot += t.weight * c.weight * idf * idf;
      }
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
  reach.emplace_back().parent = id;
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
  KeepHeaviest(sum, kCentroidTerms);
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
  std::vector<uint32_t> tracked;
  std::merge(s.tracked.begin(), s.tracked.end(), gone.tracked.begin(), gone.tracked.end(),
             std::back_inserter(tracked));
  s.tracked.swap(tracked);
  gone.tracked.clear();
  Untrack(s, kTracked);
  Reach& r = reach[from - 1];
  reach[into - 1].Extend(r.first_day);
  reach[into - 1].Extend(r.last_day);
  r.parent = into;
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
  ranked.reserve(s.centroid.size());
  for (size_t i = 0; i < s.centroid.size(); ++i) {
    if (i + kStatAhead < s.centroid.size()) PrefetchStat(s.centroid[i + kStatAhead].term);
    const WeightedTerm& t = s.centroid[i];
    const TermKind kind = terms.Kind(t.term);
    const double bonus = kind == TermKind::kName ? 1.5 : kind == TermKind::kNumber ? 0.5 : 1.0;
    ranked.push_back({t.term, float(t.weight * Idf(t.term) * bonus)});
  }
  // The label takes the first few terms that say something new: the heaviest are ranked
  // first (ByWeight is a total order, so the order is the full sort's), the rest only if
  // those run out.
  constexpr size_t kRankedFirst = 16;
  size_t sorted = std::min(kRankedFirst, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + sorted, ranked.end(), ByWeight);
  std::vector<std::string> chosen;
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (chosen.size() == 4) break;
    if (i == sorted) std::sort(ranked.begin() + i, ranked.end(), ByWeight), sorted = ranked.size();
    const WeightedTerm& t = ranked[i];
    const std::string surface = terms.Surface(t.term);
    const std::string key = AsciiLower(surface);
    bool skip = false;
    for (std::string& c : chosen) {
      const std::string ck = AsciiLower(c);
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
  for (size_t i = 0; i < stories.size(); ++i) {
    Story& s = stories[i];
    Reach& r = reach[i];
    if (r.retired || r.last_day == kUndated || r.last_day + window_days >= latest_day) continue;
    s.label = MakeLabel(s);
    r.retired = true;
    std::vector<WeightedTerm>().swap(s.centroid);
    Untrack(s, 0);
    retired_since_compaction = true;
  }
  if (!retired_since_compaction) return;
  // Which stories are gone, in one compact table: the lists below name stories at random.
  std::vector<uint8_t> gone(stories.size());
  for (size_t i = 0; i < stories.size(); ++i)
    gone[i] = reach[i].parent != StoryId(i + 1) || reach[i].retired;
  for (std::vector<StoryId>& list : postings)
    std::erase_if(list, [&](StoryId id) { return gone[id - 1] != 0; });
  retired_since_compaction = false;
}

// Keeps the arrival's vector with its story; past kTracked, the oldest are let go.
void StoryClusterer::Impl::Track(StoryId id, uint32_t arrival) {
  Story& s = At(id);
  s.tracked.push_back(arrival);
  Untrack(s, kTracked);
}

// Frees the vectors of all but the newest `keep` tracked members.
void StoryClusterer::Impl::Untrack(Story& s, size_t keep) {
  if (s.tracked.size() <= keep) return;
  const size_t drop = s.tracked.size() - keep;
  for (size_t i = 0; i < drop; ++i) {
    Member& m = members[s.tracked[i]];
    std::vector<WeightedTerm>().swap(m.unit);
    std::string().swap(m.id);
  }
  s.tracked.erase(s.tracked.begin(), s.tracked.begin() + drop);
}

// The tracked members as unit vectors under the IDF of the moment.
std::vector<std::vector<WeightedTerm>> StoryClusterer::Impl::Weighted(
    const std::vector<uint32_t>& tracked) {
  std::vector<std::vector<WeightedTerm>> x;
  x.reserve(tracked.size());
  for (uint32_t a : tracked) {
    std::vector<WeightedTerm> v = members[a].unit;
    double norm = 0;
    for (WeightedTerm& t : v) {
      t.weight = float(t.weight * Idf(t.term));
      norm += double(t.weight) * t.weight;
    }
    norm = std::sqrt(norm);
    if (norm > 0)
      for (WeightedTerm& t : v) t.weight = float(t.weight / norm);
    x.push_back(std::move(v));
  }
  return x;
}

// dense[k] = the sum of the members on side k (side[i] == k).
void StoryClusterer::Impl::Accumulate(int k, const std::vector<std::vector<WeightedTerm>>& x,
                                      const std::vector<int>& side) {
  std::vector<float>& d = dense[k];
  if (d.size() < vocabulary()) d.resize(vocabulary(), 0);
  for (uint32_t t : dense_terms[k]) d[t] = 0;
  dense_terms[k].clear();
  for (size_t i = 0; i < x.size(); ++i) {
    if (side[i] != k) continue;
    for (const WeightedTerm& t : x[i]) {
      if (d[t.term] == 0) dense_terms[k].push_back(t.term);
      d[t.term] += t.weight;
    }
  }
}

double StoryClusterer::Impl::DenseNorm(int k) const {
  double sum = 0;
  for (uint32_t t : dense_terms[k]) sum += double(dense[k][t]) * dense[k][t];
  return std::sqrt(sum);
}

// Dot product of a unit vector with side k's sum.
double StoryClusterer::Impl::Dot(int k, const std::vector<WeightedTerm>& x) const {
  double dot = 0;
  for (const WeightedTerm& t : x) dot += double(t.weight) * dense[k][t.term];
  return dot;
}

// The best cut of the members in arrival order (older ones on side 0): a story that ran on
// into a look-alike event changed at one point. Every cut is scored in one pass, moving
// one member at a time from side 1 to side 0 and updating the sums' products.
std::vector<int> StoryClusterer::Impl::ChangePoint(const std::vector<std::vector<WeightedTerm>>& x,
                                                  size_t min_side) {
  const size_t n = x.size();
  std::vector<int> side(n, 1);
  Accumulate(0, x, std::vector<int>(n, -1));
  Accumulate(1, x, side);
  double aa = 0, bb = DenseNorm(1) * DenseNorm(1), ab = 0, best = std::numeric_limits<double>::max();
  size_t cut = 0;
  for (size_t j = 1; j < n; ++j) {
    const std::vector<WeightedTerm>& v = x[j - 1];
    const double ax = Dot(0, v), bx = Dot(1, v);
    ab += bx - ax - 1;
    aa += 2 * ax + 1;
    bb += -2 * bx + 1;
    for (const WeightedTerm& t : v) {
      if (dense[0][t.term] == 0) dense_terms[0].push_back(t.term);
      dense[0][t.term] += t.weight;
      dense[1][t.term] -= t.weight;
    }
    if (j < min_side || n - j < min_side) continue;
    const double r = Ratio(aa, bb, ab, j, n - j);
    if (r < best) best = r, cut = j;
  }
  if (cut == 0) return {};
  for (size_t i = 0; i < cut; ++i) side[i] = 0;
  return side;
}

// Mean cosine across the sides relative to the mean within each (distinct pairs), from the
// sums' products: size-free, unlike the cosine of the two centroids.
double StoryClusterer::Impl::Ratio(double aa, double bb, double ab, size_t n0, size_t n1) {
  auto within = [](double sq, size_t n) { return (sq - n) / std::max<double>(n * (n - 1.0), 1); };
  const double w = within(aa, n0) * within(bb, n1);
  return ab / (double(n0) * n1) / std::sqrt(std::max(w, 1e-12));
}

// 2-means rounds from `side` (members at -1 join the nearer side): each member goes to the
// side whose centroid is nearer (cosine) until nothing moves.
void StoryClusterer::Impl::Refine(const std::vector<std::vector<WeightedTerm>>& x,
                                  std::vector<int>& side, int rounds) {
  Accumulate(0, x, side);
  Accumulate(1, x, side);
  for (int round = 0; round < rounds; ++round) {
    const double n0 = std::max(DenseNorm(0), 1e-12), n1 = std::max(DenseNorm(1), 1e-12);
    bool changed = false;
    for (size_t i = 0; i < x.size(); ++i) {
      const int k = Dot(1, x[i]) / n1 > Dot(0, x[i]) / n0 ? 1 : 0;
      changed |= side[i] != k;
      side[i] = k;
    }
    Accumulate(0, x, side);
    Accumulate(1, x, side);
    if (!changed) break;
  }
}

// Moves tracked members `moving` (arrival numbers) from one story to another: their unit
// vectors leave the one centroid and build the other.
void StoryClusterer::Impl::MoveOut(StoryId from, StoryId to, const std::vector<uint32_t>& moving) {
  std::vector<WeightedTerm> gone;  // by term: the sum of the moving vectors
  for (uint32_t a : moving) {
    AddToCentroid(to, members[a].unit);
    Story& dest = At(to);
    ++dest.size;
    reach[to - 1].Extend(members[a].day);
    dest.tracked.push_back(a);
    placed[a] = to;
  }
  Story& src = At(from);
  const std::vector<WeightedTerm>& moved_sum = At(to).centroid;
  std::vector<WeightedTerm> rest;
  auto m = moved_sum.begin();
  for (const WeightedTerm& t : src.centroid) {
    while (m != moved_sum.end() && m->term < t.term) ++m;
    const float w = m != moved_sum.end() && m->term == t.term ? t.weight - m->weight : t.weight;
    if (w > 1e-4f) rest.push_back({t.term, w});
  }
  src.centroid.swap(rest);
  src.norm_at = 0;
  src.size -= static_cast<uint32_t>(moving.size());
  std::erase_if(src.tracked, [&](uint32_t a) { return placed[a] == to; });
}

// Pairs of members across the sides, both mentioning a year, that name the same latest
// year: an event and its look-alike (a rematch, a later quake) are usually years apart.
bool StoryClusterer::Impl::YearsDisagree(const std::vector<uint32_t>& tracked,
                                         const std::vector<int>& side) const {
  size_t pairs = 0, same = 0;
  for (size_t i = 0; i < tracked.size(); ++i) {
    const int yi = members[tracked[i]].year;
    if (side[i] != 0 || yi == 0) continue;
    for (size_t j = 0; j < tracked.size(); ++j) {
      const int yj = members[tracked[j]].year;
      if (side[j] == 1 && yj != 0) ++pairs, same += yi == yj;
    }
  }
  return pairs >= kYearPairs && double(same) <= kYearAgreement * double(pairs);
}

// Names (entity terms) frequent on each side (in kNameShare of its members) and nearly
// absent from the other (kNameAbsent): a look-alike event has the same main name but
// another opponent, actor or town. They disagree when both sides have kNameMin such names
// and the names frequent on both are not many more (kNameShared × the distinctive ones).
bool StoryClusterer::Impl::NamesDisagree(const std::vector<uint32_t>& tracked,
                                         const std::vector<int>& side) const {
  std::vector<std::pair<uint32_t, int>> seen;  // (name term, side)
  size_t n[2] = {0, 0};
  for (size_t i = 0; i < tracked.size(); ++i) {
    ++n[side[i]];
    for (const WeightedTerm& t : members[tracked[i]].unit)
      if (terms.Kind(t.term) == TermKind::kName) seen.push_back({t.term, side[i]});
  }
  std::sort(seen.begin(), seen.end());
  size_t distinct[2] = {0, 0}, shared = 0;
  for (size_t i = 0; i < seen.size();) {
    size_t j = i, c[2] = {0, 0};
    for (; j < seen.size() && seen[j].first == seen[i].first; ++j) ++c[seen[j].second];
    i = j;
    const bool f0 = c[0] >= kNameShare * n[0], f1 = c[1] >= kNameShare * n[1];
    if (f0 && f1) ++shared;
    else if (f0 && c[1] <= kNameAbsent * n[1]) ++distinct[0];
    else if (f1 && c[0] <= kNameAbsent * n[0]) ++distinct[1];
  }
  const size_t d = std::min(distinct[0], distinct[1]);
  return d >= kNameMin && double(shared) <= kNameShared * double(distinct[0] + distinct[1]);
}

// After story `id` grew: is it two events? The tracked members are cut where the arrival
// order best separates them (then refined by 2-means), and the two sides split when the
// mean similarity across them is low relative to the mean within each: below
// kSplitRatio, or kSplitRatioYears when their years disagree, or kSplitRatioNames when
// their distinctive names do. The newer side becomes a
// new story; later arrivals choose between the two.
bool StoryClusterer::Impl::SplitCheck(StoryId id, StoryAssignment& out, uint32_t arrival) {
  Story& s = At(id);
  if (s.size < kSplitMinSize || s.size % kSplitEvery != 0 || s.tracked.size() < 2 * kSplitMinSide)
    return false;
  const std::vector<std::vector<WeightedTerm>> x = Weighted(s.tracked);
  std::vector<int> side = ChangePoint(x, kSplitMinSide);
  if (side.empty()) return false;
  Refine(x, side, kSplitIterations);
  const size_t n1 = std::count(side.begin(), side.end(), 1), n0 = x.size() - n1;
  if (n0 < kSplitMinSide || n1 < kSplitMinSide) return false;
  double ab = 0;
  for (uint32_t t : dense_terms[0]) ab += double(dense[0][t]) * dense[1][t];
  const double a0 = DenseNorm(0), a1 = DenseNorm(1);
  const double ratio = Ratio(a0 * a0, a1 * a1, ab, n0, n1);
  if (ratio >= kSplitRatio) {
    const bool years = YearsDisagree(s.tracked, side);
    if (!(years && ratio < kSplitRatioYears) &&
        !(ratio < kSplitRatioNames && NamesDisagree(s.tracked, side)))
      return false;
  }
  const int newer = side[0] == 0 ? 1 : 0;  // tracked is oldest first
  std::vector<uint32_t> moving;
  for (size_t i = 0; i < side.size(); ++i)
    if (side[i] == newer) moving.push_back(s.tracked[i]);
  const StoryId to = NewStory();  // `s` is invalid from here
  MoveOut(id, to, moving);
  for (uint32_t a : moving)
    if (a != arrival) out.moved.push_back({members[a].id, to});
    else out.story = to;
  return true;
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
  int year = 0;
  std::vector<WeightedTerm> v = m.Vectorize(article, &year);
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
  const std::vector<StoryId> candidates = m.Candidates(v, day);
  if (m.slot.size() < m.vocabulary()) m.slot.resize(m.vocabulary(), 0);
  if (m.in_v.size() * 64 < m.vocabulary()) m.in_v.resize(m.vocabulary() / 64 + 1, 0);
  m.v_idf.resize(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    m.slot[v[i].term] = static_cast<uint32_t>(i + 1);
    m.in_v[v[i].term >> 6] |= uint64_t(1) << (v[i].term & 63);
    m.v_idf[i] = m.Idf(v[i].term);  // fresh: computed for v_norm above
  }
  // The candidates' centroids are scattered over memory that outgrows the caches as the
  // collection grows: each is fetched ahead while the one before it is scored.
  for (StoryId s : candidates) __builtin_prefetch(&m.At(s));
  for (size_t k = 0; k < candidates.size(); ++k) {
    const StoryId s = candidates[k];
    if (k + 1 < candidates.size()) m.Prefetch(m.At(candidates[k + 1]));
    const double sim = m.Similarity(v, v_norm, m.At(s));
    if (sim > out.similarity || (sim == out.similarity && best != 0 && s < best)) {
      out.similarity = sim;
      best = s;
    }
    if (sim >= m.merge_threshold) close.push_back({sim, s});
  }
  for (const WeightedTerm& t : v) m.slot[t.term] = 0, m.in_v[t.term >> 6] = 0;
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
  m.reach[out.story - 1].Extend(day);
  const auto arrival = static_cast<uint32_t>(m.placed.size());
  m.placed.push_back(out.story);
  m.members.push_back({std::move(v), article.id, day, year});
  m.Track(out.story, arrival);
  if (!out.new_story) m.SplitCheck(out.story, out, arrival);
  if (m.articles % kRetireEvery == 0) m.RetireStale();
  return out;
}

StoryId StoryClusterer::Resolve(StoryId story) const {
  if (story == 0 || story > impl_->reach.size()) return story;
  return impl_->Root(story);
}

std::string StoryClusterer::Label(StoryId story) const {
  const StoryId s = Resolve(story);
  if (s == 0 || s > impl_->stories.size()) return "";
  const Story& st = impl_->At(s);
  return impl_->reach[s - 1].retired ? st.label : impl_->MakeLabel(st);
}

size_t StoryClusterer::size() const { return impl_->articles; }

StoryId StoryClusterer::StoryOf(size_t arrival) const {
  return arrival < impl_->placed.size() ? impl_->Root(impl_->placed[arrival]) : 0;
}

}  // namespace sitrep
