// The JSON API under /api/: stories (largest, newest, contested), a story's members, brief,
// claims, actors and quotes; articles with their layers; full-text search; POST of articles
// (needs the write token); and its own OpenAPI description at /api/openapi.json.
// Lists take `limit` (default 20, at most 100) and `offset` and answer
// {"items": [...], "limit", "offset", "more"}.
#pragma once

#include <nlohmann/json.hpp>

#include "serve/site.h"

namespace sitrep::serve {

// The OpenAPI 3 description of every /api/ route.
nlohmann::json OpenApi();

// Articles posted as one JSON object, an array of them, or JSON Lines, with the fields the
// JSON Lines reader knows (title, text or html, url, date, source, author). Read by that
// reader and ingested as one batch. Returns the reply: what was added and any problems.
// `desk` has seen every article in `store`.
nlohmann::json PostArticles(Store& store, StoryDesk& desk, const std::string& body, int& status);

}  // namespace sitrep::serve
