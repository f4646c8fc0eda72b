// The article-level pipeline: a Document from a reader becomes an Article with clean
// text, metadata and its first layers (paragraphs, sentences, tokens). Pure: no store, no
// shared state, so it runs on any thread and is easy to fuzz.
#pragma once

#include "article.h"
#include "ingest/document.h"

namespace sitrep {

Article BuildArticle(Document&& doc);

// The host of a URL without "www." ("harbourtimes.org"); empty when it has none.
std::string HostOf(std::string_view url);

}  // namespace sitrep
