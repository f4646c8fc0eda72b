// Cleaning of extracted text: Unicode NFC; look-alike letters inside Latin words repaired
// ("Example.NЕТ" written with Cyrillic Е and Т); boilerplate removed (link lists, share lines, photo
// credits, punctuation-only and truncated lines, navigation); broken paragraphs rejoined;
// and the metadata that bare text reveals (dates, URLs, outlet names, relays) collected.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace sitrep {

struct CleanText {
  std::string text;              // paragraphs separated by "\n\n"
  std::vector<Span> paragraphs;  // into text
  // Metadata found in the text itself; empty / kNone when the text reveals none.
  PublicationTime published;
  std::string url;     // the article's own: a source URL that ends the text
  std::string outlet;  // "informs X", or the own URL's host ("harbourtimes.org")
  std::string title;   // a headline the page prints twice, kept once in the text
  std::vector<std::string> relays;   // outlets the text relays ("Nordinform", "Northern Truth")
  std::vector<std::string> removed;  // boilerplate lines dropped, for `sitrep show --removed`
  std::vector<std::string> warnings;
};

// `raw` is UTF-8 with paragraphs separated by line breaks (as a text file or extracted
// HTML gives them).
CleanText Clean(std::string_view raw);

}  // namespace sitrep
