#include "ner/conll.h"

#include <fstream>

#include "ner/conlleval.h"
#include "util/input_error.h"

namespace sitrep::ner {

std::vector<ConllDocument> ReadConll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open");
  std::vector<ConllDocument> docs;
  ConllSentence sentence;
  auto close_sentence = [&] {
    if (sentence.words.empty()) return;
    if (docs.empty()) docs.emplace_back();
    docs.back().sentences.push_back(std::move(sentence));
    sentence = {};
  };
  std::string line;
  long number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      close_sentence();
      continue;
    }
    auto first_space = line.find_first_of(" \t");
    auto last_space = line.find_last_of(" \t");
    if (first_space == std::string::npos)
      throw InputError(path + ":" + std::to_string(number) + ": expected \"token ... tag\" columns");
    std::string word = line.substr(0, first_space);
    std::string tag = line.substr(last_space + 1);
    if (word == "-DOCSTART-") {
      close_sentence();
      docs.emplace_back();
      continue;
    }
    if (tag != "O" && (tag.size() < 3 || tag[1] != '-' || (tag[0] != 'I' && tag[0] != 'B' &&
                                                          tag[0] != 'E' && tag[0] != 'S')))
      throw InputError(path + ":" + std::to_string(number) + ": bad tag \"" + tag + "\"");
    sentence.words.push_back(std::move(word));
    sentence.tags.push_back(std::move(tag));
  }
  close_sentence();
  // A -DOCSTART- right before the end, or two in a row, leaves an empty document.
  std::erase_if(docs, [](const ConllDocument& d) { return d.sentences.empty(); });
  return docs;
}

std::vector<Chunk> ChunksOf(const std::vector<std::string>& tags) {
  std::vector<Chunk> out;
  std::string prev_tag = "O", prev_type, tag, type;
  bool open = false;
  for (size_t i = 0; i <= tags.size(); ++i) {
    if (i < tags.size()) {
      SplitTag(tags[i], tag, type);
    } else {
      tag = "O";
      type.clear();
    }
    if (open && EndOfChunk(prev_tag, tag, prev_type, type)) {
      out.back().end = int(i);
      open = false;
    }
    if (i < tags.size() && StartOfChunk(prev_tag, tag, prev_type, type)) {
      if (open) out.back().end = int(i);  // a start always closes what was open
      out.push_back({int(i), int(i), type});
      open = true;
    }
    prev_tag = tag;
    prev_type = type;
  }
  return out;
}

}  // namespace sitrep::ner
