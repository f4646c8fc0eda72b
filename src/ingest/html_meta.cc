#include "ingest/html_meta.h"

#include <strings.h>

#include <algorithm>
#include <array>
#include <vector>

#include <nlohmann/json.hpp>

namespace sitrep {

namespace {

using nlohmann::json;

bool SameText(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Whitespace runs become one space; the ends are trimmed.
std::string Squeeze(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// JSON-LD strings are often left HTML-escaped by the CMS that wrote them.
std::string Unescape(std::string_view s) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kEntities = {{
      {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#039;", "'"}, {"&apos;", "'"},
      {"&lt;", "<"}, {"&gt;", ">"}}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&') {
      for (const auto& [from, to] : kEntities) {
        if (s.substr(i, from.size()) == from) {
          out += to;
          i += from.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

std::string_view Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? std::string_view(a->value) : std::string_view();
}

void CollectText(const GumboNode* n, std::string& out, int depth = 0) {
  if (depth > 64) return;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
      n->type == GUMBO_NODE_CDATA) {
    out += n->v.text.text;
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    CollectText(static_cast<const GumboNode*>(kids.data[i]), out, depth + 1);
}

std::string TextOf(const GumboNode* n) {
  std::string s;
  CollectText(n, s);
  return Squeeze(s);
}

bool LooksLikeUrl(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//");
}

// Everything the page offers, gathered in one walk; chosen from afterwards.
struct Found {
  std::string og_title, og_url, og_site, og_locale, og_description;
  std::string title_element, h1, canonical;
  std::string meta_author, meta_description, meta_language, html_lang;
  std::string rel_author, itemprop_author;
  std::vector<std::string> json_ld;
};

void Keep(std::string& slot, std::string_view value) {
  if (slot.empty()) slot = Squeeze(value);
}

void OnMeta(const GumboNode* n, Found& f) {
  std::string_view key = Attr(n, "property");
  if (key.empty()) key = Attr(n, "name");
  std::string_view content = Attr(n, "content");
  std::string_view equiv = Attr(n, "http-equiv");
  if (SameText(equiv, "content-language")) Keep(f.meta_language, content);
  if (key.empty() || content.empty()) return;
  if (SameText(key, "og:title")) Keep(f.og_title, content);
  else if (SameText(key, "og:url")) Keep(f.og_url, content);
  else if (SameText(key, "og:site_name")) Keep(f.og_site, content);
  else if (SameText(key, "og:locale")) Keep(f.og_locale, content);
  else if (SameText(key, "og:description")) Keep(f.og_description, content);
  else if (SameText(key, "description")) Keep(f.meta_description, content);
  else if (SameText(key, "language") || SameText(key, "content-language"))
    Keep(f.meta_language, content);
  else if ((SameText(key, "author") || SameText(key, "article:author") ||
            SameText(key, "byl") || SameText(key, "sailthru.author")) &&
           !LooksLikeUrl(content))
    Keep(f.meta_author, content);
}

bool HasRel(const GumboNode* n, std::string_view want) {
  std::string_view rel = Attr(n, "rel");
  size_t i = 0;
  while (i < rel.size()) {
    size_t j = rel.find(' ', i);
    if (j == std::string_view::npos) j = rel.size();
    if (SameText(rel.substr(i, j - i), want)) return true;
    i = j + 1;
  }
  return false;
}

void Walk(const GumboNode* n, Found& f, int depth) {
  if (n->type != GUMBO_NODE_ELEMENT || depth > 400) return;
  const GumboElement& e = n->v.element;
  switch (e.tag) {
    case GUMBO_TAG_HTML:
      Keep(f.html_lang, Attr(n, "lang"));
      Keep(f.html_lang, Attr(n, "xml:lang"));
      break;
    case GUMBO_TAG_META: OnMeta(n, f); return;
    case GUMBO_TAG_TITLE:
      if (f.title_element.empty()) f.title_element = TextOf(n);
      return;
    case GUMBO_TAG_H1:
      if (f.h1.empty()) f.h1 = TextOf(n);
      return;
    case GUMBO_TAG_LINK:
      if (HasRel(n, "canonical")) Keep(f.canonical, Attr(n, "href"));
      return;
    case GUMBO_TAG_A:
      if (f.rel_author.empty() && HasRel(n, "author")) f.rel_author = TextOf(n);
      break;
    case GUMBO_TAG_SCRIPT:
      if (Attr(n, "type").find("ld+json") != std::string_view::npos) {
        std::string s;
        CollectText(n, s);
        f.json_ld.push_back(std::move(s));
      }
      return;
    default: break;
  }
  if (f.itemprop_author.empty() && SameText(Attr(n, "itemprop"), "author")) {
    std::string_view name = Attr(n, "content");
    f.itemprop_author = name.empty() ? TextOf(n) : Squeeze(name);
  }
  for (unsigned i = 0; i < e.children.length; ++i)
    Walk(static_cast<const GumboNode*>(e.children.data[i]), f, depth + 1);
}

// --- JSON-LD -----------------------------------------------------------------------------

bool TypeIs(const json& j, std::string_view suffix) {
  auto match = [&](const json& t) {
    return t.is_string() && t.get_ref<const std::string&>().ends_with(suffix);
  };
  auto it = j.find("@type");
  if (it == j.end()) return false;
  if (it->is_array()) return std::any_of(it->begin(), it->end(), match);
  return match(*it);
}

// The objects of a JSON-LD block, @graph and arrays opened up.
void Objects(const json& j, std::vector<const json*>& out, int depth = 0) {
  if (depth > 4) return;
  if (j.is_array()) {
    for (const auto& x : j) Objects(x, out, depth + 1);
  } else if (j.is_object()) {
    out.push_back(&j);
    if (auto g = j.find("@graph"); g != j.end()) Objects(*g, out, depth + 1);
  }
}

std::string StringOf(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return Squeeze(Unescape(it->get_ref<const std::string&>()));
  return "";
}

// "author": "A", {"name": "A"}, or a list of either, as names joined by ", ".
std::string NamesOf(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  std::vector<std::string> names;
  auto one = [&](const json& x) {
    std::string name = x.is_string() ? Squeeze(Unescape(x.get_ref<const std::string&>()))
                       : x.is_object() ? StringOf(x, "name")
                                       : "";
    if (!name.empty() && !LooksLikeUrl(name)) names.push_back(name);
  };
  if (it->is_array()) {
    for (const auto& x : *it) one(x);
  } else {
    one(*it);
  }
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

struct JsonLdArticle {
  std::string headline, author, publisher, description, body;
};

bool IsArticle(const json& j) {
  return TypeIs(j, "Article") || TypeIs(j, "BlogPosting") || TypeIs(j, "Report") ||
         j.contains("articleBody");
}

JsonLdArticle ReadJsonLd(const std::vector<std::string>& blocks) {
  JsonLdArticle a;
  for (const std::string& text : blocks) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) continue;
    std::vector<const json*> objects;
    Objects(j, objects);
    for (const json* o : objects) {
      if (!IsArticle(*o)) continue;
      if (a.headline.empty()) a.headline = StringOf(*o, "headline");
      if (a.author.empty()) a.author = NamesOf(*o, "author");
      if (a.publisher.empty()) a.publisher = NamesOf(*o, "publisher");
      if (a.description.empty()) a.description = StringOf(*o, "description");
      if (a.body.empty()) {
        auto it = o->find("articleBody");
        if (it != o->end() && it->is_string()) a.body = it->get<std::string>();
      }
    }
  }
  return a;
}

// --- choosing ----------------------------------------------------------------------------

const std::string& First(std::initializer_list<const std::string*> options) {
  static const std::string kNone;
  for (const std::string* s : options)
    if (!s->empty()) return *s;
  return kNone;
}

std::string Resolve(std::string_view href, std::string_view base) {
  if (href.empty() || (LooksLikeUrl(href) && !href.starts_with("//"))) return std::string(href);
  size_t scheme_end = base.find("://");
  std::string scheme = scheme_end == std::string_view::npos
                           ? "https"
                           : std::string(base.substr(0, scheme_end));
  if (href.starts_with("//")) return scheme + ":" + std::string(href);
  if (scheme_end == std::string_view::npos) return std::string(href);
  size_t path = base.find('/', scheme_end + 3);
  std::string origin(base.substr(0, path));
  if (href.starts_with("/")) return origin + std::string(href);
  return std::string(href);  // a relative path without a usable base: leave it be
}

// "By GREG BEACHAM, AP Sports Writer" -> "GREG BEACHAM, AP Sports Writer".
std::string WithoutBy(const std::string& byline) {
  if (byline.size() > 3 && strncasecmp(byline.data(), "by ", 3) == 0) return byline.substr(3);
  return byline;
}

// "en_US" -> "en-US"; "EN" -> "en".
std::string Bcp47(std::string_view tag) {
  std::string out = Squeeze(tag);
  size_t comma = out.find(',');
  if (comma != std::string::npos) out.resize(comma);
  std::replace(out.begin(), out.end(), '_', '-');
  for (size_t i = 0; i < out.size() && out[i] != '-'; ++i)
    out[i] = std::tolower(static_cast<unsigned char>(out[i]));
  return out;
}

}  // namespace

std::string PageHost(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#:", start);
  std::string host(url.substr(start, end == std::string_view::npos ? url.npos : end - start));
  for (char& c : host) c = std::tolower(static_cast<unsigned char>(c));
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

std::string StripSiteName(std::string_view title, std::string_view outlet) {
  static constexpr std::array<std::string_view, 6> kSeparators = {
      " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB "};
  for (std::string_view sep : kSeparators) {
    size_t at = title.rfind(sep);
    if (at != std::string_view::npos && at > 0) {
      std::string_view tail = title.substr(at + sep.size());
      bool short_tail = std::count(tail.begin(), tail.end(), ' ') < 4 && tail.size() < at;
      if (SameText(tail, outlet) || (sep == " | " && short_tail))
        return Squeeze(title.substr(0, at));
    }
    at = title.find(sep);
    if (at != std::string_view::npos && !outlet.empty() && SameText(title.substr(0, at), outlet))
      return Squeeze(title.substr(at + sep.size()));
  }
  return std::string(title);
}

PageMeta ReadPageMeta(const GumboNode* root, std::string_view url) {
  Found f;
  if (root) Walk(root, f, 0);
  JsonLdArticle ld = ReadJsonLd(f.json_ld);
  PageMeta m;
  std::string host = PageHost(url);
  m.outlet = First({&f.og_site, &ld.publisher, &host});
  std::string page_title = StripSiteName(f.title_element, m.outlet);
  m.title = StripSiteName(First({&f.og_title, &ld.headline, &page_title, &f.h1}), m.outlet);
  std::string canonical = Resolve(First({&f.canonical, &f.og_url}), url);
  m.url = canonical.empty() ? std::string(url) : canonical;
  m.byline = WithoutBy(First({&f.meta_author, &ld.author, &f.rel_author, &f.itemprop_author}));
  std::string locale = Bcp47(f.og_locale);
  m.language = Bcp47(First({&f.html_lang, &locale, &f.meta_language}));
  m.description = First({&f.meta_description, &f.og_description, &ld.description});
  m.article_body = std::move(ld.body);
  return m;
}

}  // namespace sitrep
