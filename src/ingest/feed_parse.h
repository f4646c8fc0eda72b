// A feed parsed into what sitrep can use of it: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0
// alike. Values follow feedparser's conventions (its test suite checks this parser), so a
// text construct keeps its markup and says its type; ReadFeed turns items into Documents.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// A text construct: the value as the feed means it, and its MIME type ("text/plain",
// "text/html", "application/xhtml+xml"). HTML values are markup, plain values are text.
struct FeedText {
  std::string value;
  std::string type;
  bool empty() const { return value.empty(); }
};

struct FeedPerson {
  std::string name, email, url;
};

struct FeedItem {
  FeedText title;
  std::string link;  // resolved against xml:base
  std::string id;
  FeedText summary;               // description, summary
  std::vector<FeedText> content;  // content:encoded, atom content, xhtml:body
  // Dates as the feed states them, unparsed; the last of repeated elements wins.
  std::string published, updated, created;
  std::string author;  // as feedparser shows it: "name (email)" or the RSS text
  FeedPerson author_detail;
  std::vector<FeedPerson> authors;
  std::string language;  // xml:lang or dc:language on the item
};

struct Feed {
  bool bozo = false;      // not well-formed XML (read with recovery)
  std::string bozo_reason;
  std::string root;       // local name of the root element ("rss", "RDF", "feed")
  bool is_feed = false;   // the root is a known feed root
  FeedText title;
  std::string link;
  std::string language;
  std::string published, updated, created;
  std::string author;
  FeedPerson author_detail;
  std::vector<FeedPerson> authors;
  int ttl_minutes = 0;  // RSS <ttl>: how long the feed may be cached; 0 when unstated or bad
  std::vector<FeedItem> items;
};

// Never throws: an unreadable document gives a Feed with bozo set and no root.
Feed ParseFeed(std::string_view xml);

// Markup to its plain text (tags dropped, entities decoded, white space collapsed), for
// titles whose type says HTML.
std::string HtmlToPlainText(std::string_view html);

}  // namespace sitrep
