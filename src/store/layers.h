// The article layers later stages add (mentions, attributions, time expressions) as one
// JSON document, the form the store keeps them in. Keys are spelled out so an older store
// stays readable when a layer gains a field: what a document lacks keeps its default.
#pragma once

#include <string>

#include "article.h"

namespace sitrep {

std::string LayersToJson(const Article& article);
// Fills article.mentions, .attributions and .times; a malformed document leaves them empty.
void LayersFromJson(const std::string& json, Article& article);

}  // namespace sitrep
