// The publication date of a web page, found as htmldate does: structured metadata first
// (JSON-LD, Open Graph, <meta>, <time>), then the URL, then dates in the page text, weighed.
#pragma once

#include <string_view>

#include <gumbo.h>

#include "article.h"

namespace sitrep {

// precision kNone when nothing dates the page. The evidence says what decided it.
PublicationTime FindPageDate(const GumboNode* root, std::string_view url);

}  // namespace sitrep
