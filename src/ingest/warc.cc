// WARC 1.0/1.1 and ARC (v1, v2 and the Alexa short header), record by record: each record's
// head is read line by line, its block by its declared length, so only one record is ever
// in memory. Damage inside a file (wrong lengths, garbage between records, a cut-off last
// record) is reported per record and reading resynchronises on the next record head; a
// damaged gzip stream ends the read with the InputError ByteSource throws.
#include <algorithm>
#include <cctype>
#include <optional>

#include "ingest/readers.h"
#include "ingest/warc_http.h"
#include "util/strings.h"

namespace sitrep {

namespace {

constexpr size_t kMaxLine = 64 << 10;         // longer "lines" are garbage, cut into pieces
constexpr size_t kMaxHeadLines = 1000;        // a WARC head with more fields is garbage
constexpr uint64_t kMaxBlock = 64ull << 20;   // HTML records above this are skipped, reported
constexpr size_t kMaxInflated = 64ull << 20;  // bound on a decoded payload (zip bombs)

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsBlank(std::string_view s) { return TrimSpace(s).empty(); }

// Line and block reads over a ByteSource with bounded memory, counting the decompressed
// offset for messages. A damaged gzip stream reads as the end of input, so the record it
// cuts is still handled as a cut record; error() then holds the reason.
class Scanner {
 public:
  explicit Scanner(ByteSource& in) : in_(in) {}

  // One line without its LF and trailing CRs; false at the end of input.
  bool Line(std::string& line) {
    if (error_.empty()) {
      try {
        return FastLine(line);
      } catch (const InputError& e) {
        error_ = e.what();
      }
    }
    return SlowLine(line);
  }

  // Up to n bytes appended to `out` (or dropped when it is null); fewer only at the end.
  uint64_t Consume(uint64_t n, std::string* out) {
    char buf[1 << 15];
    uint64_t done = 0;
    while (done < n) {
      size_t k = Read(buf, size_t(std::min<uint64_t>(sizeof(buf), n - done)));
      if (k == 0) break;
      if (out) out->append(buf, k);
      done += k;
    }
    return done;
  }

  uint64_t offset() const { return offset_; }
  const std::string& error() const { return error_; }

 private:
  // Peeks in growing steps, so that damage further on does not fail this line.
  bool FastLine(std::string& line) {
    std::string_view view;
    size_t nl = std::string_view::npos;
    for (size_t want = 256;; want = std::min(want * 4, kMaxLine)) {
      view = in_.Peek(want);
      nl = view.find('\n');
      if (nl != std::string_view::npos || view.size() < want || want == kMaxLine) break;
    }
    if (view.empty()) return false;
    size_t take = nl == std::string_view::npos ? view.size() : nl + 1;
    line.assign(view.substr(0, nl == std::string_view::npos ? take : nl));
    while (!line.empty() && line.back() == '\r') line.pop_back();
    char sink[1 << 12];
    for (size_t left = take; left > 0;) {
      size_t k = Read(sink, std::min(left, sizeof(sink)));
      if (k == 0) break;
      left -= k;
    }
    return true;
  }

  // After the stream broke: the bytes decoded before the damage, one at a time.
  bool SlowLine(std::string& line) {
    line.clear();
    bool any = false;
    char c;
    while (line.size() < kMaxLine && Read(&c, 1) == 1) {
      any = true;
      if (c == '\n') break;
      line += c;
    }
    while (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
  }

  // ByteSource::Read that turns a damaged stream into its end, keeping the reason.
  size_t Read(char* out, size_t n) {
    size_t k = 0;
    try {
      k = in_.Read(out, n);
    } catch (const InputError& e) {
      if (error_.empty()) error_ = e.what();
    }
    offset_ += k;
    return k;
  }

  ByteSource& in_;
  uint64_t offset_ = 0;
  std::string error_;
};

// What a record head says, for WARC and ARC alike.
struct RecordHead {
  bool arc = false;
  std::string type;          // WARC-Type lower-cased; "filedesc" or "response" for ARC
  std::string url, date;     // date as ISO 8601 text
  std::string content_type;  // WARC Content-Type or the ARC mime field
  std::optional<uint64_t> length;
  std::string bad_length;  // the length field when it is not a number
};

// "<http://x/>" (a wget bug) and spaces (never valid in a URI) are repaired.
std::string CleanUri(std::string_view uri) {
  uri = TrimSpace(uri);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
  std::string out;
  for (char c : uri) {
    if (c == ' ') {
      out += "%20";
    } else {
      out += c;
    }
  }
  return out;
}

// ARC dates are "20140216050221" (sometimes longer, garbage digits after): ISO 8601 UTC.
std::string ArcDate(std::string_view digits) {
  if (digits.size() < 8) return std::string(digits);
  std::string d(digits.substr(0, 14));
  std::string iso = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
  if (d.size() >= 12) iso += "T" + d.substr(8, 2) + ":" + d.substr(10, 2);
  if (d.size() >= 14) iso += ":" + d.substr(12, 2);
  if (d.size() >= 12) iso += "Z";
  return iso;
}

std::vector<std::string_view> SplitSpaces(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == ' ') {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string JoinSpaces(const std::vector<std::string_view>& parts, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += parts[i];
  }
  return out;
}

bool DateLike(std::string_view s) { return AllDigits(s) && s.size() >= 8; }

// An ARC record line: "url ip date mime length" (v1), ten fields ending in the length
// (v2), or the Alexa short form with an empty or missing mime. Fields are taken from the
// right because URLs in old crawls contain spaces. Nothing when the line is not one.
std::optional<RecordHead> ParseArcLine(std::string_view line) {
  auto t = SplitSpaces(TrimSpace(line));
  size_t n = t.size();
  if (n < 4) return std::nullopt;
  size_t url_fields = 0, date = 0, mime = 0;
  if (n >= 10 && DateLike(t[n - 8])) {
    url_fields = n - 9, date = n - 8, mime = n - 7;
  } else if (n >= 5 && DateLike(t[n - 3])) {
    url_fields = n - 4, date = n - 3, mime = n - 2;
  } else if (DateLike(t[n - 2])) {
    url_fields = n - 3, date = n - 2;
  } else {
    return std::nullopt;
  }
  RecordHead head;
  head.arc = true;
  head.url = CleanUri(JoinSpaces(t, url_fields));
  if (head.url.find(':') == std::string::npos) return std::nullopt;
  head.type = head.url.rfind("filedesc:", 0) == 0 ? "filedesc" : "response";
  head.date = ArcDate(t[date]);
  if (mime) head.content_type = std::string(t[mime]);
  if (AllDigits(t[n - 1]) && t[n - 1].size() <= 15) {
    head.length = std::stoull(std::string(t[n - 1]));
  } else {
    head.bad_length = std::string(t[n - 1]);
  }
  return head;
}

bool IsWarcLine(std::string_view line) { return line.rfind("WARC/", 0) == 0; }

class WarcReader {
 public:
  WarcReader(ByteSource& in, const std::string& origin, const DocumentSink& sink,
             const RecordErrorSink& on_error)
      : scan_(in), origin_(origin), sink_(sink), on_error_(on_error) {}

  void Run() {
    std::string line;
    while (NextHeadLine(line)) {
      ++record_;
      std::optional<RecordHead> head = IsWarcLine(line) ? ReadWarcHead() : ParseArcLine(line);
      if (!head) break;  // the head was cut off at the end: already reported
      ReadBlock(*head);
    }
    // A damaged gzip stream: what came before it was read; say where it broke.
    if (!scan_.error().empty()) {
      throw InputError(scan_.error() + (record_ ? " in or after record " + std::to_string(record_) : ""));
    }
  }

 private:
  std::string Where() const { return origin_ + "#record-" + std::to_string(record_); }

  // Skips blank lines and garbage up to the next record head. Garbage before the first
  // record means this is no archive at all; later it is reported once per run.
  bool NextHeadLine(std::string& line) {
    uint64_t garbage = 0, garbage_at = 0;
    while (scan_.Line(line)) {
      if (IsBlank(line)) continue;
      if (IsWarcLine(line) || ParseArcLine(line)) {
        ReportGarbage(garbage, garbage_at);
        return true;
      }
      if (record_ == 0) {
        throw InputError("not a WARC or ARC file: it starts with \"" +
                         Printable(line.substr(0, 40)) + "\"");
      }
      if (garbage == 0) garbage_at = scan_.offset() - line.size() - 1;
      garbage += line.size() + 1;
    }
    ReportGarbage(garbage, garbage_at);
    return false;
  }

  void ReportGarbage(uint64_t bytes, uint64_t at) {
    if (bytes == 0) return;
    on_error_(Where(), "about " + std::to_string(bytes) + " bytes at offset " + std::to_string(at) +
                           " after this record do not start a record (wrong Content-Length?); "
                           "skipped to the next record");
  }

  static std::string Printable(std::string_view s) {
    std::string out;
    for (char c : s) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
    return out;
  }

  // The named fields after "WARC/1.x" up to the blank line; nothing when the input ends
  // first. Continuation lines (leading space) are joined to the field before.
  std::optional<RecordHead> ReadWarcHead() {
    RecordHead head;
    std::string line, name, length_text;
    for (size_t lines = 0;; ++lines) {
      if (!scan_.Line(line) || lines > kMaxHeadLines) {
        on_error_(Where(), "record head cut off or unterminated");
        return std::nullopt;
      }
      if (line.empty()) break;
      if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) continue;  // folded value
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      name = AsciiLower(TrimSpace(std::string_view(line).substr(0, colon)));
      std::string_view value = TrimSpace(std::string_view(line).substr(colon + 1));
      if (name == "warc-type") head.type = AsciiLower(value);
      if (name == "warc-target-uri") head.url = CleanUri(value);
      if (name == "warc-date") head.date = std::string(value);
      if (name == "content-type") head.content_type = std::string(value);
      if (name == "content-length") length_text = std::string(value);
    }
    if (AllDigits(length_text) && length_text.size() <= 15) {
      head.length = std::stoull(length_text);
    } else {
      head.bad_length = length_text.empty() ? "(missing)" : length_text;
    }
    return head;
  }

  bool Wanted(const RecordHead& head) const {
    if (head.arc) return head.type != "filedesc";
    return head.type == "response" || head.type == "resource";
  }

  void ReadBlock(const RecordHead& head) {
    if (!head.length) {
      on_error_(Where(), "invalid record length \"" + Printable(head.bad_length) +
                             "\"; skipped to the next record");
      return;
    }
    uint64_t length = *head.length;
    if (!Wanted(head) || length > kMaxBlock) {
      uint64_t got = scan_.Consume(length, nullptr);
      if (Wanted(head)) {
        on_error_(Where(), "record of " + std::to_string(length) + " bytes is too large; skipped");
      } else if (got < length) {
        ReportCut(length, got);
      }
      return;
    }
    std::string block;
    uint64_t got = scan_.Consume(length, &block);
    if (got < length) ReportCut(length, got);
    std::string reason;
    if (auto doc = MakeDocument(head, block, reason)) {
      sink_(std::move(*doc));
    } else if (!reason.empty()) {
      on_error_(Where(), reason);
    }
  }

  void ReportCut(uint64_t length, uint64_t got) {
    on_error_(Where(), "record cut off: its length says " + std::to_string(length) +
                           " bytes, the input ends after " + std::to_string(got));
  }

  // The HTML document a record holds, or nothing (with `reason` set when the record is
  // HTML but cannot be decoded).
  std::optional<Document> MakeDocument(const RecordHead& head, std::string_view block,
                                       std::string& reason) {
    std::string content_type = head.content_type;
    std::string transfer, encoding;
    std::string_view body = block;
    if (auto http = warc::ParseHttpHead(block)) {
      // Redirects, errors and "304 Not Modified" carry no article, at best a stub page.
      if (http->status < 200 || http->status > 299) return std::nullopt;
      content_type = http->content_type;
      transfer = http->transfer_encoding;
      encoding = http->content_encoding;
      body = block.substr(http->body_offset);
    } else if (!head.arc && head.type == "response" &&
               warc::MimeType(head.content_type).rfind("application/http", 0) == 0) {
      return std::nullopt;  // an HTTP record without a readable HTTP head: not a page
    }
    std::string mime = warc::MimeType(content_type);
    bool sniff = mime.empty() || mime == "application/octet-stream" || mime == "unknown" ||
                 mime == "no-type" || mime == "unk";
    if (!warc::IsHtmlMime(mime) && !sniff) return std::nullopt;
    std::optional<std::string> decoded = DecodeBody(body, transfer, encoding, reason);
    if (!decoded) return std::nullopt;
    if (TrimSpace(*decoded).empty()) return std::nullopt;
    if (!warc::IsHtmlMime(mime) && !warc::SniffHtml(*decoded)) return std::nullopt;
    Document doc;
    doc.origin = Where();
    doc.container = head.arc ? "arc" : "warc";
    doc.is_html = true;
    doc.body = std::move(*decoded);
    doc.charset = warc::CharsetParam(content_type);
    doc.url = head.url;
    doc.date = head.date;
    return doc;
  }

  // Undoes chunked transfer-encoding and gzip/deflate content-encoding. Archives differ in
  // whether they kept these (some writers decode but leave the headers), so a body that
  // does not decode but already reads as markup is taken as it is.
  static std::optional<std::string> DecodeBody(std::string_view body, const std::string& transfer,
                                               const std::string& encoding, std::string& reason) {
    std::string out(body);
    if (transfer.find("chunked") != std::string::npos) {
      if (auto dechunked = warc::Dechunk(out)) out = std::move(*dechunked);
    }
    bool compressed = encoding.find("gzip") != std::string::npos ||
                      encoding.find("deflate") != std::string::npos;
    if (compressed && !out.empty()) {
      if (auto inflated = warc::Inflate(out, kMaxInflated)) {
        out = std::move(*inflated);
      } else if (!warc::SniffHtml(out) && TrimSpace(out).rfind("<", 0) != 0) {
        reason = "HTML payload with Content-Encoding \"" + encoding + "\" could not be decoded";
        return std::nullopt;
      }
    }
    return out;
  }

  Scanner scan_;
  const std::string& origin_;
  const DocumentSink& sink_;
  const RecordErrorSink& on_error_;
  uint64_t record_ = 0;
};

}  // namespace

void ReadWarc(ByteSource& in, const std::string& origin, const DocumentSink& sink,
              const RecordErrorSink& on_error) {
  WarcReader(in, origin, sink, on_error).Run();
}

}  // namespace sitrep
