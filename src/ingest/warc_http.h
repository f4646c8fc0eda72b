// The HTTP layer inside WARC/ARC records: the response head, chunked transfer-encoding,
// gzip/deflate content-encoding, and whether a payload is HTML. Kept apart from the record
// framing so each piece can be tested on its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sitrep::warc {

struct HttpHead {
  int status = 0;
  std::string content_type;       // as sent, with parameters
  std::string transfer_encoding;  // lower-cased
  std::string content_encoding;   // lower-cased
  size_t body_offset = 0;         // where the body starts in the block
};

// Parses "HTTP/1.x NNN reason" and the header lines at the start of `block`. Tolerates what
// crawlers wrote: LF-only lines, CR CR LF, no reason phrase. Nothing when `block` does not
// start with an HTTP status line or the head never ends.
std::optional<HttpHead> ParseHttpHead(std::string_view block);

// The body with chunked transfer-encoding removed; nothing when it is not validly chunked.
// A last chunk cut short (truncated capture) keeps what is there.
std::optional<std::string> Dechunk(std::string_view body);

// gzip, zlib or raw deflate data inflated, up to `limit` bytes; nothing when it is damaged
// or larger.
std::optional<std::string> Inflate(std::string_view data, size_t limit);

// "text/html; charset=UTF-8" -> "text/html".
std::string MimeType(std::string_view content_type);
// "text/html; charset=\"UTF-8\"" -> "UTF-8"; empty when absent.
std::string CharsetParam(std::string_view content_type);

bool IsHtmlMime(std::string_view mime);
// For payloads whose type is missing or says nothing (application/octet-stream): does the
// start look like an HTML page?
bool SniffHtml(std::string_view body);

}  // namespace sitrep::warc
