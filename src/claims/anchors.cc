#include "claims/anchors.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <unordered_map>

#include "claims/terms.h"

namespace sitrep::claims {

// What tells an event from a look-alike (two quakes, two office shootings): where, who and
// which year, as the article's opening sentences give them, and every place and person it
// names anywhere. Sorted term ids; years as numbers.
struct EventAnchors {
  std::vector<uint32_t> lead_places, places, lead_people, people;
  std::vector<int> lead_years;
  // How often each person and place is named: the one named most is whom the article is about.
  std::unordered_map<uint32_t, int> person_count, place_count;
};

namespace {

constexpr size_t kLeadSentences = 3;

// A name's key: its last word as a name term ("New Orleans" → orleans' skeleton, "Ilya
// Marek" → marek's), so a full name and a surname alone meet.
std::optional<uint32_t> NameKey(const Article& a, Span span, dedup::Vocabulary& vocab) {
  std::optional<uint32_t> key;
  for (const Span& token : TokensIn(a, span)) {
    dedup::Term t;
    if (dedup::IsWordToken(a.Text(token)) && vocab.Lookup(a.Text(token), false, t)) key = t.id;
  }
  return key;
}

EventAnchors AnchorsOf(const Article& a, dedup::Vocabulary& vocab) {
  EventAnchors out;
  const uint32_t lead_end =
      a.sentences.empty() ? 0 : a.sentences[std::min(a.sentences.size(), kLeadSentences) - 1].span.end;
  for (const Mention& m : a.mentions) {
    if (m.type != EntityType::kPlace && m.type != EntityType::kPerson) continue;
    const auto key = NameKey(a, m.span, vocab);
    if (!key) continue;
    const bool place = m.type == EntityType::kPlace;
    (place ? out.places : out.people).push_back(*key);
    ++(place ? out.place_count : out.person_count)[*key];
    if (m.span.end <= lead_end) (place ? out.lead_places : out.lead_people).push_back(*key);
  }
  for (auto* ids : {&out.lead_places, &out.places, &out.lead_people, &out.people}) SortUnique(*ids);
  for (const Span& token : a.tokens) {
    if (token.begin >= lead_end) break;
    const std::string_view w = a.Text(token);
    if (w.size() == 4 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const int year = std::stoi(std::string(w));
      if (year >= 1900 && year <= 2099) out.lead_years.push_back(year);
    }
  }
  std::sort(out.lead_years.begin(), out.lead_years.end());
  return out;
}

// Both articles open on places (or people, or years) and neither names any the other opens
// on: two events, however alike their words.
bool Disjoint(const std::vector<uint32_t>& lead_a, const std::vector<uint32_t>& all_a,
              const std::vector<uint32_t>& lead_b, const std::vector<uint32_t>& all_b) {
  return !lead_a.empty() && !lead_b.empty() && !Intersect(lead_a, all_b) && !Intersect(lead_b, all_a);
}

// The name an article gives most, when it gives it at least twice and more than any other.
std::optional<uint32_t> Protagonist(const std::unordered_map<uint32_t, int>& counts) {
  std::optional<uint32_t> best;
  int most = 1, second = 0;
  for (auto [key, n] : counts) {
    if (n > most) second = most, most = n, best = key;
    else if (n > second) second = n;
  }
  return most > second ? best : std::nullopt;
}

int CountOf(const std::unordered_map<uint32_t, int>& counts, uint32_t key) {
  auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

// Each article is about its own person (or place), one the other names seldom if at all:
// two arrests of two players, two quakes in two provinces.
bool OtherProtagonists(const std::unordered_map<uint32_t, int>& a, const std::unordered_map<uint32_t, int>& b) {
  const auto pa = Protagonist(a), pb = Protagonist(b);
  if (!pa || !pb || *pa == *pb) return false;
  return 2 * CountOf(b, *pa) < CountOf(b, *pb) && 2 * CountOf(a, *pb) < CountOf(a, *pa);
}

// Which anchor tells two articles' events apart; empty when none does.
std::string ConflictingAnchor(const EventAnchors& a, const EventAnchors& b) {
  if (Disjoint(a.lead_places, a.places, b.lead_places, b.places)) return "places";
  if (Disjoint(a.lead_people, a.people, b.lead_people, b.people)) return "people";
  if (OtherProtagonists(a.person_count, b.person_count)) return "main person";
  if (OtherProtagonists(a.place_count, b.place_count)) return "main place";
  if (!a.lead_years.empty() && !b.lead_years.empty() &&
      std::none_of(a.lead_years.begin(), a.lead_years.end(), [&](int y) {
        return std::binary_search(b.lead_years.begin(), b.lead_years.end(), y);
      }))
    return "years";
  return "";
}

}  // namespace

EventConflicts::EventConflicts(const StoryArticles& story, dedup::Vocabulary& vocab) : n_(story.articles.size()) {
  for (const Article& a : story.articles) anchors_.push_back(AnchorsOf(a, vocab));
  known_.assign(n_ * n_, -1);
}

EventConflicts::~EventConflicts() = default;

ArticleNeighbours::ArticleNeighbours(const StoryArticles& story, dedup::Vocabulary& vocab)
    : story_(story), vocab_(vocab), n_(story.articles.size()), published_(n_, 0) {
  for (size_t ai = 0; ai < n_; ++ai)
    if (story.articles[ai].published.stated()) published_[ai] = story.articles[ai].published.when.UnixSeconds();
}

// Read once, when first asked: a story whose statements never meet on words alone needs none.
void ArticleNeighbours::ReadArticles() {
  vectors_.resize(n_);
  rows_.resize(n_);
  std::vector<std::vector<uint32_t>> terms(n_);
  for (size_t ai = 0; ai < n_; ++ai) {
    const Article& a = story_.articles[ai];
    auto sentence = a.sentences.begin();
    terms[ai].reserve(a.tokens.size());
    for (const Span& token : a.tokens) {
      // Whether the token opens a sentence, where a capital makes no name.
      bool first = false;
      while (sentence != a.sentences.end() && sentence->span.begin <= token.begin) first = true, ++sentence;
      dedup::Term t;
      if (vocab_.Lookup(a.Text(token), first, t)) terms[ai].push_back(t.id);
    }
    SortUnique(terms[ai]);
  }
  std::vector<uint32_t> df(vocab_.size(), 0);  // term ids are dense
  for (const auto& ids : terms)
    for (uint32_t t : ids) ++df[t];
  for (size_t ai = 0; ai < n_; ++ai) {
    double norm = 0;
    for (uint32_t t : terms[ai]) {
      const double w = std::log(static_cast<double>(n_) / df[t]);
      if (w > 0) vectors_[ai].push_back({t, w}), norm += w * w;
    }
    if (norm > 0)
      for (auto& [t, w] : vectors_[ai]) w /= std::sqrt(norm);
  }
}

ArticleNeighbours::~ArticleNeighbours() = default;



double ArticleNeighbours::Similarity(size_t a, size_t b) const {
  double dot = 0;
  const auto &x = vectors_[a], &y = vectors_[b];
  for (auto i = x.begin(), j = y.begin(); i != x.end() && j != y.end();) {
    if (i->first < j->first) ++i;
    else if (j->first < i->first) ++j;
    else dot += (i++)->second * (j++)->second;
  }
  return dot;
}

// Below this many articles a story has too few others to rank: every pair is near.
constexpr size_t kMinNeighbourhood = 5;

bool ArticleNeighbours::NearOf(size_t a, size_t b) {
  std::vector<double>& row = rows_[a];
  if (row.empty()) {
    row.resize(n_);
    for (size_t k = 0; k < n_; ++k) row[k] = k == a ? 0 : !rows_[k].empty() ? rows_[k][a] : Similarity(a, k);
  }
  // Of a's others besides b, how many are nearer to it than b; b is near while they are
  // fewer than half of them. In a story of two occurrences told by k articles each, an
  // article's k - 1 fellows fill that half, so even the nearest look-alike falls outside.
  size_t nearer = 0;
  for (size_t k = 0; k < n_; ++k) nearer += k != a && k != b && row[k] > row[b];
  return 2 * nearer + 2 < n_;
}

constexpr int64_t kYearSeconds = 366LL * 24 * 3600;

bool ArticleNeighbours::Published(size_t a, size_t b) const {
  return !published_[a] || !published_[b] || std::llabs(published_[a] - published_[b]) <= kYearSeconds;
}

bool ArticleNeighbours::Near(size_t a, size_t b) {
  if (a == b) return true;
  if (n_ < kMinNeighbourhood) return Published(a, b);
  if (!Published(a, b)) return false;
  if (vectors_.empty()) ReadArticles();
  return NearOf(a, b) && NearOf(b, a);
}

bool EventConflicts::operator()(size_t a, size_t b) {
  if (a == b) return false;
  int8_t& k = known_[a * n_ + b];
  if (k < 0) k = known_[b * n_ + a] = ConflictingAnchor(anchors_[a], anchors_[b]).empty() ? 0 : 1;
  return k == 1;
}

}  // namespace sitrep::claims
