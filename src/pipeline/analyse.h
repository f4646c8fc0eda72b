// The article-level analysis after cleaning: named entities (ner/), who said what (quotes/)
// and time expressions (time/), each a layer of spans on the Article. The models load once;
// one Analyser is shared, read-only, by every builder thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "article.h"

namespace sitrep {

class Analyser {
 public:
  // Loads the models. One that cannot be loaded leaves its layer empty and is named, with
  // the reason, in problems(): the rest of the analysis still runs.
  Analyser();
  ~Analyser();
  // One for the process, loaded on first use: the models are read-only once loaded.
  static const Analyser& Shared();

  void Analyse(Article& article) const;
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  struct Models;
  std::unique_ptr<Models> models_;
  std::vector<std::string> problems_;
};

}  // namespace sitrep
