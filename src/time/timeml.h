// Readers for gold temporal annotation: TimeML (.tml, TIMEX3 tags inline in <TEXT>) and
// MEANTIME's NAF-style XML (tokens, then TIMEX3 markables anchored to token ids). Both become
// one plain text with the gold TIMEX3 spans over it and the document creation time (DCT).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace sitrep::timeml {

struct GoldTimex {
  Span span;  // byte offsets into GoldDocument::text
  std::string type, value, mod;
};

struct GoldDocument {
  std::string name;
  std::string text;
  DateTime dct;                  // the anchor; unknown when the file states none
  std::optional<Span> dct_span;  // where the DCT sits in `text` (MEANTIME's dateline)
  std::vector<GoldTimex> timexes;  // in text order, DCT excluded
  // Where the annotation stops: MEANTIME annotates TIMEX3 only in the title and the first
  // sentences (0-5 with the dateline), so predictions past this offset are not scored.
  uint32_t scored_end = UINT32_MAX;
};

// Detects the format by content. Throws std::runtime_error on XML it cannot read.
GoldDocument ParseGold(std::string_view xml, std::string name = "");

// Every .tml / .xml file under `dir` (recursed), sorted by path.
std::vector<GoldDocument> LoadGoldDir(const std::string& dir);

// "1998-01-08", "19980108", "1998-01-08T10:30" as a DateTime (day or finer); else unknown.
DateTime ParseTimexValue(std::string_view value);

}  // namespace sitrep::timeml
