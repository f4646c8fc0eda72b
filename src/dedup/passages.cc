#include "dedup/passages.h"

#include <algorithm>
#include <cmath>

namespace sitrep::dedup {

namespace {

bool EndsUnit(std::string_view t) { return t == "." || t == "?" || t == "!" || t == "…"; }

bool IsClosing(std::string_view t) {
  return t == "”" || t == "\"" || t == "’" || t == "'" || t == ")" || t == "»";
}

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
size_t FirstWord(const Article& a, TokenRange r) {
  for (size_t k = r.begin; k < r.end; ++k)
    if (IsWordToken(a.Text(a.tokens[k]))) return k;
  return r.end;
}

}  // namespace

PassageIndex::PassageIndex(PassageOptions options) : opt_(options) {}

std::vector<PassageIndex::Unit> PassageIndex::Units(const Article& a) {
  const std::vector<TokenRange> ranges = UnitRanges(a);
  // Names first, so "Putin" opening a sentence is known as the name seen elsewhere.
  for (TokenRange r : ranges)
    for (size_t k = FirstWord(a, r) + 1; k < r.end; ++k) vocab_.NoteName(a.Text(a.tokens[k]));
  std::vector<Unit> units;
  units.reserve(ranges.size());
  for (TokenRange r : ranges) {
    Unit u{{a.tokens[r.begin].begin, a.tokens[r.end - 1].end}, {}};
    const size_t first = FirstWord(a, r);
    for (size_t k = first; k < r.end; ++k) {
      Term t;
      if (vocab_.Lookup(a.Text(a.tokens[k]), k == first, t)) u.terms.push_back(t);
    }
    std::sort(u.terms.begin(), u.terms.end(), [](Term x, Term y) { return x.id < y.id; });
    u.terms.erase(std::unique(u.terms.begin(), u.terms.end(),
                              [](Term x, Term y) { return x.id == y.id; }),
                  u.terms.end());
    for (Term t : u.terms) u.numbers += t.kind == TermKind::kNumber;
    units.push_back(std::move(u));
  }
  if (kind_.size() < vocab_.size()) {
    kind_.resize(vocab_.size());
    df_.resize(vocab_.size());
    postings_.resize(vocab_.size());
  }
  for (const Unit& u : units)
    for (Term t : u.terms) kind_[t.id] = t.kind;
  return units;
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
  std::vector<uint32_t> seen;
  for (const Unit& u : units)
    for (Term t : u.terms) seen.push_back(t.id);
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  for (uint32_t id : seen) ++df_[id];
  ++articles_;
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
      postings_[t.id].push_back(id);
    }
  }
}

void PassageIndex::MatchUnit(const Unit& unit, uint32_t here,
                             const std::function<bool(uint32_t)>& skip,
                             std::vector<Pair>& out) const {
  // Probe the rarest terms: a reused sentence shares most of its words, so it shares some
  // of these; very common terms would only cost time (and list topical neighbours).
  std::vector<std::pair<size_t, uint32_t>> probes;
  for (Term t : unit.terms) {
    const size_t n = postings_[t.id].size();
    if (n > 0 && n <= opt_.max_posting) probes.push_back({n, t.id});
  }
  std::sort(probes.begin(), probes.end());
  if (probes.size() > static_cast<size_t>(opt_.probes)) probes.resize(opt_.probes);
  hits_.resize(units_.size());
  stamp_.resize(units_.size());
  ++probe_;
  const uint32_t need = probes.size() >= 2 ? 2 : 1;
  std::vector<uint32_t> candidates;
  for (auto [n, id] : probes) {
    for (uint32_t g : postings_[id]) {
      if (stamp_[g] != probe_) stamp_[g] = probe_, hits_[g] = 0;
      if (++hits_[g] == need && !skip(units_[g].article)) candidates.push_back(g);
    }
  }
  std::sort(candidates.begin(), candidates.end());

  double here_weight = 0;  // every term as unshared; shared ones are moved over below
  for (Term t : unit.terms) here_weight += Weight(t, false);
  for (uint32_t g : candidates) {
    const StoredUnit& su = units_[g];
    const uint32_t* other = &terms_[su.first_term];
    double shared = 0, moved = 0;
    int shared_terms = 0, shared_words = 0, shared_numbers = 0;
    for (size_t i = 0, j = 0; i < unit.terms.size() && j < su.terms;) {
      if (unit.terms[i].id < other[j]) {
        ++i;
      } else if (other[j] < unit.terms[i].id) {
        ++j;
      } else {
        shared += Weight(unit.terms[i], true), moved += Weight(unit.terms[i], false);
        ++shared_terms;
        shared_words += unit.terms[i].kind == TermKind::kWord;
        shared_numbers += unit.terms[i].kind == TermKind::kNumber;
        ++i, ++j;
      }
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
  const std::vector<Unit> units = Units(article);
  if (index) CountTerms(units);  // this article counts in the IDF it is scored with
  log_articles_ = std::log(articles_ + opt_.idf_prior);
  std::vector<PassageMatch> out = Merge(units, Match(units, skip));
  if (index) Index(units, self);
  return out;
}

}  // namespace sitrep::dedup
