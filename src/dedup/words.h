// Words as the copies stage compares them. Near-duplicates use every word, lower-cased,
// punctuation dropped. Reused passages use terms: English stems without stop words, so
// "demands"/"demand" meet and "the"/"of" say nothing; names (capitalised words) reduced to
// a consonant skeleton, so transliterations meet ("Lukashenko"/"Lukashenka" → "lkshnk");
// numbers as written, without thousands separators.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sitrep::dedup {

// A token made of letters or digits (not a punctuation mark).
bool IsWordToken(std::string_view token);

// `token` lower-cased into `out` (ASCII fast path, full Unicode otherwise).
void LowerInto(std::string_view token, std::string& out);

// A 64-bit hash of the lower-cased word, for shingles.
uint64_t WordHash(std::string_view token, std::string& scratch);

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
  bool Lookup(std::string_view token, bool sentence_initial, Term& term);
  // Records a capitalised spelling seen inside a sentence, so it is a name at a sentence's
  // start too ("Putin demands ...").
  void NoteName(std::string_view token);

  uint32_t size() const { return static_cast<uint32_t>(keys_.size()); }
  const std::string& Key(uint32_t id) const { return keys_[id]; }  // "stem", "@skeleton", "#123"

 private:
  struct Stemmer;
  uint32_t Intern(const std::string& key, TermKind kind);
  bool Classify(std::string_view token, bool as_name, Term& term);

  std::unique_ptr<Stemmer> stemmer_;
  // Spelling as written (hash, with a bit for "as a name") → term id, or kStop.
  std::unordered_map<uint64_t, uint32_t> cache_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> keys_;
  std::unordered_set<uint64_t> names_;  // capitalised spellings seen inside sentences
  std::string scratch_;
};

}  // namespace sitrep::dedup
