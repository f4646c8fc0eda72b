#include "quotes/provenance.h"

namespace sitrep::quotes {

void TraceProvenance(Article& article) {
  for (Attribution& a : article.attributions) a.speaker = std::string(article.Text(a.source));
}

}  // namespace sitrep::quotes
