// What a page's own class and id names say about an element: "article-body" and
// "story-content" hold the story, "share-bar", "related-links" and "comments" do not.
#pragma once

#include <string_view>

namespace sitrep {

// kComments is boilerplate that may be longer than the story itself, so size says nothing.
enum class Hint : unsigned char { kNone, kContent, kBoilerplate, kComments };

// Judged word by word ("related-posts" is two words). A boilerplate word outweighs a content
// word beside it ("post-footer" is a footer); itemprop=articleBody is content whatever else.
// The extractor, not this, keeps a boilerplate-named wrapper that holds most of the page.
Hint ClassHint(std::string_view class_attr, std::string_view id_attr, std::string_view itemprop);

}  // namespace sitrep
