// A transcription of conlleval.pl (CoNLL-2000/2003): the same start/end tests, the same
// counting loop, the same treatment of a sentence boundary as an "O" token.
#include "ner/conlleval.h"

#include <set>

namespace sitrep::ner {

void SplitTag(const std::string& full, std::string& tag, std::string& type) {
  auto dash = full.find('-');
  if (dash == std::string::npos) {
    tag = full;
    type.clear();
  } else {
    tag = full.substr(0, dash);
    type = full.substr(dash + 1);
  }
}

bool EndOfChunk(const std::string& prev_tag, const std::string& tag, const std::string& prev_type,
                const std::string& type) {
  bool end = false;
  if (prev_tag == "B" && tag == "B") end = true;
  if (prev_tag == "B" && tag == "O") end = true;
  if (prev_tag == "I" && tag == "B") end = true;
  if (prev_tag == "I" && tag == "O") end = true;
  if (prev_tag == "E" && tag == "E") end = true;
  if (prev_tag == "E" && tag == "I") end = true;
  if (prev_tag == "E" && tag == "O") end = true;
  if (prev_tag != "O" && prev_tag != "." && prev_type != type) end = true;
  if (prev_tag == "]" || prev_tag == "[") end = true;
  return end;
}

bool StartOfChunk(const std::string& prev_tag, const std::string& tag, const std::string& prev_type,
                  const std::string& type) {
  bool start = false;
  if (prev_tag == "B" && tag == "B") start = true;
  if (prev_tag == "I" && tag == "B") start = true;
  if (prev_tag == "O" && tag == "B") start = true;
  if (prev_tag == "O" && tag == "I") start = true;
  if (prev_tag == "E" && tag == "E") start = true;
  if (prev_tag == "E" && tag == "I") start = true;
  if (prev_tag == "O" && tag == "E") start = true;
  if (tag != "O" && tag != "." && prev_type != type) start = true;
  if (tag == "[" || tag == "]") start = true;
  return start;
}

void ConllEval::AddSentence(const std::vector<std::string>& gold,
                            const std::vector<std::string>& guessed) {
  // Each sentence starts after a boundary, which conlleval reads as tag "O" of no type.
  std::string last_correct = "O", last_correct_type, last_guessed = "O", last_guessed_type;
  std::string correct, correct_type, guess, guess_type;
  bool in_correct = false;
  auto step = [&](const std::string& gold_full, const std::string& guess_full, bool real) {
    SplitTag(gold_full, correct, correct_type);
    SplitTag(guess_full, guess, guess_type);
    if (in_correct) {
      bool gold_end = EndOfChunk(last_correct, correct, last_correct_type, correct_type);
      bool guess_end = EndOfChunk(last_guessed, guess, last_guessed_type, guess_type);
      if (gold_end && guess_end && last_guessed_type == last_correct_type) {
        in_correct = false;
        ++correct_chunk_;
        ++correct_by_type_[last_correct_type];
      } else if (gold_end != guess_end || guess_type != correct_type) {
        in_correct = false;
      }
    }
    bool gold_start = StartOfChunk(last_correct, correct, last_correct_type, correct_type);
    bool guess_start = StartOfChunk(last_guessed, guess, last_guessed_type, guess_type);
    if (gold_start && guess_start && guess_type == correct_type) in_correct = true;
    if (gold_start) {
      ++found_correct_;
      ++gold_by_type_[correct_type];
    }
    if (guess_start) {
      ++found_guessed_;
      ++guessed_by_type_[guess_type];
    }
    if (real) {
      if (correct == guess && guess_type == correct_type) ++correct_tags_;
      ++tokens_;
    }
    last_guessed = guess;
    last_correct = correct;
    last_guessed_type = guess_type;
    last_correct_type = correct_type;
  };
  size_t n = std::min(gold.size(), guessed.size());
  for (size_t i = 0; i < n; ++i) step(gold[i], guessed[i], true);
  step("O", "O", false);  // the boundary closes any open chunk
}

namespace {
Prf Make(long correct, long guessed, long gold) {
  Prf p;
  p.precision = guessed > 0 ? double(correct) / guessed : 0;
  p.recall = gold > 0 ? double(correct) / gold : 0;
  p.f1 = p.precision + p.recall > 0 ? 2 * p.precision * p.recall / (p.precision + p.recall) : 0;
  return p;
}
long Get(const std::map<std::string, long>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}
}  // namespace

Prf ConllEval::Overall() const { return Make(correct_chunk_, found_guessed_, found_correct_); }

Prf ConllEval::OfType(const std::string& type) const {
  return Make(Get(correct_by_type_, type), Get(guessed_by_type_, type), Get(gold_by_type_, type));
}

std::vector<std::string> ConllEval::Types() const {
  std::set<std::string> all;
  for (auto& [k, v] : gold_by_type_) all.insert(k);
  for (auto& [k, v] : guessed_by_type_) all.insert(k);
  return {all.begin(), all.end()};
}

}  // namespace sitrep::ner
