// Named entities: a sequence tagger for persons, organisations, places and other names
// (PER, ORG, LOC, MISC, as CoNLL-2003 defines them), trained on CoNLL-2003 English with word
// clusters learned from unlabelled news. Two passes: the second sees the first's labels for
// the same word elsewhere in the article, so "Harbour Bank" and a later "Harbour" agree.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "article.h"

namespace sitrep::ner {

struct ModelParts;

class NerModel {
 public:
  NerModel();
  ~NerModel();
  NerModel(NerModel&&) noexcept;
  NerModel& operator=(NerModel&&) noexcept;

  // Throws std::runtime_error naming the file when it is missing or not a model.
  static NerModel Load(const std::string& path);
  void Save(const std::string& path) const;

  const ModelParts& parts() const { return *parts_; }
  ModelParts& parts() { return *parts_; }

 private:
  std::unique_ptr<ModelParts> parts_;
};

// Where the model is looked for: $SITREP_NER_MODEL, else models/ner.model beside the source
// tree the binary was built in (found from the binary's location, then $SITREP_SOURCE_DIR,
// then the source folder it was compiled from).
std::string DefaultModelPath();

// Fills article.mentions from article.tokens and article.sentences (made by Segment).
void TagMentions(const NerModel& model, Article& article);

// One document as sentences of tokens; returns IOB2 tags ("B-PER", "I-PER", "O") a token.
std::vector<std::vector<std::string>> TagSentences(const NerModel& model,
                                                   const std::vector<std::vector<std::string>>& sentences);

}  // namespace sitrep::ner
