// An HTML page of any bytes: charset resolution, main text, metadata, dates, then cleaning.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::Document doc;
  doc.origin = "fuzz.html";
  doc.container = "html";
  doc.is_html = true;
  doc.body = std::string(sitrep::fuzz::Bytes(data, size));
  doc.url = "https://news.example.org/2022/12/19/story";
  sitrep::fuzz::Build(std::move(doc));
  return 0;
}
