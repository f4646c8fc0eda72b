#include "dedup/passages.h"

#include <algorithm>
#include <cmath>

namespace sitrep::dedup {

namespace {

// Both asked of every token: most are words, told apart by their first byte (the marks
// below begin with ASCII punctuation or a UTF-8 lead byte) before any comparison.
bool MayBeMark(std::string_view t) {
  if (t.empty()) return false;
  const auto c = static_cast<unsigned char>(t[0]);
  if (c >= 0x80) return t.size() <= 3;
  const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return !letter && !(c >= '0' && c <= '9');
}

bool EndsUnit(std::string_view t) {
  return MayBeMark(t) && (t == "." || t == "?" || t == "!" || t == "…");
}

bool IsClosing(std::string_view t) {
  return MayBeMark(t) &&
         (t == "”" || t == "\"" || t == "’" || t == "'" || t == ")" || t == "»");
}

// Tokens ahead whose spellings are fetched into the cache while one is looked up.
constexpr size_t kLookAhead = 8;

struct TokenRange {
  size_t begin, end;  // indexes into article.tokens
};

// Each sentence's tokens, split after inner full stops (with the quote marks that close
// them): the model keeps a quote of several sentences whole, but a translation may render
// only some of them, and each should be able to match on its own.
std::vector<TokenRange> UnitRanges(const Article& a) {
  std::vector<TokenRange> out;
  size_t ti = 0;
  for (const Sentence& s : a.sentences) {
    while (ti < a.tokens.size() && a.tokens[ti].begin < s.span.begin) ++ti;
    size_t te = ti;
    while (te < a.tokens.size() && a.tokens[te].end <= s.span.end) ++te;
    size_t start = ti;
    for (size_t k = ti; k < te; ++k) {
      if (!EndsUnit(a.Text(a.tokens[k]))) continue;
      size_t end = k + 1;
      while (end < te && IsClosing(a.Text(a.tokens[end]))) ++end;
      if (end < te) out.push_back({start, end}), start = end, k = end - 1;
    }
    if (start < te) out.push_back({start, te});
    ti = te;
  }
  return out;
}

// The first token of a unit that is a word: where a capital letter means little.
size_t FirstWord(std::span<const TokenHash> tokens, TokenRange r) {
  for (size_t k = r.begin; k < r.end; ++k)
    if (tokens[k].spelling != kNotWord) return k;
  return r.end;
}

}  // namespace

PassageIndex::PassageIndex(PassageOptions options) : opt_(options) {}

std::vector<PassageIndex::Unit> PassageIndex::Units(const Article& a) {
  return Units(a, TokenHashes(a));
}

std::vector<PassageIndex::Unit> PassageIndex::Units(const Article& a,
                                                    std::span<const TokenHash> tokens) {
  std::vector<Unit> units;
  FillUnits(a, tokens, units);
  return units;
}

void PassageIndex::FillUnits(const Article& a, std::span<const TokenHash> tokens,
                             std::vector<Unit>& units) {
  const std::vector<TokenRange> ranges = UnitRanges(a);
  // Names first, so "Petrenko" opening a sentence is known as the name seen elsewhere.
  for (TokenRange r : ranges)
    for (size_t k = FirstWord(tokens, r) + 1; k < r.end; ++k) {
      if (k + kLookAhead < tokens.size()) vocab_.Prefetch(tokens[k + kLookAhead].spelling);
      vocab_.NoteName(a.Text(a.tokens[k]), tokens[k].spelling);
    }
  // `units` may hold an earlier article's: their term vectors are reused, not reallocated.
  units.resize(ranges.size());
  for (size_t n = 0; n < ranges.size(); ++n) {
    const TokenRange r = ranges[n];
    Unit& u = units[n];
    u.span = {a.tokens[r.begin].begin, a.tokens[r.end - 1].end};
    u.terms.clear();
    u.numbers = 0;
    const size_t first = FirstWord(tokens, r);
    for (size_t k = first; k < r.end; ++k) {
      if (k + kLookAhead < tokens.size()) vocab_.Prefetch(tokens[k + kLookAhead].spelling);
      Term t;
      if (vocab_.Lookup(a.Text(a.tokens[k]), tokens[k].spelling, k == first, t))
        u.terms.push_back(t);
    }
    std::sort(u.terms.begin(), u.terms.end(), [](Term x, Term y) { return x.id < y.id; });
    u.terms.erase(std::unique(u.terms.begin(), u.terms.end(),
                              [](Term x, Term y) { return x.id == y.id; }),
                  u.terms.end());
    for (Term t : u.terms) u.numbers += t.kind == TermKind::kNumber;
  }
  if (kind_.size() < vocab_.size()) {
    kind_.resize(vocab_.size());
    df_.resize(vocab_.size());
    postings_.resize(vocab_.size());
    posting_size_.resize(vocab_.size());
    mark_.resize(vocab_.size());
    seen_in_.resize(vocab_.size());
  }
  for (const Unit& u : units)
    for (Term t : u.terms) kind_[t.id] = t.kind;
}

double PassageIndex::LogCount(uint32_t n) const {
  while (log_counts_.size() <= n) log_counts_.push_back(std::log(log_counts_.size() + 1.0));
  return log_counts_[n];
}

double PassageIndex::Weight(const Term& t, bool shared) const {
  // Smoothed IDF over the articles seen: the prior keeps the first few articles from making
  // every shared word look common and every other word look rare.
  const double idf = log_articles_ - LogCount(df_[t.id]);
  switch (t.kind) {
    case TermKind::kNumber: return idf * opt_.number_weight;
    case TermKind::kName: return idf * (shared ? opt_.name_weight : opt_.other_name_weight);
    default: return idf;
  }
}

double PassageIndex::Weight(uint32_t unit) const {
  const StoredUnit& u = units_[unit];
  double w = 0;
  for (uint32_t i = u.first_term; i < u.first_term + u.terms; ++i)
    w += Weight(Term{terms_[i], kind_[terms_[i]]}, false);
  return w;
}

void PassageIndex::CountTerms(const std::vector<Unit>& units) {
  ++articles_;  // also the mark of this article's terms: each counts once in df_
  for (const Unit& u : units)
    for (Term t : u.terms)
      if (seen_in_[t.id] != articles_) seen_in_[t.id] = articles_, ++df_[t.id];
}

void PassageIndex::Index(const std::vector<Unit>& units, uint32_t self) {
  for (uint32_t local = 0; local < units.size(); ++local) {
    const Unit& u = units[local];
    if (u.terms.size() < static_cast<size_t>(opt_.min_pair_terms)) continue;  // can never match
    const auto id = static_cast<uint32_t>(units_.size());
    units_.push_back({self, local, u.span, static_cast<uint32_t>(terms_.size()),
                      static_cast<uint32_t>(u.terms.size()), u.numbers});
    for (Term t : u.terms) {
      terms_.push_back(t.id);
      // A term in more units than max_posting is never probed again, so its list is let
      // go: memory and the cost of indexing stay bounded by the rare terms.
      const uint32_t n = ++posting_size_[t.id];
      if (n <= opt_.max_posting) postings_[t.id].push_back(id);
      else if (n == opt_.max_posting + 1) std::vector<uint32_t>().swap(postings_[t.id]);
    }
  }
}

uint32_t PassageIndex::NextStamp() const {
  if (++probe_ == kStamps) {  // wrapped: every old stamp would look current again
    std::fill(mark_.begin(), mark_.end(), 0);
    std::fill(hits_.begin(), hits_.end(), 0);
    probe_ = 1;
  }
  return probe_;
}

void PassageIndex::FindCandidates(const Unit& unit,
                                  const std::function<bool(uint32_t)>& skip) const {
  // Probe the rarest terms: a reused sentence shares most of its words, so it shares some
  // of these; very common terms would only cost time (and list topical neighbours).
  probes_.clear();
  for (Term t : unit.terms) {
    const size_t n = posting_size_[t.id];
    if (n > 0 && n <= opt_.max_posting) probes_.push_back({n, t.id});
  }
  std::sort(probes_.begin(), probes_.end());
  if (probes_.size() > static_cast<size_t>(opt_.probes)) probes_.resize(opt_.probes);
  hits_.resize(units_.size());
  const uint32_t need = probes_.size() >= 2 ? 2 : 1;
  candidates_.clear();
  // The stored units' counters are spread over memory that grows with every article: each
  // is asked for a few postings ahead of its turn.
  for (auto [n, id] : probes_) __builtin_prefetch(postings_[id].data());
  for (auto [n, id] : probes_) {
    const std::vector<uint32_t>& list = postings_[id];
    for (size_t k = 0; k < kLookAhead && k < list.size(); ++k) __builtin_prefetch(&hits_[list[k]]);
    for (size_t k = 0; k < list.size(); ++k) {
      if (k + kLookAhead < list.size()) __builtin_prefetch(&hits_[list[k + kLookAhead]]);
      const uint32_t g = list[k];
      uint32_t& h = hits_[g];  // stamp << 8 | hits, the hits counted up to `need`
      if (h >> 8 != probe_) h = probe_ << 8;
      if ((h & 0xff) == need) continue;
      if ((++h & 0xff) == need && !skip(units_[g].article)) candidates_.push_back(g);
    }
  }
  std::sort(candidates_.begin(), candidates_.end());
}

void PassageIndex::MarkTerms(const Unit& unit) const {
  shared_weight_.resize(unit.terms.size());
  own_weight_.resize(unit.terms.size());
  for (uint32_t i = 0; i < unit.terms.size(); ++i) {
    mark_[unit.terms[i].id] = uint64_t(probe_) << 32 | i;
    shared_weight_[i] = Weight(unit.terms[i], true);
    own_weight_[i] = Weight(unit.terms[i], false);
  }
}

void PassageIndex::MatchUnit(const Unit& unit, uint32_t here,
                             const std::function<bool(uint32_t)>& skip,
                             std::vector<Pair>& out) const {
  NextStamp();
  FindCandidates(unit, skip);
  if (candidates_.empty()) return;
  MarkTerms(unit);
  double here_weight = 0;  // every term as unshared; shared ones are moved over below
  for (double w : own_weight_) here_weight += w;
  for (size_t k = 0; k < candidates_.size(); ++k) {
    // The next candidates' terms are fetched while this one is read.
    if (k + 4 < candidates_.size()) __builtin_prefetch(&units_[candidates_[k + 4]]);
    if (k + 2 < candidates_.size()) __builtin_prefetch(&terms_[units_[candidates_[k + 2]].first_term]);
    const uint32_t g = candidates_[k];
    const StoredUnit& su = units_[g];
    const uint32_t* other = &terms_[su.first_term];
    // Both term lists are sorted by id, so the shared terms add up in the same order as a
    // merge of the two would visit them.
    double shared = 0, moved = 0;
    int shared_terms = 0, shared_words = 0, shared_numbers = 0;
    for (uint32_t j = 0; j < su.terms; ++j) {
      const uint64_t m = mark_[other[j]];
      if (m >> 32 != probe_) continue;
      const uint32_t i = static_cast<uint32_t>(m);
      shared += shared_weight_[i], moved += own_weight_[i];
      ++shared_terms;
      shared_words += unit.terms[i].kind == TermKind::kWord;
      shared_numbers += unit.terms[i].kind == TermKind::kNumber;
    }
    if (shared_terms < opt_.min_pair_terms || shared_words < opt_.min_pair_words) continue;
    if (opt_.reject_other_figures &&
        2 * uint32_t(shared_numbers) < std::min(unit.numbers, su.numbers))
      continue;
    const double rest = here_weight + Weight(g) - 2 * moved;
    if (2 * shared / (2 * shared + rest) < opt_.pair_threshold) continue;
    out.push_back({here, g, shared, rest, shared_terms});
  }
}

std::vector<PassageIndex::Pair> PassageIndex::Match(
    const std::vector<Unit>& units, const std::function<bool(uint32_t)>& skip) const {
  std::vector<Pair> pairs;
  for (uint32_t here = 0; here < units.size(); ++here) {
    if (units[here].terms.size() < static_cast<size_t>(opt_.min_pair_terms)) continue;
    std::vector<Pair> found;
    MatchUnit(units[here], here, skip, found);
    auto dice = [](const Pair& p) { return 2 * p.shared / (2 * p.shared + p.rest); };
    // Best first (ties by unit, for determinism); one pair an other article, a few articles.
    std::sort(found.begin(), found.end(), [&](const Pair& x, const Pair& y) {
      return dice(x) != dice(y) ? dice(x) > dice(y) : x.there < y.there;
    });
    std::vector<uint32_t> others;
    for (const Pair& p : found) {
      const uint32_t article = units_[p.there].article;
      if (std::find(others.begin(), others.end(), article) != others.end()) continue;
      if (others.size() == static_cast<size_t>(opt_.max_others)) break;
      others.push_back(article);
      pairs.push_back(p);
    }
  }
  return pairs;
}

std::vector<PassageMatch> PassageIndex::Merge(const std::vector<Unit>& units,
                                              std::vector<Pair> pairs) const {
  auto key = [&](const Pair& p) {
    return std::tuple(units_[p.there].article, p.here, units_[p.there].local);
  };
  std::sort(pairs.begin(), pairs.end(), [&](const Pair& x, const Pair& y) { return key(x) < key(y); });
  std::vector<PassageMatch> out;
  for (size_t i = 0; i < pairs.size();) {
    // A run: the same other article, each next pair at most one sentence further on in
    // both texts (a sentence dropped or added in between still joins).
    size_t j = i + 1;
    const int64_t step = opt_.max_gap + 1;
    while (j < pairs.size() && std::get<0>(key(pairs[j])) == std::get<0>(key(pairs[i])) &&
           int64_t(pairs[j].here) <= pairs[j - 1].here + step &&
           units_[pairs[j].there].local >= units_[pairs[j - 1].there].local &&
           int64_t(units_[pairs[j].there].local) <= units_[pairs[j - 1].there].local + step)
      ++j;
    double shared = 0, rest = 0;
    int terms = 0;
    PassageMatch m{units_[pairs[i].there].article, {units[pairs[i].here].span.begin, 0},
                   units_[pairs[i].there].span, 0};
    for (size_t k = i; k < j; ++k) {
      const Pair& p = pairs[k];
      shared += p.shared, rest += p.rest, terms += p.shared_terms;
      m.here.end = units[p.here].span.end;
      m.there.begin = std::min(m.there.begin, units_[p.there].span.begin);
      m.there.end = std::max(m.there.end, units_[p.there].span.end);
    }
    m.similarity = 2 * shared / (2 * shared + rest);
    if (terms >= opt_.min_passage_terms) out.push_back(m);
    i = j;
  }
  std::sort(out.begin(), out.end(), [](const PassageMatch& x, const PassageMatch& y) {
    return std::tie(x.here.begin, x.other) < std::tie(y.here.begin, y.other);
  });
  return out;
}

std::vector<PassageMatch> PassageIndex::Add(const Article& article, uint32_t self, bool index,
                                            const std::function<bool(uint32_t)>& skip) {
  return Add(article, TokenHashes(article), self, index, skip);
}

std::vector<PassageMatch> PassageIndex::Add(const Article& article,
                                            std::span<const TokenHash> tokens, uint32_t self,
                                            bool index,
                                            const std::function<bool(uint32_t)>& skip) {
  std::vector<Unit>& units = units_scratch_;
  FillUnits(article, tokens, units);
  if (index) CountTerms(units);  // this article counts in the IDF it is scored with
  log_articles_ = std::log(articles_ + opt_.idf_prior);
  std::vector<PassageMatch> out = Merge(units, Match(units, skip));
  if (index) Index(units, self);
  return out;
}

}  // namespace sitrep::dedup
