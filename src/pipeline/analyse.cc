#include "pipeline/analyse.h"

#include <optional>

#include "ner/ner.h"
#include "quotes/quotes.h"
#include "time/timex.h"

namespace sitrep {

struct Analyser::Models {
  std::optional<ner::NerModel> ner;
};

Analyser::Analyser() : models_(std::make_unique<Models>()) {
  const std::string path = ner::DefaultModelPath();
  try {
    models_->ner = ner::NerModel::Load(path);
  } catch (const std::exception& e) {
    problems_.push_back(std::string("entity model: ") + e.what());
  }
  if (!QuoteModelError().empty()) problems_.push_back("quotes model: " + QuoteModelError());
}

Analyser::~Analyser() = default;

const Analyser& Analyser::Shared() {
  static const Analyser shared;
  return shared;
}

void Analyser::Analyse(Article& a) const {
  if (models_->ner) ner::TagMentions(*models_->ner, a);
  FindAttributions(a);
  // Relative dates ("on Monday") need the article's date; without one they stay unanchored.
  a.times = FindTimes(a.text, a.published.when);
}

}  // namespace sitrep
