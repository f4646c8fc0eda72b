// RSS and Atom items become Documents: the fullest body the item has (content, else the
// summary) as HTML, with the metadata the feed states. Parsing lives in feed_parse.cc.
#include "ingest/feed_parse.h"
#include "ingest/readers.h"

namespace sitrep {

namespace {

bool IsHtmlType(const std::string& type) {
  return type.find("html") != std::string::npos || type.find("xml") != std::string::npos;
}

// Plain text made into HTML, so every feed Document is HTML: escaped, blank lines as
// paragraph breaks.
std::string TextToHtml(std::string_view text) {
  std::string out = "<p>";
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      out += "</p>\n<p>";
      while (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out + "</p>";
}

// The content with the most to say: content:encoded or atom:content before the summary,
// which feeds often cut to a teaser. Non-text content (base64 images) is no body.
std::string Body(const FeedItem& item) {
  for (const FeedText& t : item.content) {
    if (t.empty()) continue;
    if (IsHtmlType(t.type)) return t.value;
    if (t.type.rfind("text/", 0) == 0) return TextToHtml(t.value);
  }
  if (item.summary.empty()) return "";
  return IsHtmlType(item.summary.type) ? item.summary.value : TextToHtml(item.summary.value);
}

std::string PlainTitle(const FeedText& title) {
  return IsHtmlType(title.type) ? HtmlToPlainText(title.value) : title.value;
}

std::string Byline(const std::string& author, const FeedPerson& detail) {
  return detail.name.empty() ? author : detail.name;
}

}  // namespace

void ReadFeed(std::string_view xml, const std::string& origin, const DocumentSink& sink,
              const RecordErrorSink& on_error) {
  Feed feed = ParseFeed(xml);
  if (feed.root.empty()) throw InputError("not a feed: " + feed.bozo_reason);
  if (!feed.is_feed) throw InputError("not an RSS or Atom feed: the root element is <" + feed.root + ">");
  if (feed.bozo) on_error(origin, "ill-formed XML, read with recovery: " + feed.bozo_reason);
  std::string outlet = PlainTitle(feed.title);
  std::string feed_byline = Byline(feed.author, feed.author_detail);
  for (size_t i = 0; i < feed.items.size(); ++i) {
    const FeedItem& item = feed.items[i];
    Document doc;
    doc.origin = origin + "#item-" + std::to_string(i + 1);
    doc.container = "feed";
    doc.is_html = true;
    doc.body = Body(item);
    doc.charset = "utf-8";  // libxml2 decoded the feed
    doc.url = item.link;
    if (doc.url.empty() && item.id.rfind("http", 0) == 0) doc.url = item.id;
    doc.title = PlainTitle(item.title);
    doc.date = !item.published.empty() ? item.published : !item.updated.empty() ? item.updated : item.created;
    doc.outlet = outlet;
    doc.byline = Byline(item.author, item.author_detail);
    if (doc.byline.empty()) doc.byline = feed_byline;  // Atom: entries inherit the feed's author
    doc.language = item.language.empty() ? feed.language : item.language;
    sink(std::move(doc));
  }
}

}  // namespace sitrep
