#include "claims/terms.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "entities/countries.h"

namespace sitrep::claims {

bool Intersect(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else return true;
  }
  return false;
}

void SortUnique(std::vector<uint32_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// The article's tokens inside a span, found by binary search: tokens are in text order.
std::span<const Span> TokensIn(const Article& a, Span span) {
  auto first = std::lower_bound(a.tokens.begin(), a.tokens.end(), span.begin,
                                [](const Span& t, uint32_t at) { return t.end <= at; });
  auto last = std::lower_bound(first, a.tokens.end(), span.end,
                               [](const Span& t, uint32_t at) { return t.begin < at; });
  return {first, last};
}

size_t SharedCount(const TermVector& a, const TermVector& b, const std::unordered_set<uint32_t>* common) {
  size_t n = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (i->first < j->first) ++i;
    else if (j->first < i->first) ++j;
    else n += !common || !common->count(i->first), ++i, ++j;
  }
  return n;
}

double Cosine(const TermVector& a, const TermVector& b) {
  double dot = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (i->first < j->first) ++i;
    else if (j->first < i->first) ++j;
    else dot += (i++)->second * (j++)->second;
  }
  return dot;
}

std::string SharedTerms(const TermVector& a, const TermVector& b, const dedup::Vocabulary& vocab) {
  std::vector<std::pair<double, std::string>> shared;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (i->first < j->first) ++i;
    else if (j->first < i->first) ++j;
    else shared.push_back({-(i->second * j->second), vocab.Key(i->first)}), ++i, ++j;
  }
  std::sort(shared.begin(), shared.end());
  std::string out;
  for (size_t k = 0; k < shared.size() && k < 5; ++k) out += (k ? ", " : "") + shared[k].second;
  return out;
}

// A token's term. As an actor, a country's capital, people or seat of government is the country itself,
// so "Warsaw refused" and "the Polish government refused" name one actor.
bool TermOf(std::string_view token, bool sentence_initial, dedup::Vocabulary& vocab, dedup::Term& t,
            bool as_actor) {
  if (as_actor && !token.empty() && token[0] >= 'A' && token[0] <= 'Z') {
    const std::string_view country = CountryOf(token);
    if (!country.empty()) return vocab.Lookup(country, false, t);
  }
  return vocab.Lookup(token, sentence_initial, t);
}

// A denial seldom repeats the verbs of what it denies: "forced X to join the war" answers
// "pressed X to send troops into the fighting". Words of one kind of deed are read as one
// term (the first of each row) when a denial is matched to its claim.
constexpr const char* kDeedWords[] = {
    "force forced forcing pressure pressured pressuring press pressed push pushed persuade persuaded "
    "coerce coerced compel compelled drag dragged demand demands demanded urge urged",
    "join joined joining involve involved involvement involving participate participation enter "
    "intervene intervention",
    "war warfare fighting fight invasion invade offensive operation hostilities",
    "attack attacked strike struck assault bomb bombed shelling shelled",
    "kill killed killing murder murdered dead died death",
    "arrest arrested detain detained detention custody",
    "resign resigned resignation quit step",
};


// Verbs of every kind of story, whose sharing is chance: what is made, done, taken or needed.
constexpr const char* kCommonVerbs =
    "make makes made making go goes went gone going take takes took taken taking get gets got getting "
    "come comes came coming give gives gave given giving do does did done doing have has had having "
    "need needs needed want wants wanted see sees saw seen know knows knew known think thinks thought "
    "put puts keep keeps kept let lets seem seems seemed look looks looked use uses used";

constexpr std::array kCalendarNames = {"Monday",  "Tuesday",  "Wednesday", "Thursday", "Friday",
                                       "Saturday", "Sunday",  "January",   "February", "March",
                                       "April",   "May",      "June",      "July",     "August",
                                       "September", "October", "November", "December"};

std::unordered_set<uint32_t> ReadCommonTerms(dedup::Vocabulary& vocab) {
  std::unordered_set<uint32_t> out;
  const std::string_view words(kCommonVerbs);
  for (size_t at = 0; at < words.size();) {
    size_t end = words.find(' ', at);
    if (end == std::string_view::npos) end = words.size();
    dedup::Term t;
    if (vocab.Lookup(words.substr(at, end - at), false, t)) out.insert(t.id);
    at = end + 1;
  }
  for (const char* name : kCalendarNames) {
    dedup::Term t;
    if (vocab.Lookup(name, false, t)) out.insert(t.id);
  }
  return out;
}

bool IsCalendarName(std::string_view token) {
  if (token.size() < 3 || token.size() > 9 || token[0] < 'A' || token[0] > 'Z') return false;
  for (std::string_view name : kCalendarNames)
    if (name.size() == token.size() && name[0] == token[0] && std::equal(name.begin() + 1, name.end(), token.begin() + 1,
                                                  [](char x, char y) { return x == (y | 0x20); }))
      return true;
  return false;
}

DeedTerms ReadDeeds(dedup::Vocabulary& vocab) {
  DeedTerms out;
  for (const char* row : kDeedWords) {
    std::string_view r(row);
    std::optional<uint32_t> head;
    for (size_t at = 0; at < r.size();) {
      size_t end = r.find(' ', at);
      if (end == std::string_view::npos) end = r.size();
      dedup::Term t;
      if (vocab.Lookup(r.substr(at, end - at), false, t)) {
        if (!head) head = t.id;
        out.emplace(t.id, *head);
      }
      at = end + 1;
    }
  }
  return out;
}

// Calls `fn` on each word of a compound joined by hyphens: "in February-March" says what "in
// February, in March" says. One with a digit ("S-400", "20-year-old") is one term.
template <class Fn>
void ForEachWordOfCompound(std::string_view token, Fn&& fn) {
  if (token.find('-') == std::string_view::npos || dedup::HasDigit(token)) return fn(token);
  bool any = false;
  for (size_t from = 0; from <= token.size();) {
    const size_t dash = std::min(token.find('-', from), token.size());
    if (dash > from) fn(token.substr(from, dash - from)), any = true;
    from = dash + 1;
  }
  if (!any) fn(token);
}

// The terms of a span; its names and figures go to `names` and `numbers` when given.
// With `deeds`, as a denial is matched: countries for their capitals and peoples, one term a
// kind of deed.
void CountTerms(const Article& a, Span span, dedup::Vocabulary& vocab, TermCounts& tf, const DeedTerms* deeds,
                std::vector<uint32_t>* names, std::vector<uint32_t>* numbers) {
  bool first = true;
  auto count = [&](std::string_view word) {
    dedup::Term t;
    if (TermOf(word, first, vocab, t, deeds != nullptr)) {
      if (deeds)
        if (auto it = deeds->find(t.id); it != deeds->end()) t.id = it->second;
      tf[t.id] += 1;
      // Names tell events apart as actors: "Polish" and "Poland" are one.
      dedup::Term actor;
      if (names && t.kind == dedup::TermKind::kName && !IsCalendarName(word))
        names->push_back(TermOf(word, false, vocab, actor, true) ? actor.id : t.id);
      if (numbers && t.kind == dedup::TermKind::kNumber) numbers->push_back(t.id);
    }
    first = false;
  };
  for (const Span& token : TokensIn(a, span))
    ForEachWordOfCompound(a.Text(token), count);
}

TermVector TermWeights::Vector(const TermCounts& tf) const {
  TermVector v;
  for (auto& [term, count] : tf) {
    auto it = df.find(term);
    v.push_back({term, (1 + std::log(count)) * std::log(1 + n / (it == df.end() ? 1 : it->second))});
  }
  std::sort(v.begin(), v.end());
  double norm = 0;
  for (auto& [term, w] : v) norm += w * w;
  if (norm > 0)
    for (auto& [term, w] : v) w /= std::sqrt(norm);
  return v;
}

}  // namespace sitrep::claims
