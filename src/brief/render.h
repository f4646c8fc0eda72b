// A brief as a person reads it: Markdown for the terminal, JSON for programs (the schema is
// in README.md), and one self-contained HTML file (inline CSS and SVG, nothing fetched).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "brief/brief.h"

namespace sitrep::brief {

// `level` is the headline's heading level; sections sit one below it.
std::string ToMarkdown(const Brief& brief, int level = 1);
nlohmann::json ToJson(const Brief& brief);
// A whole HTML document. Every piece of article text is escaped.
std::string ToHtml(const Brief& brief);

}  // namespace sitrep::brief
