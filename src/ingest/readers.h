// Readers, one a format, each turning bytes into Documents. Chosen by content (detect.h),
// not only by extension. Readers stream: a 1 GB JSON Lines or WARC file is never held whole.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "ingest/document.h"
#include "util/byte_source.h"

namespace sitrep {

using DocumentSink = std::function<void(Document&&)>;
// A damaged record inside an otherwise readable input: reported, then reading goes on.
using RecordErrorSink = std::function<void(const std::string& origin, const std::string& reason)>;

// JSON Lines: one object a line. Field names are configurable for other people's dumps.
struct JsonlFields {
  std::string url = "url", title = "title", text = "text", html = "html", date = "date",
              outlet = "source", byline = "author", id = "id";
};
void ReadJsonl(ByteSource& in, const std::string& origin, const JsonlFields& fields,
               const DocumentSink& sink, const RecordErrorSink& on_error);

// WARC 1.0/1.1 and the older ARC, plain or gzip (per record or whole file): the HTML
// response and resource records become Documents with the target URI and WARC date.
void ReadWarc(ByteSource& in, const std::string& origin, const DocumentSink& sink,
              const RecordErrorSink& on_error);

// RSS 0.9x/2.0, RDF and Atom 0.3/1.0: each item an HTML Document (content:encoded, content
// or description) with its link, title, date and author.
void ReadFeed(std::string_view xml, const std::string& origin, const DocumentSink& sink,
              const RecordErrorSink& on_error);

}  // namespace sitrep
