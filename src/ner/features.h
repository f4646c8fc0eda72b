// What the tagger looks at: each token becomes a list of hashed features (word, shape,
// affixes, a context window, word clusters and capitalisation learned from unlabelled news,
// gazetteer matches, and how the same word is written elsewhere in the document). The
// second pass adds what the first pass decided about the neighbours and about the same word
// elsewhere in the document, so one name gets one type throughout a story.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ner/key_map.h"

namespace sitrep::ner {

// Types in label order; labels are BILOU: 0 is O, then B, I, L, U for each type.
constexpr int kTypes = 4;
constexpr int kLabels = 1 + 4 * kTypes;
const char* TypeName(int type);  // "PER", "ORG", "LOC", "MISC"
int TypeOf(std::string_view name);  // -1 when unknown
inline int LabelType(int label) { return label == 0 ? -1 : (label - 1) / 4; }
inline int LabelPos(int label) { return label == 0 ? -1 : (label - 1) % 4; }  // 0 B, 1 I, 2 L, 3 U
inline int MakeLabel(int type, int pos) { return 1 + 4 * type + pos; }

uint64_t HashBytes(std::string_view s);

// How news text writes a word, learned from unlabelled text: cluster ids of its embedding at
// three granularities, and how often its lower-case form is capitalised mid-sentence.
struct Lexicon {
  KeyMap<uint32_t> clusters;  // HashBytes(word) -> c0 | c1 << 10 | c2 << 20, each + 1
  KeyMap<uint8_t> capitalised;  // HashBytes(lower) -> bucket 1..5
};

// Multi-word names by type, matched case-sensitively, longest first.
class Gazetteer {
 public:
  static constexpr int kMaxWords = 6;
  void Add(const std::vector<std::string>& words, int type);
  // Per token of [begin, end), 3 bits per type: 0 none, 1 + BILOU position of the longest
  // match. Takes the words' HashBytes and, when given, their Parts (of [begin, end)): then
  // a run of words is looked up only if its words can make a name of some type (the first
  // opens one, each is in one, the last ends one), which every stored name's words can.
  void Match(const std::vector<uint64_t>& word_hashes, size_t begin, size_t end,
             std::vector<uint16_t>& codes, const uint16_t* parts = nullptr) const;
  // The roles a word plays in names: bit 2t for a first word of a multi-word name of type t,
  // bit 2t + 1 for a last word ("Maria" opens names of persons, "Corp" ends organisations),
  // bit 8 + t for any word of a name of type t.
  uint16_t Parts(uint64_t word_hash) const;
  // Starts fetching what Parts(word_hash) will read.
  void PrefetchParts(uint64_t word_hash) const;
  size_t size() const { return phrases_.size(); }
  const KeyMap<uint8_t>& phrases() const { return phrases_; }
  KeyMap<uint8_t>& phrases() { return phrases_; }

 private:
  KeyMap<uint8_t> phrases_;  // phrase hash -> bit mask of types; and PartKey(word) -> parts
};

// One document: its tokens as text, and where each sentence starts.
struct DocInput {
  std::vector<std::string> words;
  std::vector<uint32_t> sentence_begin;  // ascending; sentence k is [begin[k], begin[k+1] or end)
  size_t SentenceEnd(size_t k) const {
    return k + 1 < sentence_begin.size() ? sentence_begin[k + 1] : words.size();
  }
};

// Token i's features are hashes[offsets[i], offsets[i+1]).
struct Features {
  std::vector<uint64_t> hashes;
  std::vector<uint32_t> offsets;
  void Clear() {
    hashes.clear();
    offsets.assign(1, 0);
  }
  size_t tokens() const { return offsets.size() - 1; }
};

// The word as the tagger sees it: typographic quotes, apostrophes and dashes made ASCII,
// as CoNLL's tokens are.
std::string NormaliseWord(std::string_view token);

// First-pass features of every token of the document.
void FirstPassFeatures(const Lexicon& lexicon, const Gazetteer& gazetteer, const DocInput& doc,
                       Features& out);
// Second-pass features (on top of the first pass's): what the first pass's labels (one a
// token) say about the neighbours and the same word elsewhere in the document.
void SecondPassFeatures(const DocInput& doc, const std::vector<uint8_t>& labels, Features& out);

}  // namespace sitrep::ner
