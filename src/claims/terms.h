// Statements as weighted terms: the words and names the claims stage compares, with a
// country's capital, people or seat of government read as the country where an actor is meant.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "article.h"
#include "dedup/words.h"

namespace sitrep::claims {

using TermVector = std::vector<std::pair<uint32_t, double>>;  // sorted by term, unit length
using TermCounts = std::unordered_map<uint32_t, double>;
// Term id → the term of its kind of deed ("pressed" → "force"), in one story's vocabulary.
using DeedTerms = std::unordered_map<uint32_t, uint32_t>;

// Whether two sorted id lists share an id.
bool Intersect(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);
void SortUnique(std::vector<uint32_t>& ids);

// The article's tokens inside a span.
std::span<const Span> TokensIn(const Article& a, Span span);
inline bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// The terms two vectors share, not counting `common` ones when given.
size_t SharedCount(const TermVector& a, const TermVector& b, const std::unordered_set<uint32_t>* common = nullptr);
double Cosine(const TermVector& a, const TermVector& b);
// The terms two vectors share, heaviest first, as a reason a person can check.
std::string SharedTerms(const TermVector& a, const TermVector& b, const dedup::Vocabulary& vocab);

// A token's term; `as_actor` reads a capital, people or seat of government as its country.
bool TermOf(std::string_view token, bool sentence_initial, dedup::Vocabulary& vocab, dedup::Term& t,
            bool as_actor);

// The story's deed terms: one term for each kind of deed (forcing, joining, war, ...).
DeedTerms ReadDeeds(dedup::Vocabulary& vocab);

// The story's terms for the verbs any statement may use ("made", "go", "take", "need") and for
// days and months ("Friday"; without the articles' dates, any week's Friday): two statements
// that share only these and one or two more words say nothing alike.
std::unordered_set<uint32_t> ReadCommonTerms(dedup::Vocabulary& vocab);

// A day of the week or a month: a date, which tells one occurrence only against the
// article's own date, not a name of who or where.
bool IsCalendarName(std::string_view token);

// The terms of a span; its names and figures go to `names` and `numbers` when given.
// With `deeds`, as a denial is matched: countries for their capitals and peoples, one term a
// kind of deed.
void CountTerms(const Article& a, Span span, dedup::Vocabulary& vocab, TermCounts& tf, const DeedTerms* deeds,
                std::vector<uint32_t>* names = nullptr, std::vector<uint32_t>* numbers = nullptr);

// Document frequencies over the story's statements: a word every statement uses says nothing.
struct TermWeights {
  std::unordered_map<uint32_t, int> df;
  double n = 0;
  TermVector Vector(const TermCounts& tf) const;
};

}  // namespace sitrep::claims
