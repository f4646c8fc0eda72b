// Who said what over an article of any text: segmentation, the cue/role tagger, rankers,
// speakers, venues and relays, and the provenance chains the brief prints.
#include "fuzz_support.h"
#include "quotes/quotes.h"
#include "util/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::Article article;
  article.text = std::string(sitrep::fuzz::Bytes(data, size));
  sitrep::RepairUtf8(article.text);  // the pipeline's promise to every stage
  article.outlet = "Harbour Times";
  sitrep::FindAttributions(article);
  for (const sitrep::Attribution* a : sitrep::DistinctAttributions(article))
    (void)sitrep::ProvenanceChain(article, *a, "");
  return 0;
}
