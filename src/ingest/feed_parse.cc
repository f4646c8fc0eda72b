// Feeds are parsed with libxml2 in recovery mode (ill-formed feeds are common) into a tree,
// then read by element name. Elements are matched by local name within the "core"
// namespaces (none, the root's, RSS 0.9/1.0, Atom 0.3/1.0) or by their module namespace
// (Dublin Core, content:, XHTML), so the many namespace spellings feeds use all work and
// foreign modules (itunes:summary, media:title) never override the feed's own fields.
#include "ingest/feed_parse.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <memory>

#include "util/encoding.h"
#include "util/strings.h"

namespace sitrep {

namespace {

constexpr std::string_view kAtom10 = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03 = "http://purl.org/atom/ns#";
constexpr std::string_view kRss10 = "http://purl.org/rss/1.0/";
constexpr std::string_view kRss090 = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kDcTerms = "http://purl.org/dc/terms/";
constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kXhtml = "http://www.w3.org/1999/xhtml";

struct XmlFree {
  void operator()(xmlChar* p) const { xmlFree(p); }
  void operator()(xmlDoc* p) const { xmlFreeDoc(p); }
  void operator()(xmlParserCtxt* p) const { xmlFreeParserCtxt(p); }
};
using XmlString = std::unique_ptr<xmlChar, XmlFree>;
using XmlDoc = std::unique_ptr<xmlDoc, XmlFree>;

std::string Take(xmlChar* s) {
  XmlString owned(s);
  return s ? std::string(reinterpret_cast<const char*>(s)) : std::string();
}

std::string_view Name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
std::string_view Ns(const xmlNode* n) {
  return n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : "";
}
std::string Attr(xmlNode* n, const char* name) {
  return Take(xmlGetProp(n, reinterpret_cast<const xmlChar*>(name)));
}
std::string Content(xmlNode* n) { return Take(xmlNodeGetContent(n)); }
std::string TrimmedContent(xmlNode* n) { return std::string(TrimSpace(Content(n))); }

// A count of minutes as RSS writes it ("60"); 0 for anything else, capped at a week.
int Minutes(const std::string& s) {
  if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
    return 0;
  return std::min(std::stoi(s), 7 * 24 * 60);
}

bool HasElementChild(const xmlNode* n) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

// `ref` made absolute against the xml:base in effect at `n`; unchanged when there is none.
std::string Resolve(xmlDoc* doc, xmlNode* n, const std::string& ref) {
  std::string base = Take(xmlNodeGetBase(doc, n));
  if (base.empty() || ref.empty()) return ref;
  std::string out = Take(xmlBuildURI(reinterpret_cast<const xmlChar*>(ref.c_str()),
                                     reinterpret_cast<const xmlChar*>(base.c_str())));
  return out.empty() ? ref : out;
}

// ---- Markup inside text constructs -------------------------------------------------------

void Escape(std::string_view s, bool attribute, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      default: out += c;
    }
  }
}

bool IsVoidElement(std::string_view name) {
  static constexpr std::string_view kVoid[] = {"area", "base", "br",   "col",   "embed",  "hr", "img",
                                               "input", "link", "meta", "param", "source", "wbr"};
  return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

bool IsUriAttribute(std::string_view name) {
  return name == "href" || name == "src" || name == "cite" || name == "longdesc" || name == "background";
}

void Serialize(xmlDoc* doc, xmlNode* n, std::string& out);

void SerializeChildren(xmlDoc* doc, xmlNode* n, std::string& out) {
  for (xmlNode* c = n->children; c; c = c->next) Serialize(doc, c, out);
}

// Inline markup written back as HTML the way feedparser does: namespace prefixes and
// declarations dropped, relative links resolved against xml:base.
void Serialize(xmlDoc* doc, xmlNode* n, std::string& out) {
  switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
    case XML_ENTITY_REF_NODE:
      Escape(Content(n), false, out);
      return;
    case XML_ELEMENT_NODE: break;
    default: return;  // comments, processing instructions
  }
  std::string_view name = Name(n);
  out += '<';
  out += name;
  for (xmlAttr* a = n->properties; a; a = a->next) {
    std::string_view attr = reinterpret_cast<const char*>(a->name);
    std::string value = Content(reinterpret_cast<xmlNode*>(a));
    if (IsUriAttribute(attr)) value = Resolve(doc, n, value);
    out += ' ';
    out += attr;
    out += "=\"";
    Escape(value, true, out);
    out += '"';
  }
  if (!n->children && IsVoidElement(name)) {
    out += " />";
    return;
  }
  out += '>';
  SerializeChildren(doc, n, out);
  out += "</";
  out += name;
  out += '>';
}

std::string DecodeBase64(std::string_view s) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    int v = c >= 'A' && c <= 'Z'   ? c - 'A'
            : c >= 'a' && c <= 'z' ? c - 'a' + 26
            : c >= '0' && c <= '9' ? c - '0' + 52
            : c == '+'             ? 62
            : c == '/'             ? 63
                                   : -1;
    if (v < 0) continue;  // padding and line breaks
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((acc >> bits) & 0xff);
    }
  }
  return out;
}

// ---- The parse ---------------------------------------------------------------------------

enum class Dialect { kRss, kAtom03, kAtom10 };

class FeedReader {
 public:
  FeedReader(xmlDoc* doc, Feed& feed) : doc_(doc), feed_(feed) {}

  void Read(xmlNode* root) {
    root_ns_ = Ns(root);
    feed_.root = std::string(Name(root));
    atom_ = feed_.root == "feed";
    feed_.is_feed = atom_ || feed_.root == "rss" || feed_.root == "RDF" || feed_.root == "channel";
    xmlNode* channel = root;
    for (xmlNode* c = root->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && Name(c) == "channel") channel = c;
    }
    channel_ns_ = Ns(channel);
    feed_.language = Take(xmlNodeGetLang(channel));
    ReadChannel(channel);
    FindItems(root);
  }

 private:
  bool Core(const xmlNode* n) const {
    std::string_view ns = Ns(n);
    return ns.empty() || ns == root_ns_ || ns == channel_ns_ || ns == kAtom10 || ns == kAtom03 ||
           ns == kRss10 || ns == kRss090;
  }

  Dialect DialectOf(const xmlNode* n) const {
    if (Ns(n) == kAtom10) return Dialect::kAtom10;
    return atom_ ? Dialect::kAtom03 : Dialect::kRss;
  }

  // Items and entries anywhere but inside another item (RSS 1.0 puts them beside the
  // channel, some RSS 0.9x feeds straight under <rss>).
  void FindItems(xmlNode* n) {
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (Core(c) && (Name(c) == "item" || Name(c) == "entry")) {
        feed_.items.push_back(ReadItem(c));
      } else if (Name(c) != "source") {
        FindItems(c);
      }
    }
  }

  void ReadChannel(xmlNode* channel) {
    bool have_link = false;
    for (xmlNode* c = channel->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string_view name = Name(c), ns = Ns(c);
      if (Core(c) && name == "title") feed_.title = ReadText(c, "text/plain");
      if (ns == kDc && name == "title" && feed_.title.empty()) feed_.title = ReadText(c, "text/plain");
      if (Core(c) && name == "link") TakeLink(c, feed_.link, have_link);
      if ((Core(c) || ns == kDc) && name == "language") feed_.language = TrimmedContent(c);
      TakeDate(c, feed_.published, feed_.updated, feed_.created);
      if (Core(c) && name == "lastBuildDate") feed_.updated = TrimmedContent(c);
      if (Core(c) && name == "ttl") feed_.ttl_minutes = Minutes(TrimmedContent(c));
      if (IsAuthorElement(c) || (Core(c) && name == "managingEditor")) {
        TakeAuthor(c, feed_.author, feed_.author_detail, feed_.authors);
      }
    }
  }

  FeedItem ReadItem(xmlNode* item) {
    FeedItem it;
    it.language = Take(xmlNodeGetLang(item));
    bool have_link = false;
    std::string guid;
    bool guid_is_link = false;
    for (xmlNode* c = item->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string_view name = Name(c), ns = Ns(c);
      bool core = Core(c);
      if (core && name == "title") it.title = ReadText(c, "text/plain");
      if (ns == kDc && name == "title" && it.title.empty()) it.title = ReadText(c, "text/plain");
      if (core && name == "link") TakeLink(c, it.link, have_link);
      if (core && (name == "guid" || name == "id")) {
        it.id = TrimmedContent(c);
        guid_is_link = name == "guid" && AsciiLower(Attr(c, "isPermaLink")) != "false";
        guid = it.id;
      }
      if ((core && (name == "description" || name == "summary")) || (ns == kDc && name == "description")) {
        TakeSummary(ReadText(c, "text/html"), it);
      }
      if ((ns == kContent && name == "encoded") || (core && name == "fullitem")) {
        it.content.push_back(ReadText(c, "text/html"));
      }
      if (core && name == "content") it.content.push_back(ReadText(c, "text/plain"));
      if (ns == kXhtml && name == "body") it.content.push_back(XhtmlBody(c));
      if (ns == kDc && name == "language") it.language = TrimmedContent(c);
      TakeDate(c, it.published, it.updated, it.created);
      if (IsAuthorElement(c)) TakeAuthor(c, it.author, it.author_detail, it.authors);
    }
    // An RSS guid is the permalink unless it says otherwise.
    if (it.link.empty() && guid_is_link && guid.find("://") != std::string::npos) {
      it.link = Resolve(doc_, item, guid);
    }
    return it;
  }

  // RSS gives no summary element besides <description>; feedparser reads a second one
  // (<summary> after <description> or the reverse) as the content.
  static void TakeSummary(FeedText text, FeedItem& it) {
    if (it.summary.empty()) {
      it.summary = std::move(text);
    } else if (it.content.empty()) {
      it.content.push_back(std::move(text));
    }
  }

  FeedText XhtmlBody(xmlNode* n) {
    FeedText t{"", "application/xhtml+xml"};
    SerializeChildren(doc_, n, t.value);
    t.value = std::string(TrimSpace(t.value));
    return t;
  }

  // <link>: RSS puts the URL in the text, Atom in href with a rel ("alternate" when absent).
  // The first alternate link wins.
  void TakeLink(xmlNode* n, std::string& link, bool& have) {
    std::string rel = Attr(n, "rel");
    if (!rel.empty() && rel != "alternate") return;
    std::string href = Attr(n, "href");
    if (href.empty()) href = TrimmedContent(n);
    if (href.empty() || have) return;
    link = Resolve(doc_, n, href);
    have = true;
  }

  void TakeDate(xmlNode* n, std::string& published, std::string& updated, std::string& created) {
    std::string_view name = Name(n), ns = Ns(n);
    bool core = Core(n), terms = ns == kDcTerms;
    if ((core && (name == "pubDate" || name == "published" || name == "issued")) || (terms && name == "issued")) {
      published = TrimmedContent(n);
    } else if ((core && (name == "updated" || name == "modified")) || (terms && name == "modified") ||
               (ns == kDc && name == "date")) {
      updated = TrimmedContent(n);
    } else if ((core || terms) && name == "created") {
      created = TrimmedContent(n);
    }
  }

  bool IsAuthorElement(const xmlNode* n) const {
    std::string_view name = Name(n), ns = Ns(n);
    return (Core(n) && name == "author") || (ns == kDc && (name == "creator" || name == "author"));
  }

  // Atom authors are elements (name, email, uri); RSS and Dublin Core ones are text like
  // "me@example.com (Name)".
  void TakeAuthor(xmlNode* n, std::string& author, FeedPerson& detail, std::vector<FeedPerson>& all) {
    FeedPerson p;
    std::string shown;
    if (HasElementChild(n)) {
      for (xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        std::string_view name = Name(c);
        if (name == "name") p.name = TrimmedContent(c);
        if (name == "email") p.email = TrimmedContent(c);
        if (name == "uri" || name == "url" || name == "homepage") p.url = Resolve(doc_, c, TrimmedContent(c));
      }
      shown = p.email.empty() ? p.name : p.name + " (" + p.email + ")";
    } else {
      shown = TrimmedContent(n);
      p = ParsePerson(shown);
    }
    if (p.name.empty() && p.email.empty() && p.url.empty()) return;
    if (all.empty()) {
      author = shown;
      detail = p;
    }
    all.push_back(std::move(p));
  }

  static FeedPerson ParsePerson(std::string_view text) {
    FeedPerson p;
    size_t at = text.find('@');
    if (at == std::string_view::npos) {
      p.name = std::string(text);
      return p;
    }
    auto email_char = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' ||
             c == '-';
    };
    size_t b = at, e = at + 1;
    while (b > 0 && email_char(text[b - 1])) --b;
    while (e < text.size() && email_char(text[e])) ++e;
    p.email = std::string(text.substr(b, e - b));
    std::string rest = std::string(text.substr(0, b)) + std::string(text.substr(e));
    for (std::string_view empty : {"()", "<>", "mailto:"}) {
      for (size_t i; (i = rest.find(empty)) != std::string::npos;) rest.erase(i, empty.size());
    }
    std::string_view name = TrimSpace(rest);
    if (name.size() >= 2 && name.front() == '(' && name.back() == ')') name = TrimSpace(name.substr(1, name.size() - 2));
    p.name = std::string(name);
    return p;
  }

  // A text construct with its type. Atom 1.0 names types text/html/xhtml and may carry
  // base64 for other media types; Atom 0.3 gives a MIME type and a mode (xml, escaped,
  // base64); RSS gives neither, so `rss_type` says what the element holds.
  FeedText ReadText(xmlNode* n, const char* rss_type) {
    Dialect dialect = DialectOf(n);
    std::string type = AsciiLower(TrimSpace(Attr(n, "type")));
    std::string mode = AsciiLower(TrimSpace(Attr(n, "mode")));
    if (dialect == Dialect::kRss) {
      type = rss_type;
    } else if (type.empty() || type == "text") {
      type = "text/plain";
    } else if (type == "html") {
      type = "text/html";
    } else if (type == "xhtml") {
      type = "application/xhtml+xml";
    }
    FeedText t{"", type};
    bool textual = type.rfind("text/", 0) == 0 || type.find("xml") != std::string::npos ||
                   type.find("html") != std::string::npos;
    if (mode == "base64" || (dialect == Dialect::kAtom10 && !textual)) {
      t.value = DecodeBase64(Content(n));
    } else if (mode == "escaped" || !HasElementChild(n)) {
      t.value = Content(n);
    } else if (type == "text/html" && SingleDiv(n)) {
      t.value = Content(SingleDiv(n));  // escaped HTML wrapped in an XHTML div by mistake
    } else {
      t.value = InlineMarkup(n, dialect == Dialect::kAtom10 && type == "application/xhtml+xml");
      if (type == "text/plain") t.type = "text/html";  // naked markup where text was promised
    }
    t.value = std::string(TrimSpace(t.value));
    return t;
  }

  // The one child element of `n` when it is a <div>.
  static xmlNode* SingleDiv(xmlNode* n) {
    xmlNode* only = nullptr;
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (only) return nullptr;
      only = c;
    }
    return only && Name(only) == "div" ? only : nullptr;
  }

  // The children of `n` as markup; Atom 1.0 XHTML wraps them in a <div> that is no content.
  std::string InlineMarkup(xmlNode* n, bool strip_div) {
    std::string out;
    xmlNode* div = strip_div ? SingleDiv(n) : nullptr;
    SerializeChildren(doc_, div ? div : n, out);
    return out;
  }

  xmlDoc* doc_;
  Feed& feed_;
  std::string_view root_ns_, channel_ns_;
  bool atom_ = false;
};

// Parses with recovery; `bozo` says whether the document was well-formed XML.
XmlDoc ParseXml(std::string_view xml, int extra_options, bool& bozo, std::string& reason) {
  std::unique_ptr<xmlParserCtxt, XmlFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) return nullptr;
  // No network, no external entities or DTDs (XXE), no messages on stderr.
  int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                XML_PARSE_NOCDATA | extra_options;
  XmlDoc doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), int(xml.size()), nullptr, nullptr, options));
  bozo = !ctxt->wellFormed || !ctxt->nsWellFormed;
  if (bozo) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    reason = e && e->message ? std::string(TrimSpace(e->message)) : "not well-formed XML";
    if (e) reason += " (line " + std::to_string(e->line) + ")";
  }
  return doc;
}

}  // namespace

Feed ParseFeed(std::string_view xml) {
  Feed feed;
  if (xml.size() > size_t(std::numeric_limits<int>::max())) {
    feed.bozo = true;
    feed.bozo_reason = "too large";
    return feed;
  }
  XmlDoc doc = ParseXml(xml, 0, feed.bozo, feed.bozo_reason);
  // Bytes that are not the encoding the feed declares (or not UTF-8 when it declares none)
  // stop libxml2 early; read them again as UTF-8 after detecting what they are.
  if (feed.bozo && !IsValidUtf8(xml)) {
    std::string utf8 = ToUtf8(xml, "", false, nullptr);
    bool bozo_again = false;
    std::string unused;
    if (XmlDoc again = ParseXml(utf8, XML_PARSE_IGNORE_ENC, bozo_again, unused)) doc = std::move(again);
  }
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) {
    feed.bozo = true;
    if (feed.bozo_reason.empty()) feed.bozo_reason = "no XML document";
    return feed;
  }
  FeedReader(doc.get(), feed).Read(root);
  return feed;
}

std::string HtmlToPlainText(std::string_view html) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    return std::string(TrimSpace(html));
  }
  std::string wrapped = "<html><body><div>" + std::string(html) + "</div></body></html>";
  XmlDoc doc(htmlReadMemory(wrapped.data(), int(wrapped.size()), nullptr, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  std::string text = doc ? Content(xmlDocGetRootElement(doc.get())) : std::string(html);
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

}  // namespace sitrep
