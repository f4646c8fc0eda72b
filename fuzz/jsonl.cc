// JSON Lines of any bytes, read as `sitrep ingest` reads them (gzip detected on the fly).
#include "fuzz_support.h"
#include "ingest/readers.h"
#include "util/byte_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto in = sitrep::ByteSource::FromString(std::string(sitrep::fuzz::Bytes(data, size)));
  try {
    sitrep::ReadJsonl(*in, "fuzz.jsonl", sitrep::JsonlFields{}, sitrep::fuzz::Build,
                      sitrep::fuzz::IgnoreRecordError);
  } catch (const sitrep::InputError&) {
  }
  return 0;
}
