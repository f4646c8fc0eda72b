#include "brief/summary.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <numeric>
#include <unordered_map>

#include "dedup/words.h"

namespace sitrep::brief {

namespace {

// A sentence as the ranker sees it: where it is, and its terms weighted by tf-isf, unit length.
struct Candidate {
  size_t article = 0;
  size_t position = 0;  // among the article's sentences
  Span span;
  size_t words = 0;
  std::vector<std::pair<uint32_t, double>> vector;  // sorted by term
};

// Too short to say anything ("Saturday, January 8."), or too long to be one statement.
constexpr size_t kMinWords = 6;
constexpr size_t kMaxWords = 80;
// Only the first sentences of each article compete: the lead carries the event, and the
// graph stays small when a story holds hundreds of articles.
constexpr size_t kSentencesPerArticle = 25;

double Cosine(const Candidate& a, const Candidate& b) {
  double dot = 0;
  auto i = a.vector.begin(), j = b.vector.begin();
  while (i != a.vector.end() && j != b.vector.end()) {
    if (i->first < j->first) ++i;
    else if (j->first < i->first) ++j;
    else dot += (i++)->second * (j++)->second;
  }
  return dot;
}

void Normalise(std::vector<std::pair<uint32_t, double>>& v) {
  double norm = 0;
  for (auto& [t, w] : v) norm += w * w;
  norm = std::sqrt(norm);
  if (norm > 0)
    for (auto& [t, w] : v) w /= norm;
}

// The candidate sentences with raw term counts; weights come once all are counted.
std::vector<Candidate> Candidates(std::span<const Article> articles) {
  dedup::Vocabulary vocab;
  std::vector<Candidate> out;
  for (size_t ai = 0; ai < articles.size(); ++ai) {
    const Article& a = articles[ai];
    // Names first, so a name opening a sentence is known from elsewhere in the article.
    size_t ti = 0;
    for (const Sentence& s : a.sentences) {
      while (ti < a.tokens.size() && a.tokens[ti].begin < s.span.begin) ++ti;
      for (size_t k = ti + 1; k < a.tokens.size() && a.tokens[k].end <= s.span.end; ++k)
        vocab.NoteName(a.Text(a.tokens[k]));
    }
    ti = 0;
    for (size_t si = 0; si < a.sentences.size() && si < kSentencesPerArticle; ++si) {
      const Span span = a.sentences[si].span;
      while (ti < a.tokens.size() && a.tokens[ti].begin < span.begin) ++ti;
      Candidate c{ai, si, span, 0, {}};
      std::unordered_map<uint32_t, double> tf;
      bool first = true;
      for (size_t k = ti; k < a.tokens.size() && a.tokens[k].end <= span.end; ++k) {
        std::string_view token = a.Text(a.tokens[k]);
        if (!dedup::IsWordToken(token)) continue;
        ++c.words;
        dedup::Term t;
        if (vocab.Lookup(token, first, t)) tf[t.id] += 1;
        first = false;
      }
      // A sentence that ends in a colon introduces something else (a list, a quote).
      const std::string_view text = a.Text(span);
      if (c.words < kMinWords || c.words > kMaxWords || text.ends_with(':')) continue;
      c.vector.assign(tf.begin(), tf.end());
      std::sort(c.vector.begin(), c.vector.end());
      out.push_back(std::move(c));
    }
  }
  return out;
}

// tf-isf: a term in every sentence says nothing about which sentence matters.
void WeighTerms(std::vector<Candidate>& sentences) {
  std::unordered_map<uint32_t, int> sf;
  for (const Candidate& c : sentences)
    for (auto& [t, w] : c.vector) ++sf[t];
  const double n = static_cast<double>(sentences.size());
  for (Candidate& c : sentences) {
    for (auto& [t, w] : c.vector) w = (1 + std::log(w)) * std::log(1 + n / sf[t]);
    Normalise(c.vector);
  }
}

std::vector<double> CentroidScores(const std::vector<Candidate>& sentences) {
  Candidate centroid;
  std::unordered_map<uint32_t, double> sum;
  for (const Candidate& c : sentences)
    for (auto& [t, w] : c.vector) sum[t] += w;
  centroid.vector.assign(sum.begin(), sum.end());
  std::sort(centroid.vector.begin(), centroid.vector.end());
  Normalise(centroid.vector);
  std::vector<double> out;
  for (const Candidate& c : sentences) out.push_back(Cosine(c, centroid));
  return out;
}

// Continuous LexRank (Erkan & Radev 2004): PageRank over the cosine graph, with edges below
// a floor dropped so that sharing one common word does not make a sentence central.
std::vector<double> LexRank(const std::vector<Candidate>& sentences) {
  constexpr double kFloor = 0.1, kDamping = 0.85;
  const size_t n = sentences.size();
  std::vector<std::vector<std::pair<size_t, double>>> edges(n);
  // Pairs come from shared terms, so the cost follows the overlap, not n².
  std::unordered_map<uint32_t, std::vector<size_t>> postings;
  for (size_t i = 0; i < n; ++i)
    for (auto& [t, w] : sentences[i].vector) postings[t].push_back(i);
  std::vector<double> dot(n);
  std::vector<size_t> touched;
  for (size_t i = 0; i < n; ++i) {
    touched.clear();
    for (auto& [t, w] : sentences[i].vector)
      for (size_t j : postings[t]) {
        if (j <= i) continue;
        if (dot[j] == 0) touched.push_back(j);
        dot[j] += w * std::lower_bound(sentences[j].vector.begin(), sentences[j].vector.end(),
                                       std::make_pair(t, 0.0))->second;
      }
    for (size_t j : touched) {
      if (dot[j] >= kFloor) {
        edges[i].push_back({j, dot[j]});
        edges[j].push_back({i, dot[j]});
      }
      dot[j] = 0;
    }
  }
  std::vector<double> out_weight(n);
  for (size_t i = 0; i < n; ++i)
    for (auto& [j, w] : edges[i]) out_weight[i] += w;
  std::vector<double> rank(n, 1.0 / n), next(n);
  for (int iteration = 0; iteration < 50; ++iteration) {
    std::fill(next.begin(), next.end(), (1 - kDamping) / n);
    for (size_t i = 0; i < n; ++i)
      for (auto& [j, w] : edges[i]) next[j] += kDamping * rank[i] * w / out_weight[i];
    double dangling = 0;  // sentences like no other spread their rank evenly
    for (size_t i = 0; i < n; ++i)
      if (edges[i].empty()) dangling += rank[i];
    for (double& r : next) r += kDamping * dangling / n;
    rank.swap(next);
  }
  return rank;
}

std::vector<double> Scaled(std::vector<double> v) {
  const double top = v.empty() ? 0 : *std::max_element(v.begin(), v.end());
  if (top > 0)
    for (double& x : v) x /= top;
  return v;
}

std::vector<double> Scores(const std::vector<Candidate>& sentences, SummaryMethod method) {
  std::vector<double> centroid = CentroidScores(sentences);
  if (method == SummaryMethod::kCentroid) return centroid;
  centroid = Scaled(std::move(centroid));
  const std::vector<double> lexrank = Scaled(LexRank(sentences));
  std::vector<double> out;
  for (size_t i = 0; i < sentences.size(); ++i) {
    // News is written as an inverted pyramid: the first sentences say what happened, and
    // the lead is the strongest single signal of what belongs in a summary.
    const double lead = 1.0 / std::sqrt(1.0 + sentences[i].position);
    out.push_back(0.3 * lexrank[i] + 0.3 * centroid[i] + 0.4 * lead);
  }
  return out;
}

}  // namespace

std::vector<SummarySentence> Summarize(std::span<const Article> articles,
                                       const SummaryOptions& options) {
  std::vector<Candidate> sentences = Candidates(articles);
  if (sentences.empty()) return {};
  WeighTerms(sentences);
  const std::vector<double> score = Scores(sentences, options.method);
  std::vector<size_t> order(sentences.size());
  std::iota(order.begin(), order.end(), 0);
  // Ties go to the earlier sentence, so the result does not depend on the sort.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return score[x] > score[y]; });
  const bool check_redundancy = options.method != SummaryMethod::kCentroid;
  std::vector<size_t> chosen;
  size_t words = 0;
  for (size_t i : order) {
    if (words >= options.max_words) break;
    const bool repeats = check_redundancy && std::any_of(chosen.begin(), chosen.end(), [&](size_t j) {
      return Cosine(sentences[i], sentences[j]) > options.max_similarity;
    });
    if (repeats) continue;
    chosen.push_back(i);
    words += sentences[i].words;
  }
  // Reading order is the order of events: older articles first, each in its own order;
  // only stated dates order articles (an inferred one bounds the date, it does not give it).
  auto when = [&](size_t i) {
    const PublicationTime& p = articles[sentences[i].article].published;
    return p.stated() ? p.when.UnixSeconds() : std::numeric_limits<int64_t>::max();
  };
  std::sort(chosen.begin(), chosen.end(), [&](size_t x, size_t y) {
    return std::tuple(when(x), sentences[x].article, sentences[x].position) <
           std::tuple(when(y), sentences[y].article, sentences[y].position);
  });
  std::vector<SummarySentence> out;
  for (size_t i : chosen) out.push_back({sentences[i].article, sentences[i].span, score[i]});
  return out;
}

}  // namespace sitrep::brief
