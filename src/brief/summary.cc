#include "brief/summary.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <tuple>
#include <numeric>
#include <unordered_map>

#include "clean/boilerplate.h"
#include "dedup/words.h"
#include "util/flat_map.h"

namespace sitrep::brief {

namespace {

// A sentence as the ranker sees it: where it is, and its terms weighted by tf-isf, unit length.
struct Candidate {
  size_t article = 0;
  size_t position = 0;  // among the article's candidates
  Span span;
  size_t words = 0;
  std::vector<std::pair<uint32_t, double>> vector;  // sorted by term
  std::vector<uint32_t> concepts;                   // distinct, into Story::concept_weight
  bool quotation = false;                           // opens with a quotation mark
  std::vector<size_t> groups;                       // SameStatement groups it holds, sorted
};

// The candidates of a story, and what its articles say: each concept (a pair of terms
// next to each other once stop words are gone, "levee fail") weighed by how many articles
// say it, the way Gillick & Favre (2009) weigh the concepts a summary should cover.
struct Story {
  std::vector<Candidate> sentences;
  std::vector<double> concept_weight;  // by concept id
};

// Too short to say anything ("Saturday, January 8."), or too long to be one statement.
constexpr size_t kMinWords = 6;
constexpr size_t kMaxWords = 80;
// Only the first sentences of each article compete and count its concepts: the lead
// carries the event, and the graph stays small when a story holds hundreds of articles.
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

// English weekday names a dateline may leave at a paragraph's start ("Saturday, Floods
// swept ..."): the day names when the report was filed, it is not part of the statement.
constexpr std::string_view kWeekdays[] = {"Monday",   "Tuesday", "Wednesday", "Thursday",
                                          "Friday",   "Saturday", "Sunday"};

constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",
                                        "May",     "June",     "July",      "August",
                                        "September", "October", "November", "December"};

// Past `k`, the separators a dateline uses: commas, spaces, dashes.
size_t SkipSeparators(std::string_view text, size_t k) {
  while (k < text.size() && (text[k] == ',' || text[k] == ' ' || text[k] == '-')) ++k;
  return k;
}

// Past `k`, "March 26, 2005" or "March 26" when it is there; `k` otherwise.
size_t SkipDate(std::string_view text, size_t k) {
  for (std::string_view month : kMonths) {
    if (text.substr(k, month.size()) != month) continue;
    size_t j = SkipSeparators(text, k + month.size());
    const size_t day = j;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j == day || j - day > 2) return k;
    const size_t after_day = j;
    j = SkipSeparators(text, j);
    const size_t year = j;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    return j - year == 4 ? j : after_day;
  }
  return k;
}

// The sentence without a leading dateline ("Tuesday, ", "Saturday, March 26, 2005 ").
Span WithoutDateline(const Article& a, Span span) {
  const std::string_view text = a.Text(span);
  for (std::string_view day : kWeekdays) {
    if (!text.starts_with(day)) continue;
    size_t k = day.size();
    if (k >= text.size() || (text[k] != ',' && text[k] != ' ')) return span;
    k = SkipSeparators(text, SkipDate(text, SkipSeparators(text, k)));
    // "Tuesday, police said" keeps its day when the rest is not a sentence of its own.
    if (k >= text.size() || !std::isupper(static_cast<unsigned char>(text[k]))) return span;
    return {span.begin + static_cast<uint32_t>(k), span.end};
  }
  return span;
}

// A sentence that opens with a quotation mark gives someone's words, often before saying
// whose: the brief's quotes carry who said what, the summary should say what happened. So
// does a dialogue dash ("— I think ..."), an interview's answer in much translated press.
bool OpensQuotation(std::string_view text) {
  for (std::string_view mark : {"\"", "\u201c", "\u201e", "\u00ab", "'", "\u2018", "\u2014 ", "\u2013 ", "- "})
    if (text.starts_with(mark)) return true;
  return false;
}

// A sentence that opens by answering the one before ("However, the mayor ...") says half a
// thing once taken out of its article.
bool LeansOnThePrevious(std::string_view text) {
  for (std::string_view dash : {"\u2014 ", "\u2013 ", "- "})  // an answer's dialogue dash
    if (text.starts_with(dash)) text.remove_prefix(dash.size());
  // Connectives answer the sentence before; pronouns and demonstratives point back at it
  // ("He added ...", "That's according to ..."), and a first person speaks for someone the
  // sentence does not name, so out of place they name no one.
  static constexpr std::string_view kOpeners[] = {
      "However", "But", "Yet", "Still", "And", "Also", "Moreover", "Furthermore", "Nevertheless",
      "Nonetheless", "Instead", "Therefore", "Thus", "Otherwise", "Besides", "In addition",
      "He", "She", "It", "They", "His", "Her", "Its", "Their", "This", "That", "These", "Those",
      "Such", "I", "We", "My", "Our"};
  for (std::string_view word : kOpeners)
    if (text.starts_with(word) && text.size() > word.size() &&
        !std::isalnum(static_cast<unsigned char>(text[word.size()])))
      return true;
  // A credit line for the words before it ("X said this on Radio Y").
  static constexpr std::string_view kCredits[] = {" said this", " stated this", " told this",
                                                  " reported this", " wrote this", " said so"};
  for (std::string_view credit : kCredits)
    if (text.find(credit) != std::string_view::npos) return true;
  return false;
}

constexpr double kQuotationShare = 0.5;  // of its relevance a quotation keeps

// Whether a sentence can stand in a summary: a statement of its own, not a photo caption
// ("Rescuers at the levee"), a list's introduction ("Findings:"), a reply to the sentence
// before or page furniture.
bool StandsAlone(std::string_view text, size_t words) {
  if (words < kMinWords || words > kMaxWords) return false;
  // A question (an interviewer's, a headline's) asks what the summary should tell.
  if (!EndsSentence(text) || text.ends_with(':') || text.ends_with('?') || LeansOnThePrevious(text))
    return false;
  return ClassifyLine(text) == LineKind::kContent;
}

// The baseline sees every sentence as written, the ranked method only those that stand alone.
Story Candidates(std::span<const Article> articles, SummaryMethod method) {
  const bool ranked = method != SummaryMethod::kCentroid;
  dedup::Vocabulary vocab;
  Story story;
  FlatMap<uint32_t> concept_ids;  // by the pair of term ids
  std::vector<uint32_t> concept_articles;  // by concept id: articles that say it
  std::vector<uint32_t> terms, seen_in_article;
  for (size_t ai = 0; ai < articles.size(); ++ai) {
    const Article& a = articles[ai];
    // Names first, so a name opening a sentence is known from elsewhere in the article.
    size_t ti = 0;
    for (const Sentence& s : a.sentences) {
      while (ti < a.tokens.size() && a.tokens[ti].begin < s.span.begin) ++ti;
      for (size_t k = ti + 1; k < a.tokens.size() && a.tokens[k].end <= s.span.end; ++k)
        vocab.NoteName(a.Text(a.tokens[k]));
    }
    seen_in_article.clear();
    // Sentences that stand alone so far: a caption or a date line does not push the lead down.
    size_t standing = 0;
    ti = 0;
    for (size_t si = 0; si < a.sentences.size() && si < kSentencesPerArticle; ++si) {
      const Span span = a.sentences[si].span;
      while (ti < a.tokens.size() && a.tokens[ti].begin < span.begin) ++ti;
      Candidate c{ai, si, ranked ? WithoutDateline(a, span) : span, 0, {}, {}, false, {}};
      std::unordered_map<uint32_t, double> tf;
      terms.clear();
      bool first = true;
      for (size_t k = ti; k < a.tokens.size() && a.tokens[k].end <= span.end; ++k) {
        if (a.tokens[k].begin < c.span.begin) continue;
        std::string_view token = a.Text(a.tokens[k]);
        if (!dedup::IsWordToken(token)) continue;
        ++c.words;
        dedup::Term t;
        if (vocab.Lookup(token, first, t)) tf[t.id] += 1, terms.push_back(t.id);
        first = false;
      }
      for (size_t k = 1; k < terms.size(); ++k) {
        if (terms[k - 1] == terms[k]) continue;
        const uint64_t key = uint64_t{terms[k - 1]} << 32 | terms[k];
        auto [id, fresh] = concept_ids.Insert(key, static_cast<uint32_t>(concept_ids.size()));
        if (fresh) concept_articles.push_back(0);
        c.concepts.push_back(*id);
        seen_in_article.push_back(*id);
      }
      const std::string_view text = a.Text(c.span);
      if (ranked ? !StandsAlone(text, c.words)
                 : c.words < kMinWords || c.words > kMaxWords || text.ends_with(':'))
        continue;
      if (ranked) c.position = standing++, c.quotation = OpensQuotation(text);
      std::sort(c.concepts.begin(), c.concepts.end());
      c.concepts.erase(std::unique(c.concepts.begin(), c.concepts.end()), c.concepts.end());
      c.vector.assign(tf.begin(), tf.end());
      std::sort(c.vector.begin(), c.vector.end());
      story.sentences.push_back(std::move(c));
    }
    std::sort(seen_in_article.begin(), seen_in_article.end());
    seen_in_article.erase(std::unique(seen_in_article.begin(), seen_in_article.end()),
                          seen_in_article.end());
    for (uint32_t id : seen_in_article) ++concept_articles[id];
  }
  // A concept one article says is that article's detail, not the story's; with a single
  // article every concept counts once, so coverage still prefers saying more.
  const uint32_t floor = articles.size() > 1 ? 2 : 1;
  story.concept_weight.resize(concept_articles.size());
  for (size_t id = 0; id < concept_articles.size(); ++id)
    if (concept_articles[id] >= floor) story.concept_weight[id] = concept_articles[id];
  return story;
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

std::vector<double> Scores(const std::vector<Candidate>& sentences, const SummaryOptions& opt) {
  std::vector<double> centroid = CentroidScores(sentences);
  if (opt.method == SummaryMethod::kCentroid) return centroid;
  centroid = Scaled(std::move(centroid));
  const std::vector<double> lexrank = Scaled(LexRank(sentences));
  std::vector<double> out;
  for (size_t i = 0; i < sentences.size(); ++i) {
    // News is written as an inverted pyramid: the first sentences say what happened, and
    // the lead is the strongest single signal of what belongs in a summary.
    const double lead = 1.0 / std::sqrt(1.0 + sentences[i].position);
    const double relevance = opt.lexrank_weight * lexrank[i] + opt.centroid_weight * centroid[i] +
                             opt.lead_weight * lead;
    out.push_back(sentences[i].quotation ? kQuotationShare * relevance : relevance);
  }
  return Scaled(std::move(out));
}

// Which groups of passages that say one thing each sentence holds a passage of.
void NoteSameStatements(std::vector<Candidate>& sentences, std::span<const SameStatement> same) {
  std::unordered_map<size_t, std::vector<size_t>> of_article;
  for (size_t i = 0; i < sentences.size(); ++i) of_article[sentences[i].article].push_back(i);
  for (const SameStatement& s : same)
    if (auto it = of_article.find(s.article); it != of_article.end())
      for (size_t i : it->second)
        if (sentences[i].span.begin < s.span.end && s.span.begin < sentences[i].span.end)
          sentences[i].groups.push_back(s.group);
  for (Candidate& c : sentences) {
    std::sort(c.groups.begin(), c.groups.end());
    c.groups.erase(std::unique(c.groups.begin(), c.groups.end()), c.groups.end());
  }
}

bool ShareAGroup(const Candidate& a, const Candidate& b) {
  auto i = a.groups.begin(), j = b.groups.begin();
  while (i != a.groups.end() && j != b.groups.end()) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else return true;
  }
  return false;
}

// The baseline: best first until the budget is spent, repeats and all.
std::vector<size_t> ByScore(const Story& story, const std::vector<double>& score,
                            const SummaryOptions& options) {
  std::vector<size_t> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  // Ties go to the earlier sentence, so the result does not depend on the sort.
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return score[x] > score[y]; });
  std::vector<size_t> chosen;
  size_t words = 0;
  for (size_t i : order) {
    if (words >= options.max_words) break;
    chosen.push_back(i);
    words += story.sentences[i].words;
  }
  return chosen;
}

// Greedy maximisation of a monotone submodular objective (Lin & Bilmes 2011): the weight
// of the story's concepts the summary covers plus the relevance of its sentences, each
// step taking the sentence that adds most per word (so a long sentence must earn its
// length), and never one too like a sentence already taken or saying what it says. Lazily (Minoux 1978): what a
// sentence adds only shrinks as the summary grows, so its last value bounds the next, and
// only the sentence on top of the heap is valued again.
std::vector<size_t> ByCoverage(const Story& story, const std::vector<double>& relevance,
                               const SummaryOptions& options) {
  const std::vector<Candidate>& sentences = story.sentences;
  std::vector<char> covered(story.concept_weight.size());
  auto new_weight = [&](const Candidate& c) {
    double w = 0;
    for (uint32_t id : c.concepts)
      if (!covered[id]) w += story.concept_weight[id];
    return w;
  };
  // Coverage in units of the best single sentence's, so the two terms share a scale.
  double unit = 0;
  for (const Candidate& c : sentences) unit = std::max(unit, new_weight(c));
  if (unit == 0) unit = 1;
  auto value = [&](size_t i) {
    const double gain = options.coverage_weight * new_weight(sentences[i]) / unit + relevance[i];
    return gain / std::pow(static_cast<double>(sentences[i].words), options.length_exponent);
  };
  // Best value on top; of equal values the earlier sentence, so the result is stable.
  using Entry = std::pair<double, size_t>;
  auto below = [](const Entry& x, const Entry& y) {
    return x.first < y.first || (x.first == y.first && x.second > y.second);
  };
  std::vector<Entry> heap;
  for (size_t i = 0; i < sentences.size(); ++i) heap.push_back({value(i), i});
  std::make_heap(heap.begin(), heap.end(), below);
  std::vector<size_t> chosen;
  size_t words = 0;
  while (words < options.max_words && !heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), below);
    Entry top = heap.back();
    heap.pop_back();
    top.first = value(top.second);
    if (!heap.empty() && below(top, heap.front())) {  // stale: another may now be better
      heap.push_back(top);
      std::push_heap(heap.begin(), heap.end(), below);
      continue;
    }
    const Candidate& c = sentences[top.second];
    if (std::any_of(chosen.begin(), chosen.end(), [&](size_t j) {
          return Cosine(c, sentences[j]) > options.max_similarity || ShareAGroup(c, sentences[j]);
        }))
      continue;
    chosen.push_back(top.second);
    words += c.words;
    for (uint32_t id : c.concepts) covered[id] = 1;
  }
  return chosen;
}

}  // namespace

std::vector<SummarySentence> Summarize(std::span<const Article> articles,
                                       const SummaryOptions& options,
                                       std::span<const SameStatement> same) {
  Story story = Candidates(articles, options.method);
  std::vector<Candidate>& sentences = story.sentences;
  if (sentences.empty()) return {};
  NoteSameStatements(sentences, same);
  WeighTerms(sentences);
  const std::vector<double> score = Scores(sentences, options);
  std::vector<size_t> chosen = options.method == SummaryMethod::kCentroid
                                   ? ByScore(story, score, options)
                                   : ByCoverage(story, score, options);
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
