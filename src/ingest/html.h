// An HTML page read into its main text and metadata: title, canonical URL, outlet, byline,
// language and publication date from <meta>, Open Graph, JSON-LD NewsArticle and <time>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace sitrep {

struct HtmlPage {
  std::string title, url, outlet, byline, language, description;
  std::vector<std::string> paragraphs;  // the main text, block by block, in reading order
  PublicationTime published;            // precision kNone when nothing dates the page
};

// `html` must already be UTF-8 (see util/encoding.h). `url` is the address the page came
// from, if known; it helps date the page and resolve the canonical link.
HtmlPage ReadHtml(std::string_view html, std::string_view url);

}  // namespace sitrep
