#include "ingest/html_hints.h"

#include <strings.h>

#include <cctype>
#include <string>
#include <string_view>

namespace sitrep {

namespace {

// Words that name blocks beside the story, found anywhere in a word of a name
// ("relatedposts", "site-footer", "imageCaption").
constexpr std::string_view kBoilerplateStems[] = {
    "related",  "social",   "promo",   "newsletter", "recommend",  "outbrain",  "taboola",
    "advert",   "sponsor",  "cookie",  "popup",      "modal",      "subscri",   "paywall",
    "recirc",   "trending", "popular", "mostread",   "sharebar",   "sharing",   "sharetool",
    "gdpr",     "consent",  "signup",  "footer",     "breadcrumb", "banner",    "login",
    "register", "readmore", "nextup",  "masthead",   "caption",    "credit",    "sidebar",
    "widget",   "header",   "meta",    "author",     "dateline",   "timestamp", "pagination",
    "pager",    "icon",     "badge",   "teaser",     "aside",      "gallery"};
// The same, but only as whole words: "ad" inside "head" or "read" means nothing.
constexpr std::string_view kBoilerplateWords[] = {
    "share", "shares",  "ad",     "ads",    "adv",        "dfp",
    "tags",  "tag",     "nav",    "navbar", "navigation", "menu",
    "print", "rail",    "byline", "sr",     "offscreen",  "visuallyhidden",
    "skip",  "toolbar", "tools",  "tool",   "date",       "time",
    "info",  "bio",     "label",  "extra",  "hidden",     "hide"};

constexpr std::string_view kContentStems[] = {"article", "content", "entry", "story",
                                              "body",    "prose",   "blog"};
constexpr std::string_view kContentWords[] = {"post", "main", "text", "copy"};

template <size_t N>
bool HasStem(std::string_view word, const std::string_view (&stems)[N]) {
  for (std::string_view s : stems)
    if (s.size() <= word.size() && word.find(s) != std::string_view::npos) return true;
  return false;
}

template <size_t N>
bool IsWord(std::string_view word, const std::string_view (&words)[N]) {
  for (std::string_view w : words)
    if (word == w) return true;
  return false;
}

struct Signs {
  bool comments = false, boilerplate = false, content = false;
};

void Judge(std::string_view word, Signs& s) {
  if (word.empty()) return;
  // "commentary" is an opinion piece, not the comments under one.
  bool commentary = word.find("commentary") != std::string_view::npos;
  if (!commentary && (word.find("comment") != std::string_view::npos ||
                      word.find("disqus") != std::string_view::npos))
    s.comments = true;
  if (HasStem(word, kBoilerplateStems) || IsWord(word, kBoilerplateWords)) s.boilerplate = true;
  if (HasStem(word, kContentStems) || IsWord(word, kContentWords)) s.content = true;
}

void JudgeAll(std::string_view names, Signs& s) {
  std::string word;
  for (char c : names) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += std::tolower(static_cast<unsigned char>(c));
    } else {
      Judge(word, s);
      word.clear();
    }
  }
  Judge(word, s);
}

}  // namespace

Hint ClassHint(std::string_view class_attr, std::string_view id_attr, std::string_view itemprop) {
  if (itemprop.size() == 11 && strncasecmp(itemprop.data(), "articleBody", 11) == 0)
    return Hint::kContent;
  Signs s;
  JudgeAll(class_attr, s);
  JudgeAll(id_attr, s);
  if (s.comments) return Hint::kComments;
  // "post-author", "entry-footer", "article-meta": the boilerplate word says what the block
  // is, the content word only whose it is.
  if (s.boilerplate) return Hint::kBoilerplate;
  return s.content ? Hint::kContent : Hint::kNone;
}

}  // namespace sitrep
