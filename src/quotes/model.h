// The quotes stage's learned part, shared by FindAttributions, training and evaluation:
// token views of an article, the features of the two taggers, and decoding.
//
// Two taggers, both SequenceTaggers. The cue tagger reads one sentence at a time and marks
// cue words (B/I/O). The role tagger then reads a window around each cue (its sentence and
// the ones beside it) with features relative to that cue (side, distance, commas and quote
// marks between, same quotation) and marks source and content tokens.
#pragma once

#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "quotes/ranker.h"
#include "quotes/tagger.h"

namespace sitrep::quotes {

// Text a feature names, hashed once when made: a feature of it then costs a multiply, not a
// hash of its bytes (the hashing was a sixth of the stage). A string otherwise; made only whole
// (no assignment of a plain string), so the hash always fits the text.
struct HashedString : std::string {
  HashedString() : HashedString(std::string()) {}
  explicit HashedString(std::string s);
  HashedString(const char* s) : HashedString(std::string(s)) {}  // NOLINT: "<none>" beside a word
  uint64_t hash = 0;
};

// What the features need of each token, computed once an article.
struct TokenInfo {
  Span span;
  HashedString lower;    // ASCII-lowered text
  HashedString shape;    // "Xx", "x", "d", "“": letters and digits by class, runs squeezed
  uint32_t sentence = 0;
  uint32_t paragraph = 0;
  int quote_mark = 0;    // +1 opens a quotation, -1 closes one, 0 neither
  int region = -1;       // the quotation the token lies in (marks included), -1 outside
  // Worked out once per token (the feature extractors ask for them many times over):
  HashedString stem;                 // the lower-cased word without its inflection (Stem in model.cc)
  const char* word_class = "other";  // see WordClass in model.cc: "that", "det", "aux", "cap" ...
  bool punct = false;                // punctuation or a quotation mark, no word
  bool comma = false;
  bool clause_mark = false;          // punctuation that ends or starts a clause (ClauseMark in model.cc)
};

struct ArticleView {
  const Article* article = nullptr;
  std::vector<TokenInfo> tokens;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;  // token ranges [first, last)
};

ArticleView ViewOf(const Article& a);

// Token ranges.
struct TokenRange {
  uint32_t begin = 0, end = 0;
  bool empty() const { return begin >= end; }
};

enum CueTag { kCueOut = 0, kCueBegin = 1, kCueIn = 2 };
enum RoleTag { kOut = 0, kSourceBegin = 1, kSourceIn = 2, kContentBegin = 3, kContentIn = 4 };

// How often each word (stemmed) is a cue in the training data, as a small class: lets the cue
// tagger generalise from a word's rate rather than only its own weights, which a perceptron
// learns poorly for the long tail of verbs seen a few times.
struct CueLexicon {
  std::unordered_map<uint32_t, uint8_t> rate;  // stem hash -> class (see RateClass in model.cc)
  const char* Class(const std::string& stem) const;
  const char* ClassOf(const HashedString& stem) const;  // the same, from the hash it carries
  int RateOf(uint32_t stem_hash) const;  // the class, -1 for a stem not counted
  // Copies `rate` into a flat table that lookups read (a few times faster than the map; they
  // run for every token); lookups read the map while `rate` differs from it in size.
  void Freeze();

 private:
  std::vector<std::pair<uint32_t, uint8_t>> flat_;
  uint32_t mask_ = 0;
  size_t frozen_size_ = 0;
};

struct QuoteModel {
  QuoteModel();
  SequenceTagger cues;
  SequenceTagger roles;
  Ranker starts, ends;  // move the tagger's content boundaries to the likeliest clause edges
  Ranker source_starts, source_ends;  // the same for its source
  std::vector<float> cue_bias;  // added to the cue tagger's B tag: chosen on held-out training data
  CueLexicon lexicon;
  bool Load(std::istream& in);
  void Save(std::ostream& out) const;
};

FeatureRows CueFeatures(const ArticleView& v, uint32_t first, uint32_t last, const CueLexicon& lexicon);
// The window the role tagger reads for a cue: token range over neighbouring sentences.
TokenRange RoleWindow(const ArticleView& v, TokenRange cue);
FeatureRows RoleFeatures(const ArticleView& v, TokenRange window, TokenRange cue,
                         const std::vector<bool>& other_cue, const CueLexicon& lexicon);

// One found attribution in tokens, before it becomes spans.
struct TokenAttribution {
  TokenRange cue, source;
  std::vector<TokenRange> content;  // pieces, in order; the quote's span is their hull
};

std::vector<TokenRange> FindCues(const QuoteModel& m, const ArticleView& v);
std::vector<TokenAttribution> FindTokenAttributions(const QuoteModel& m, const ArticleView& v);
// The same for given cues (evaluation with gold cues shows the role tagger on its own).
std::vector<TokenAttribution> AttributionsForCues(const QuoteModel& m, const ArticleView& v,
                                                  const std::vector<TokenRange>& cues);
TokenRange TokensOf(const ArticleView& v, Span s);

// Gold attributions in bytes, for training and evaluation.
struct GoldAttribution {
  Span cue, source;
  std::vector<Span> content;
  Span ContentHull() const;
};
struct GoldDocument {
  std::string id;
  Article article;  // text, paragraphs, sentences and tokens
  std::vector<GoldAttribution> attributions;
};

// Trains both taggers on `docs` (one core); prints progress to stderr.
QuoteModel Train(const std::vector<GoldDocument>& docs, int epochs);

}  // namespace sitrep::quotes
