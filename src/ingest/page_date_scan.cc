#include "ingest/page_date_scan.h"
#include "util/strings.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

namespace sitrep::page_date {

namespace {

// A date sits in a short element; a long one is a whole article that happens to have a
// "date" class somewhere up the tree.
constexpr size_t kMaxElementText = 200;
// Pages are scanned whole, but text beyond this adds nothing but time.
constexpr size_t kMaxText = 2 << 20;
// The article's own pictures come first; later ones are teasers and badges.
constexpr size_t kMaxImages = 10;

const char* Attr(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string ClassAndId(const GumboNode* node) {
  std::string s;
  if (const char* c = Attr(node, "class")) s += c;
  s += ' ';
  if (const char* id = Attr(node, "id")) s += id;
  return AsciiLower(s);
}

bool Contains(std::string_view hay, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return hay.find(n) != std::string_view::npos; });
}

// A keyword that starts a word of a class or id: "sidebar" in "sidebar-right" and
// "td_sidebar", not in "layoutTwoColumnsRightSidebar" (a page-wide layout wrapper).
bool HasWord(std::string_view names, std::initializer_list<std::string_view> words) {
  auto starts_word = [&](size_t p) {
    if (p == 0) return true;
    char c = names[p - 1];
    return c == ' ' || c == '-' || c == '_';
  };
  for (std::string_view w : words) {
    for (size_t p = names.find(w); p != std::string_view::npos; p = names.find(w, p + 1)) {
      if (starts_word(p)) return true;
    }
  }
  return false;
}

// What a class, id or itemprop says about the date an element holds.
Hint HintOf(std::string_view names) {
  // "updated published" (a common WordPress pairing) is the publication date.
  // "submitted" is Drupal's byline: "Submitted by X on 24 July 2017".
  if (Contains(names, {"publish", "pubdate", "posted", "post-date", "post_date", "postdate",
                       "entry-date", "entry_date", "article-date", "article_date", "created",
                       "dateline", "datecreated", "submitted"})) {
    return Hint::kPublished;
  }
  if (Contains(names, {"updat", "modif", "revis", "lastmod", "edited"})) return Hint::kModified;
  if (Contains(names, {"date", "time", "byline", "meta", "datum", "fecha", "data"})) {
    return Hint::kDate;
  }
  return Hint::kNone;
}

// Dates of a person, not of the page: when a member joined, registered, was born.
bool IsPersonDate(std::string_view names) {
  return Contains(names, {"joindate", "join-date", "join_date", "joined", "registered",
                          "regdate", "member-since", "membersince", "birth"});
}

// Page-wide containers describe the page in their classes ("single sidebar-right
// comments-open"), not a region of it.
bool IsContainer(const GumboNode* node) {
  GumboTag tag = node->v.element.tag;
  return tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_MAIN ||
         tag == GUMBO_TAG_ARTICLE;
}

// Comments carry their own dates, whatever their markup says.
bool IsComments(const GumboNode* node) {
  return !IsContainer(node) && HasWord(ClassAndId(node), {"comment", "reply", "respond"});
}

// Regions whose dates belong to other pieces (teasers of other articles, widgets) or to
// the site (the day's date in a navigation bar). Only marked publication dates count there.
bool IsOffTopic(const GumboNode* node) {
  switch (node->v.element.tag) {
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV:
      return true;
    default:
      break;
  }
  // The ARIA landmarks for the site's banner, menus, sidebars and footer say the same.
  if (const char* role = Attr(node, "role")) {
    std::string r = AsciiLower(role);
    if (r == "banner" || r == "navigation" || r == "complementary" || r == "contentinfo") return true;
  }
  // Not "widget" nor "footer": Blogger wraps the post in "widget Blog" and puts its date in
  // "post-footer". A clock ("clock", German "uhr", "today", "current-date") shows the day
  // the page was fetched.
  return !IsContainer(node) &&
         HasWord(ClassAndId(node), {"sidebar", "related", "recent", "popular", "clock", "uhr",
                                    "today", "current-date", "current_date", "currentdate"});
}

// Elements whose text no reader sees.
bool IsHidden(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_SELECT: case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

void AppendText(const GumboNode* node, std::string& out, size_t limit, int depth) {
  if (out.size() >= limit || depth > 40) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
    out.append(node->v.text.text, std::min(strlen(node->v.text.text), limit - out.size()));
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    AppendText(static_cast<const GumboNode*>(kids.data[i]), out, limit, depth + 1);
    out += ' ';
  }
}

std::string ScriptText(const GumboNode* node) {
  std::string s;
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    auto* k = static_cast<const GumboNode*>(kids.data[i]);
    if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA) s += k->v.text.text;
  }
  return s;
}

class Scanner {
 public:
  PageSignals Run(const GumboNode* root) {
    // An explicit stack: pages nest deep enough to exhaust a recursive walk.
    std::vector<Frame> stack{{root, false, false, false}};
    while (!stack.empty()) {
      Frame f = stack.back();
      stack.pop_back();
      Visit(f, stack);
    }
    return std::move(out_);
  }

 private:
  struct Frame {
    const GumboNode* node;
    bool off_topic;
    bool in_comments;
    bool hidden;
  };

  void Visit(const Frame& f, std::vector<Frame>& stack) {
    const GumboNode* node = f.node;
    if (node->type == GUMBO_NODE_TEXT) {
      if (f.hidden || f.in_comments) return;
      std::string& text = f.off_topic ? out_.aside_text : out_.text;
      if (text.size() < kMaxText) (text += node->v.text.text) += ' ';
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    bool off_topic = f.off_topic, in_comments = f.in_comments, hidden = f.hidden;
    if (node->type == GUMBO_NODE_ELEMENT) {
      if (node->v.element.tag == GUMBO_TAG_BR) out_.text += ' ';
      hidden = hidden || IsHidden(node->v.element.tag);
      in_comments = in_comments || IsComments(node);
      off_topic = off_topic || hidden || in_comments || IsOffTopic(node);
      Collect(node, off_topic, in_comments);
    }
    const GumboVector& kids = node->type == GUMBO_NODE_DOCUMENT
                                  ? node->v.document.children
                                  : node->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) {
      stack.push_back(
          {static_cast<const GumboNode*>(kids.data[i]), off_topic, in_comments, hidden});
    }
  }

  void Collect(const GumboNode* node, bool off_topic, bool in_comments) {
    switch (node->v.element.tag) {
      case GUMBO_TAG_HTML:
        if (const char* lang = Attr(node, "lang")) out_.lang = AsciiLower(lang);
        return;
      case GUMBO_TAG_META: return CollectMeta(node);
      case GUMBO_TAG_SCRIPT: return CollectScript(node);
      default: break;
    }
    // RDFa puts metadata on any element: <span property="dc:date" content="...">.
    const char* property = Attr(node, "property");
    const char* content = Attr(node, "content");
    if (property && content && *content && !in_comments) {
      out_.metas.push_back({AsciiLower(property), content});
    }
    if (!in_comments) CollectElement(node, off_topic);
    if (node->v.element.tag == GUMBO_TAG_IMG && !off_topic) CollectImage(node);
  }

  // Image paths of CMSes carry the upload day ("/files/2016/05/04/"), close to publication.
  void CollectImage(const GumboNode* node) {
    if (out_.images.size() >= kMaxImages) return;
    if (const char* src = Attr(node, "src"); src && *src) out_.images.emplace_back(src);
  }

  void CollectMeta(const GumboNode* node) {
    const char* content = Attr(node, "content");
    if (!content || !*content) return;
    for (const char* key_attr : {"property", "name", "itemprop", "http-equiv"}) {
      if (const char* key = Attr(node, key_attr)) {
        out_.metas.push_back({AsciiLower(key), content});
        return;
      }
    }
  }

  void CollectScript(const GumboNode* node) {
    const char* type = Attr(node, "type");
    std::string body = ScriptText(node);
    if (type && AsciiLower(type).find("ld+json") != std::string::npos) {
      out_.json_ld.push_back(std::move(body));
      return;
    }
    for (auto& [key, value] : ScriptDates(body)) {
      if (out_.script_dates.size() >= 50) break;
      out_.script_dates.push_back({AsciiLower(key), std::move(value)});
    }
  }

  void CollectElement(const GumboNode* node, bool off_topic) {
    GumboTag tag = node->v.element.tag;
    const char* itemprop = Attr(node, "itemprop");
    std::string names = ClassAndId(node);
    if (IsPersonDate(names)) return;
    if (itemprop) {
      Hint h = HintOf(AsciiLower(itemprop));
      if (h == Hint::kPublished || h == Hint::kModified) {
        return AddElement(node, h, std::string("itemprop ") + itemprop);
      }
    }
    Hint h = HintOf(names);
    if (off_topic && h != Hint::kPublished) return;
    if (tag == GUMBO_TAG_TIME) {
      if (Attr(node, "pubdate")) h = Hint::kPublished;
      return AddElement(node, h == Hint::kNone ? Hint::kDate : h, "time " + names);
    }
    if (tag == GUMBO_TAG_ABBR && Attr(node, "title")) {
      if (h != Hint::kNone) AddElement(node, h, "abbr " + names);
      return;
    }
    if (h != Hint::kNone && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML) {
      AddElement(node, h, "class " + names);
    }
  }

  void AddElement(const GumboNode* node, Hint hint, std::string what) {
    if (out_.elements.size() >= 500) return;
    DatedElement e{"", hint, true, std::move(what)};
    for (const char* attr : {"datetime", "content", "title"}) {
      if (const char* v = Attr(node, attr); v && *v) {
        e.value = v;
        out_.elements.push_back(e);
      }
    }
    e.from_attribute = false;
    e.value.clear();
    AppendText(node, e.value, kMaxElementText + 1, 0);
    if (e.value.size() <= kMaxElementText) out_.elements.push_back(std::move(e));
  }

  PageSignals out_;
};

}  // namespace

std::vector<std::pair<std::string, std::string>> ScriptDates(std::string_view body) {
  // Sites that render with JavaScript often carry the article's dates in a state object.
  static const RE2 kKeyed(
      R"re("(datePublished|dateCreated|publishedAt|published_at|publishDate|publish_date|)re"
      R"re(pubDate|date_published|firstPublished|publishedDate|publicationDate|dateModified|)re"
      R"re(createdAt|created_at)"\s*:\s*"([^"]{4,40})")re");
  std::vector<std::pair<std::string, std::string>> out;
  re2::StringPiece in(body.data(), body.size());
  std::string key, value;
  while (out.size() < 50 && RE2::FindAndConsume(&in, kKeyed, &key, &value))
    out.emplace_back(key, value);
  return out;
}

PageSignals ScanPage(const GumboNode* root) {
  if (!root) return {};
  return Scanner().Run(root);
}

}  // namespace sitrep::page_date
