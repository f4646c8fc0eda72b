#include "pipeline/analyse.h"

#include <future>
#include <optional>

#include "ner/ner.h"
#include "quotes/quotes.h"
#include "time/timex.h"

namespace sitrep {

struct Analyser::Models {
  std::optional<ner::NerModel> ner;
};

Analyser::Analyser() : models_(std::make_unique<Models>()) {
  // The two models load side by side (each is a few MB to decompress and index).
  auto quotes_error = std::async(std::launch::async, [] { return QuoteModelError(); });
  const std::string path = ner::DefaultModelPath();
  try {
    models_->ner = ner::NerModel::Load(path);
  } catch (const std::exception& e) {
    problems_.push_back(std::string("entity model: ") + e.what());
  }
  if (const std::string error = quotes_error.get(); !error.empty()) problems_.push_back("quotes model: " + error);
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
