// A plain-text file of any bytes: UTF-8 repair, Unicode cleaning, boilerplate, metadata in
// the bare text (datelines, URLs, outlets), sentences and tokens.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::Document doc;
  doc.origin = "fuzz.txt";
  doc.container = "text";
  doc.body = std::string(sitrep::fuzz::Bytes(data, size));
  sitrep::fuzz::Build(std::move(doc));
  return 0;
}
