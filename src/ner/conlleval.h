// conlleval's entity scoring, rule for rule: a chunk counts as found only when its first
// and last token and its type all match. Chunk boundaries follow conlleval's startOfChunk
// and endOfChunk, so "I-X" after "O" (or after another type) starts a chunk, "B-X" always
// starts one, and tags may be IOB1, IOB2 or a mix.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sitrep::ner {

struct Prf {
  double precision = 0, recall = 0, f1 = 0;  // fractions, 0..1
};

class ConllEval {
 public:
  // One sentence's gold and guessed tags, the same length. Sentences are independent:
  // a chunk never runs across a call.
  void AddSentence(const std::vector<std::string>& gold, const std::vector<std::string>& guessed);

  Prf Overall() const;
  Prf OfType(const std::string& type) const;
  std::vector<std::string> Types() const;  // every type seen in gold or guesses, sorted
  long tokens() const { return tokens_; }
  long correct_tags() const { return correct_tags_; }
  long gold_chunks() const { return found_correct_; }
  long guessed_chunks() const { return found_guessed_; }
  long correct_chunks() const { return correct_chunk_; }

 private:
  long correct_chunk_ = 0, found_correct_ = 0, found_guessed_ = 0;
  long tokens_ = 0, correct_tags_ = 0;
  std::map<std::string, long> correct_by_type_, gold_by_type_, guessed_by_type_;
};

// conlleval's two boundary tests on split tags ("B", "PER"); exposed for ChunksOf.
bool StartOfChunk(const std::string& prev_tag, const std::string& tag,
                  const std::string& prev_type, const std::string& type);
bool EndOfChunk(const std::string& prev_tag, const std::string& tag,
                const std::string& prev_type, const std::string& type);
// "B-PER" -> ("B", "PER"); "O" -> ("O", "").
void SplitTag(const std::string& full, std::string& tag, std::string& type);

}  // namespace sitrep::ner
