// WARC and ARC of any bytes (plain or gzip members): record headers, HTTP responses, bodies.
#include "fuzz_support.h"
#include "ingest/readers.h"
#include "util/byte_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto in = sitrep::ByteSource::FromString(std::string(sitrep::fuzz::Bytes(data, size)));
  try {
    sitrep::ReadWarc(*in, "fuzz.warc", sitrep::fuzz::Build, sitrep::fuzz::IgnoreRecordError);
  } catch (const sitrep::InputError&) {
  }
  return 0;
}
