// What the subcommands share when they print: articles as JSON and as Markdown.
#pragma once

#include <functional>
#include <optional>

#include <nlohmann/json.hpp>
#include <string>

#include "article.h"
#include "claims/claims.h"
#include "store/store.h"

namespace sitrep::cli {

// Story `id` of the store at `db`, with its articles; when there is no such story, says so on
// stderr, sets the exit code to 1 and returns nothing.
std::optional<StoryArticles> ReadStoryOrSay(const std::string& db, StoryId id);

nlohmann::json ToJson(const ArticleSummary& a);
nlohmann::json ToJson(const StorySummary& s);
// The whole article; with `layers`, its paragraph, sentence and token spans too.
nlohmann::json ToJson(const Article& a, bool layers);
// The title, or for an untitled article the start of its first sentence, marked as such.
std::string Headline(const Article& a);
// A claim of `story` with its statements for and against it: `sitrep claims --json` and the
// server's /api/stories/{id}/claims.
nlohmann::json ToJson(const StoryArticles& story, const claims::Claim& c);
// A Markdown block: the title (a heading of `level`), a metadata list, then the clean text.
std::string ToMarkdown(const Article& a, int level = 2);

// A field of a JSON object as a string: strings as they are, other values as JSON, a missing
// or null field empty.
std::string JsonField(const nlohmann::json& row, const std::string& name);
// Calls `row(object, line number)` for each JSON object of a JSON Lines file, skipping blank
// lines. Throws std::runtime_error naming the file (and line) when it cannot be read.
void ForEachJsonLine(const std::string& path,
                     const std::function<void(const nlohmann::json&, size_t)>& row);

}  // namespace sitrep::cli
