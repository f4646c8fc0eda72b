#include "ingest/warc_http.h"
#include "util/strings.h"

#include <zlib.h>

#include <cctype>
#include <cstring>

namespace sitrep::warc {

namespace {

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// The next line of the head at `pos`: without its LF and any number of CRs, which some
// writers doubled. Advances `pos` past the LF; false when no LF is left.
bool NextHeadLine(std::string_view block, size_t& pos, std::string_view& line) {
  size_t nl = block.find('\n', pos);
  if (nl == std::string_view::npos) return false;
  line = block.substr(pos, nl - pos);
  while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos = nl + 1;
  return true;
}

// "HTTP/1.1 200 OK" or "HTTP/1.0 200": the status code, or nothing.
std::optional<int> StatusCode(std::string_view line) {
  if (!StartsWithNoCase(line, "http/")) return std::nullopt;
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos) return std::nullopt;
  std::string_view rest = TrimSpace(line.substr(sp + 1));
  if (rest.size() < 3) return std::nullopt;
  int code = 0;
  for (size_t i = 0; i < 3; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(rest[i]))) return std::nullopt;
    code = code * 10 + (rest[i] - '0');
  }
  return code;
}

void TakeHeader(std::string_view line, HttpHead& head) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  std::string name = AsciiLower(TrimSpace(line.substr(0, colon)));
  std::string_view value = TrimSpace(line.substr(colon + 1));
  if (name == "content-type") head.content_type = std::string(value);
  if (name == "transfer-encoding") head.transfer_encoding = AsciiLower(value);
  if (name == "content-encoding") head.content_encoding = AsciiLower(value);
}

// Parses a chunk-size line ("1a3f", "1a3f;ext=1"); nothing when it is not hex.
std::optional<size_t> ChunkSize(std::string_view line) {
  line = TrimSpace(line.substr(0, line.find(';')));
  if (line.empty() || line.size() > 15) return std::nullopt;
  size_t n = 0;
  for (char c : line) {
    int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : (c >= 'a' && c <= 'f')                     ? c - 'a' + 10
            : (c >= 'A' && c <= 'F')                     ? c - 'A' + 10
                                                         : -1;
    if (d < 0) return std::nullopt;
    n = n * 16 + size_t(d);
  }
  return n;
}

// One inflate pass with the given window bits (31 gzip, 15 zlib, -15 raw deflate).
std::optional<std::string> InflateWith(std::string_view data, int window_bits, size_t limit) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return std::nullopt;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[1 << 15];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
    if (out.size() > limit) rc = Z_MEM_ERROR;
    // Input used up without the stream's end: a truncated capture; keep what inflated.
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && !out.empty()) rc = Z_STREAM_END;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace

std::optional<HttpHead> ParseHttpHead(std::string_view block) {
  size_t pos = 0;
  std::string_view line;
  if (!NextHeadLine(block, pos, line)) return std::nullopt;
  auto status = StatusCode(line);
  if (!status) return std::nullopt;
  HttpHead head;
  head.status = *status;
  while (NextHeadLine(block, pos, line)) {
    if (line.empty()) {
      head.body_offset = pos;
      return head;
    }
    TakeHeader(line, head);
  }
  // A head that never ends: the whole block was headers (a HEAD reply or a cut capture).
  head.body_offset = block.size();
  return head;
}

std::optional<std::string> Dechunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) return std::nullopt;
    auto size = ChunkSize(body.substr(pos, nl - pos));
    if (!size) return std::nullopt;
    pos = nl + 1;
    if (*size == 0) return out;
    size_t take = std::min(*size, body.size() - pos);
    out.append(body.substr(pos, take));
    pos += take;
    // The CRLF after the chunk data.
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') ++pos;
  }
  return out;
}

std::optional<std::string> Inflate(std::string_view data, size_t limit) {
  if (data.size() >= 2 && uint8_t(data[0]) == 0x1f && uint8_t(data[1]) == 0x8b) {
    return InflateWith(data, 31, limit);
  }
  // "deflate" means zlib-wrapped data by the RFC but raw deflate from some servers.
  if (auto out = InflateWith(data, 15, limit)) return out;
  return InflateWith(data, -15, limit);
}

std::string MimeType(std::string_view content_type) {
  return AsciiLower(TrimSpace(content_type.substr(0, content_type.find(';'))));
}

std::string CharsetParam(std::string_view content_type) {
  std::string lower = AsciiLower(content_type);
  size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  std::string_view value = content_type.substr(at + 8);
  value = TrimSpace(value.substr(0, value.find(';')));
  while (!value.empty() && (value.front() == '"' || value.front() == '\'')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '"' || value.back() == '\'')) value.remove_suffix(1);
  return std::string(value);
}

bool IsHtmlMime(std::string_view mime) {
  return mime == "text/html" || mime == "application/xhtml+xml";
}

bool SniffHtml(std::string_view body) {
  std::string head = AsciiLower(body.substr(0, 1024));
  size_t i = head.rfind("\xef\xbb\xbf", 0) == 0 ? 3 : 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string_view start = std::string_view(head).substr(i);
  if (start.rfind("<!doctype html", 0) == 0 || start.rfind("<html", 0) == 0) return true;
  // Pages that open with a comment or an XML prolog still name their root early.
  return start.rfind("<", 0) == 0 &&
         (head.find("<html") != std::string::npos || head.find("<head") != std::string::npos ||
          head.find("<body") != std::string::npos);
}

}  // namespace sitrep::warc
