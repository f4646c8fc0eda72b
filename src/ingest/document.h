// What a reader hands on: one document as found in its container, before cleaning.
#pragma once

#include <string>

#include "util/input_error.h"

namespace sitrep {

struct Document {
  std::string origin;     // "path", "path#line-12", "path#record-3", "-" for stdin
  std::string container;  // the reader: "text", "html", "jsonl", "warc", "arc", "feed"
  bool is_html = false;   // body is HTML (charset still to be resolved) rather than text
  std::string body;
  std::string charset;    // declared by the container (HTTP header, XML prolog), may be empty

  // Metadata the container states; empty when it does not. Dates stay strings here:
  // the pipeline parses them and records where each came from.
  std::string url, title, date, outlet, byline, language;
};

}  // namespace sitrep
