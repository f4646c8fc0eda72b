// The main text of a news page: the story a reader came for, without the menus, teasers,
// share bars and comments around it. Containers are scored as readability does (paragraph
// text, commas, link density, class/id hints), the best one and its kin are kept, and the
// blocks inside are filtered once more for boilerplate.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gumbo.h>

namespace sitrep {

// The article's paragraphs in reading order, whitespace collapsed; empty when the page has
// no body text at all. `title` is the page's headline, if known: repeated above the story,
// it is not part of the text.
std::vector<std::string> ExtractMainText(const GumboNode* root, std::string_view title = {});

}  // namespace sitrep
