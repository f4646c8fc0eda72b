// One walk over a parsed page that gathers everything that may date it: <meta> pairs,
// JSON-LD blocks, <time>/<abbr> elements, the text of elements whose class or id hints at
// a date, and the visible text. page_date.cc weighs what this finds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gumbo.h>

namespace sitrep::page_date {

// What an element's attributes say about the date inside it.
enum class Hint { kNone, kDate, kPublished, kModified };

struct MetaPair {
  std::string key;  // lowercased name, property, itemprop or http-equiv
  std::string value;
};

struct DatedElement {
  std::string value;  // the machine-readable attribute (datetime, content, title) or the text
  Hint hint = Hint::kNone;
  bool from_attribute = false;
  std::string what;  // "time", "abbr", "itemprop datePublished", "class entry-date", ...
};

struct PageSignals {
  std::string lang;  // <html lang>, lowercased
  std::vector<MetaPair> metas;
  std::vector<std::string> json_ld;        // script bodies of type application/ld+json
  std::vector<MetaPair> script_dates;      // "datePublished":"..." found in other scripts
  std::vector<DatedElement> elements;      // <time>, <abbr>, itemprop and class-hinted ones
  std::vector<std::string> images;         // src of <img> outside asides, in order, a few
  std::string text;        // visible text outside navigation, asides, footers and comments
  std::string aside_text;  // visible text of navigation, asides and footers
};

PageSignals ScanPage(const GumboNode* root);

// Gumbo takes time quadratic in the nesting depth (20,000 nested <div> take seconds). When
// the markup nests deeper than `max_depth` (Blink caps its trees at 512), returns the page
// with the opening tags beyond that depth, and as many closing tags, left out: the text and
// the shallower markup stay. Nothing when the page is fine as it is. Call before parsing:
//   auto flat = FlattenDeepNesting(html);
//   std::string_view in = flat ? *flat : html;
std::optional<std::string> FlattenDeepNesting(std::string_view html, size_t max_depth = 512);

}  // namespace sitrep::page_date
