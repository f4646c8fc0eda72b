// Words as the copies stage compares them. Near-duplicates use every word, lower-cased,
// punctuation dropped. Reused passages use terms: English stems without stop words, so
// "demands"/"demand" meet and "the"/"of" say nothing; names (capitalised words) reduced to
// a consonant skeleton, so transliterations meet ("Kovalenko"/"Kovalenka" → "kvlnk");
// numbers as written, without thousands separators.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "util/flat_map.h"

namespace sitrep::dedup {

// A token made of letters or digits (not a punctuation mark).
bool IsWordToken(std::string_view token);

// An ASCII digit anywhere in it ("20-year-old", "1:15").
bool HasDigit(std::string_view s);

// `token` lower-cased into `out` (ASCII fast path, full Unicode otherwise).
void LowerInto(std::string_view token, std::string& out);

// A 64-bit hash of the lower-cased word, for shingles.
uint64_t WordHash(std::string_view token, std::string& scratch);

// A token's two hashes, taken once an article and shared by both uses of its words.
inline constexpr uint64_t kNotWord = 0;
struct TokenHash {
  uint64_t spelling = kNotWord;  // as written, for terms; kNotWord for punctuation
  uint64_t word = 0;             // WordHash, for shingles
};
// A 64-bit hash of a token as written, never kNotWord.
uint64_t SpellingHash(std::string_view token);
// The hashes of each of the article's tokens.
std::vector<TokenHash> TokenHashes(const Article& article);

enum class TermKind : uint8_t { kWord, kName, kNumber };

struct Term {
  uint32_t id = 0;
  TermKind kind = TermKind::kWord;
};

// Maps tokens to term ids, stemming each distinct spelling once. Not thread-safe.
class Vocabulary {
 public:
  Vocabulary();
  ~Vocabulary();
  Vocabulary(const Vocabulary&) = delete;

  // The term of a token; false for punctuation and stop words. `sentence_initial` says the
  // token opens a sentence, where a capital letter does not make a name unless the same
  // spelling was seen inside a sentence (see NoteName).
  bool Lookup(std::string_view token, bool sentence_initial, Term& term) {
    return Lookup(token, Spelling(token), sentence_initial, term);
  }
  // The same with the token's SpellingHash (kNotWord for punctuation) already known.
  bool Lookup(std::string_view token, uint64_t spelling, bool sentence_initial, Term& term);
  // Records a capitalised spelling seen inside a sentence, so it is a name at a sentence's
  // start too ("Petrenko demands ...").
  void NoteName(std::string_view token) { NoteName(token, Spelling(token)); }
  void NoteName(std::string_view token, uint64_t spelling);
  // Brings what is known of a spelling into the cache ahead of its Lookup.
  void Prefetch(uint64_t spelling) const { spellings_.Prefetch(spelling); }

  uint32_t size() const { return static_cast<uint32_t>(keys_.size()); }
  const std::string& Key(uint32_t id) const { return keys_[id]; }  // "stem", "@skeleton", "#123"

 private:
  struct Stemmer;
  static uint64_t Spelling(std::string_view token) {
    return IsWordToken(token) ? SpellingHash(token) : kNotWord;
  }
  uint32_t Intern(const std::string& key, TermKind kind);
  bool Classify(std::string_view token, bool as_name, Term& term);

  std::unique_ptr<Stemmer> stemmer_;
  // What is known of a spelling as written: its term as a name and not (id with the kind
  // in the top bits, kStop, or kUnknown until first needed), and whether it was seen
  // capitalised inside a sentence. One slot, so a token costs one probe.
  struct Known {
    uint32_t plain, name;
    bool seen_as_name = false;
  };
  FlatMap<Known> spellings_;  // by SpellingHash
  FlatMap<uint32_t> ids_;  // key's hash → term id; only on a cache miss
  std::unordered_map<std::string, uint32_t> collided_;  // keys whose hash another key has
  std::vector<std::string> keys_;
  std::string scratch_;
};

}  // namespace sitrep::dedup
