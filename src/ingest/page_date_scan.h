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

// The `"key":"value"` date pairs of a script's text (a page's state object), at most 50.
std::vector<std::pair<std::string, std::string>> ScriptDates(std::string_view body);



}  // namespace sitrep::page_date
