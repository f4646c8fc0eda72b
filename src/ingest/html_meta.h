// What a page says about itself: title, canonical address, outlet, byline, language and
// summary, from Open Graph, <meta>, <link>, JSON-LD (NewsArticle and kin) and the markup.
#pragma once

#include <string>
#include <string_view>

#include <gumbo.h>

namespace sitrep {

struct PageMeta {
  std::string title, url, outlet, byline, language, description;
  std::string article_body;  // JSON-LD articleBody, which some pages give whole
};

// `url` is where the page came from; relative canonical links resolve against it, and its
// host names the outlet when nothing else does.
PageMeta ReadPageMeta(const GumboNode* root, std::string_view url);

// "Title | The Outlet" -> "Title": a trailing or leading site name is cut when it is short
// or is the outlet's name.
std::string StripSiteName(std::string_view title, std::string_view outlet);

// "https://www.example.com/a/b" -> "example.com".
std::string PageHost(std::string_view url);

}  // namespace sitrep
