// One metadata date string of any bytes, both numeric orders, and the folding it relies on.
#include "fuzz_support.h"
#include "time/date_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s = sitrep::fuzz::Bytes(data, size);
  for (auto order : {sitrep::NumericOrder::kDayFirst, sitrep::NumericOrder::kMonthFirst}) {
    if (auto when = sitrep::ParseDate(s, {order})) {
      (void)when->Iso();
      (void)when->UnixSeconds();
    }
  }
  (void)sitrep::FoldDateText(s);
  return 0;
}
