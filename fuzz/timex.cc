// Temporal expressions in text of any bytes, against an anchor the first bytes choose
// (a known day, a year only, or none), so relative dates are resolved across calendars.
#include "fuzz_support.h"
#include "time/timex.h"
#include "util/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::DateTime anchor;
  if (size >= 4) {
    anchor.year = 1 + (data[0] | (data[1] << 8)) % 9999;
    anchor.month = 1 + data[2] % 12;
    anchor.day = 1 + data[3] % 31;
    anchor.precision = static_cast<sitrep::Precision>(data[3] % 6);
    data += 4;
    size -= 4;
  }
  // The stage is promised UTF-8 (the pipeline repairs it first).
  std::string text(sitrep::fuzz::Bytes(data, size));
  sitrep::RepairUtf8(text);
  (void)sitrep::FindTimexes(text, anchor);
  return 0;
}
