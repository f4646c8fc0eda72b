// The web pages: the story list (largest, newest, contested), a story's page (the brief:
// summary, actors, who said what, claims with support bars and denials, sources by date;
// then the sources side by side), an article's page with its entities and quotes
// highlighted, and search. Plain HTML and inline CSS embedded in the binary; no script, and
// the pages are served with a policy that forbids it. All article text is escaped.
#pragma once

#include <string>
#include <string_view>

#include "article.h"

namespace sitrep::serve {

// A query-string value (escaping for HTML is util/strings.h's EscapeHtml).
std::string UrlEncode(std::string_view s);
// The article's text as paragraphs, its entity mentions, quotes and speakers marked.
std::string HighlightedText(const Article& a);

}  // namespace sitrep::serve
