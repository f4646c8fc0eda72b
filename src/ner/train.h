// Training the tagger: word clusters from unlabelled news (fastText vectors, k-means at
// three granularities), gazetteers from the training set's names, then two averaged
// structured perceptrons (Viterbi over BILOU labels). The second pass is trained on the
// first pass's labels as a first pass trained without that part of the data would give them
// (5-fold jackknife), and the gazetteer features on training text come from the other folds,
// so neither pass learns to trust a signal that is perfect only on its own training set.
// Deterministic: fixed seeds, one thread.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "ner/ner.h"

namespace sitrep::ner {

struct TrainOptions {
  std::string train_path;              // CoNLL
  std::string dev_path;                // CoNLL, optional: scored after each epoch, not trained on
  std::vector<std::string> unlabelled;  // JSON Lines with a "text" field (and optional "title")
  int epochs = 8;
  int folds = 5;
  int min_count = 1;  // first-pass features seen fewer times in training are dropped
  int dim = 50;          // fastText vector size
  int vector_epochs = 5;  // fastText passes over the unlabelled text
  int clusters = 1000;   // finest k-means granularity; the coarser are k/5 and k/25
  unsigned seed = 1;
  std::string lexicon_cache;  // when set: the lexicon is read from here if present, else written
  std::string provenance;  // stored in the model: the command that built it
};

// Throws InputError / std::runtime_error for unreadable input. Progress goes to `log`.
NerModel Train(const TrainOptions& options, std::ostream& log);

// Tokens as CoNLL-2003 cuts them, for unlabelled text: punctuation split off words,
// possessive "'s" and "n't" their own tokens, abbreviations ("U.S.", "Corp.") kept whole.
std::vector<std::string> ConllTokens(std::string_view text);

}  // namespace sitrep::ner
