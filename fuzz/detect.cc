// The front door as `sitrep ingest` uses it on a file: gunzip, format detection from the
// first bytes, then whichever reader the content asks for.
#include <cstdio>
#include <unistd.h>

#include "fuzz_support.h"
#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // ReadInput takes a path: one scratch file a process, rewritten each run.
  static const std::string path = "/tmp/sitrep-fuzz-detect-" + std::to_string(getpid());
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
  sitrep::ReadOptions options;
  options.max_document_bytes = 1 << 20;
  try {
    sitrep::ReadInput(path, options, sitrep::fuzz::Build, sitrep::fuzz::IgnoreRecordError);
  } catch (const sitrep::InputError&) {
  }
  return 0;
}
