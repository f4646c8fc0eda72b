// What the subcommands share when they print: articles as JSON and as Markdown.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "article.h"
#include "store/store.h"

namespace sitrep::cli {

nlohmann::json ToJson(const ArticleSummary& a);
// The whole article; with `layers`, its paragraph, sentence and token spans too.
nlohmann::json ToJson(const Article& a, bool layers);
// The title, or for an untitled article the start of its first sentence, marked as such.
std::string Headline(const Article& a);
// A Markdown block: the title (a heading of `level`), a metadata list, then the clean text.
std::string ToMarkdown(const Article& a, int level = 2);

}  // namespace sitrep::cli
