// CoNLL-2003 column files ("token POS chunk tag" a line, a blank line between sentences,
// "-DOCSTART-" between documents) and the chunks their tags stand for.
#pragma once

#include <string>
#include <vector>

namespace sitrep::ner {

struct ConllSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;  // the last column: "I-PER", "B-LOC", "O" (IOB1 or IOB2)
};

struct ConllDocument {
  std::vector<ConllSentence> sentences;
};

// Reads a whole file; throws InputError naming the file and line for a malformed one.
std::vector<ConllDocument> ReadConll(const std::string& path);

// A typed run of tokens [begin, end) within one sentence.
struct Chunk {
  int begin = 0, end = 0;
  std::string type;
  bool operator==(const Chunk&) const = default;
};

// The chunks a tag sequence stands for, by conlleval's rules (see conlleval.h).
std::vector<Chunk> ChunksOf(const std::vector<std::string>& tags);

}  // namespace sitrep::ner
