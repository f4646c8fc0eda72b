// RSS, RDF and Atom of any bytes: the XML parse, items, links, dates, HTML bodies.
#include "fuzz_support.h"
#include "ingest/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    sitrep::ReadFeed(sitrep::fuzz::Bytes(data, size), "fuzz.xml", sitrep::fuzz::Build,
                     sitrep::fuzz::IgnoreRecordError);
  } catch (const sitrep::InputError&) {
  }
  return 0;
}
