// Reused passages: sentences that two otherwise different articles share, also when lightly
// edited or translated differently ("The mayor demands an immediate halt to the works
// on the bridge" / "The mayor demands that work on the bridge stop at once").
//
// A sentence (split further at inner full stops, since a quote of several sentences is one
// Sentence in the model) becomes a set of terms (see words.h). Candidates come from an
// inverted index over its rarest terms; a pair scores by IDF-weighted Dice over the terms
// (2·shared / (2·shared + unshared), so kinds may weigh differently shared and unshared),
// numbers weighing more and names less, and must share some ordinary words. Matched
// sentences that follow each other in both texts merge into one passage.
//
// Topical overlap (two sentences that both mention the mayor, the governor, the bridge and the budget)
// stays below the threshold: names weigh half, words common in the articles seen weigh
// little, and such sentences differ in the rest of their words. On the example corpus the
// reused sentences score 0.60-0.96, the closest topical pair 0.41 (passages_test.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "article.h"
#include "dedup/words.h"

namespace sitrep::dedup {

struct PassageOptions {
  double pair_threshold = 0.5;   // weighted Dice a sentence pair must reach
  int min_pair_terms = 4;        // distinct terms a sentence pair must share
  int min_pair_words = 3;        // ... of which ordinary words (not names or numbers)
  int min_passage_terms = 7;     // terms a whole passage must share (summed over its pairs)
  // Names mark a topic, not a wording: two reports of one meeting share "Mayor Ivan
  // Petrenko", "Governor Olena Kovalenko", "Riverside", "March 3"
  // without sharing a statement. A reused statement shares its ordinary words. A name only
  // one side has, though, says the other side is about someone else: wire templates
  // ("X Corp said it filed ... a registration statement") differ in just their names.
  double name_weight = 0.5;
  double other_name_weight = 1.5;
  double number_weight = 1.5;    // a figure ("155,221 bags") is strong evidence of one source
  // Two sentences that both give figures but share fewer than half of them (of the side
  // with fewer) report different facts in the same words: "X filed for a 25 mln dlr issue"
  // / "Y filed for a 100 mln dlr issue". Such templates fill wire copy; they are not one
  // passage reused.
  bool reject_other_figures = true;
  double idf_prior = 10;         // pseudo-articles that flatten IDF while few are seen
  size_t max_posting = 60;      // terms in more units than this are not probed: flat cost
  int probes = 12;               // rarest terms of a sentence that are probed
  int max_others = 5;            // other articles a sentence may match, best first
  int max_gap = 1;               // unmatched sentences a passage may bridge; -1: no merging
};

struct PassageMatch {
  uint32_t other = 0;  // the other article's index, as given to Add
  Span here, there;
  double similarity = 0;  // weighted Dice over the passage's matched sentences
};

class PassageIndex {
 public:
  explicit PassageIndex(PassageOptions options = {});

  // Passages `article` shares with indexed articles for which skip(index) is false. When
  // `index` is set, the article's sentences are then indexed as number `self`.
  std::vector<PassageMatch> Add(const Article& article, uint32_t self, bool index,
                                const std::function<bool(uint32_t)>& skip);
  // The same with the article's TokenHashes (words.h) already computed.
  std::vector<PassageMatch> Add(const Article& article, std::span<const TokenHash> tokens,
                                uint32_t self, bool index,
                                const std::function<bool(uint32_t)>& skip);

  // The terms of each matching unit of an article, for tests and tuning.
  struct Unit {
    Span span;
    std::vector<Term> terms;  // distinct, sorted by id
    uint32_t numbers = 0;     // how many of them are numbers
  };
  std::vector<Unit> Units(const Article& article);
  std::vector<Unit> Units(const Article& article, std::span<const TokenHash> tokens);
  const Vocabulary& vocabulary() const { return vocab_; }

 private:
  struct Pair {
    uint32_t here, there;  // unit indexes: local here, global there
    double shared;  // weight of the shared terms
    double rest;    // weight of the terms only one side has
    int shared_terms;
  };
  void FillUnits(const Article& article, std::span<const TokenHash> tokens,
                 std::vector<Unit>& units);
  double Weight(const Term& t, bool shared) const;
  double Weight(uint32_t unit) const;
  void CountTerms(const std::vector<Unit>& units);
  void Index(const std::vector<Unit>& units, uint32_t self);
  std::vector<Pair> Match(const std::vector<Unit>& units,
                          const std::function<bool(uint32_t)>& skip) const;
  void MatchUnit(const Unit& unit, uint32_t here, const std::function<bool(uint32_t)>& skip,
                 std::vector<Pair>& out) const;
  void FindCandidates(const Unit& unit, const std::function<bool(uint32_t)>& skip) const;
  void MarkTerms(const Unit& unit) const;
  uint32_t NextStamp() const;
  std::vector<PassageMatch> Merge(const std::vector<Unit>& units, std::vector<Pair> pairs) const;

  double LogCount(uint32_t n) const;

  PassageOptions opt_;
  Vocabulary vocab_;
  double log_articles_ = 0;           // log(articles_ + prior), for this Add
  mutable std::vector<double> log_counts_;  // n → log(n + 1), so weights need no log call
  // Probe hits a stored unit, stamped with the unit being matched: no clearing, no hashing.
  // Stamp and count share 32 bits, so the array over every stored unit is half the size
  // it would be and more of it stays in cache.
  static constexpr uint32_t kStamps = 1 << 24;
  mutable std::vector<uint32_t> hits_;
  mutable uint32_t probe_ = 0;  // stamp of the unit being matched, below kStamps
  // The unit being matched, by term: (probe_ << 32 | its position in unit.terms), so a
  // stored unit's terms are checked against it by lookup rather than by a merge; and its
  // terms' weights, shared and not, computed once for all its candidates.
  mutable std::vector<uint64_t> mark_;
  mutable std::vector<double> shared_weight_, own_weight_;
  mutable std::vector<std::pair<size_t, uint32_t>> probes_;
  mutable std::vector<uint32_t> candidates_;
  std::vector<Unit> units_scratch_;  // the units of the article being added
  std::vector<uint32_t> seen_in_;  // term → the last article (counted from 1) it was counted in
  uint32_t articles_ = 0;             // articles indexed
  std::vector<uint32_t> df_;          // term → indexed articles that carry it
  std::vector<TermKind> kind_;        // term → its kind
  std::vector<std::vector<uint32_t>> postings_;  // term → units; empty past max_posting
  std::vector<uint32_t> posting_size_;  // term → how many units, read for every term matched
  struct StoredUnit {
    uint32_t article, local;
    Span span;
    uint32_t first_term, terms;  // range in terms_
    uint32_t numbers;
  };
  std::vector<StoredUnit> units_;
  std::vector<uint32_t> terms_;  // every indexed unit's term ids, sorted a unit
};

}  // namespace sitrep::dedup
