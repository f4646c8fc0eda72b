#include "ingest/detect.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "util/encoding.h"
#include "util/strings.h"

namespace sitrep {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view SkipSpaceAndBom(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

// The first element name after any prolog, comments and doctype, lower-cased.
std::string FirstElement(std::string_view s) {
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    std::string_view rest = s.substr(i + 1);
    if (rest.starts_with("?") || rest.starts_with("!")) {
      size_t end = rest.starts_with("!--") ? s.find("-->", i) : s.find('>', i);
      if (end == std::string_view::npos) return "";
      i = end + 1;
      continue;
    }
    size_t j = 0;
    while (j < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[j])) || rest[j] == ':'))
      ++j;
    return AsciiLower(rest.substr(0, j));
  }
  return "";
}

bool LooksLikeJsonLines(std::string_view s) {
  if (!s.starts_with("{")) return false;
  // A JSON object whose first key is quoted: `{"` after optional whitespace.
  std::string_view rest = SkipSpaceAndBom(s.substr(1));
  return rest.starts_with("\"") || rest.starts_with("}");
}

}  // namespace

Format DetectFormat(std::string_view head, std::string_view name) {
  std::string lname = AsciiLower(name);
  if (EndsWith(lname, ".gz")) lname.resize(lname.size() - 3);
  std::string_view s = SkipSpaceAndBom(head);
  if (s.empty()) return Format::kEmpty;
  if (head.starts_with("WARC/")) return Format::kWarc;
  if (head.starts_with("filedesc://")) return Format::kArc;
  if (LooksBinary(head)) return Format::kBinary;
  if (LooksLikeJsonLines(s)) return Format::kJsonl;
  if (s.starts_with("<")) {
    std::string root = FirstElement(s.substr(0, 8192));
    if (root == "rss" || root == "feed" || root == "rdf:rdf" || root == "channel") return Format::kFeed;
    std::string low = AsciiLower(s.substr(0, 8192));
    if (root == "html" || low.find("<html") != std::string::npos ||
        low.find("<body") != std::string::npos || low.find("<p") != std::string::npos ||
        low.find("<div") != std::string::npos)
      return Format::kHtml;
    if (EndsWith(lname, ".rss") || EndsWith(lname, ".atom") || EndsWith(lname, ".xml")) return Format::kFeed;
    return Format::kHtml;
  }
  // Arc files from the Alexa crawls start with a bare URL record header.
  if (EndsWith(lname, ".arc") && s.find("://") < 16) return Format::kArc;
  return Format::kText;
}

const char* DescribeBinary(std::string_view head) {
  struct Magic {
    std::string_view prefix;
    const char* what;
  };
  static const Magic kMagics[] = {
      {"%PDF", "a PDF document"},          {"PK\x03\x04", "a ZIP archive (or Office file)"},
      {"\x89PNG", "a PNG image"},           {"\xFF\xD8\xFF", "a JPEG image"},
      {"GIF8", "a GIF image"},              {"\x7F" "ELF", "an executable"},
      {"SQLite format 3", "an SQLite database"}, {"\x28\xB5\x2F\xFD", "a zstd archive"},
      {"BZh", "a bzip2 archive"},           {"\xFD" "7zXZ", "an xz archive"},
      {"7z\xBC\xAF", "a 7-Zip archive"},     {"\xD0\xCF\x11\xE0", "an old Office document"},
  };
  for (const Magic& m : kMagics)
    if (head.starts_with(m.prefix)) return m.what;
  return "binary content";
}

const char* FormatName(Format f) {
  switch (f) {
    case Format::kEmpty: return "empty";
    case Format::kBinary: return "binary";
    case Format::kText: return "text";
    case Format::kHtml: return "html";
    case Format::kJsonl: return "jsonl";
    case Format::kWarc: return "warc";
    case Format::kArc: return "arc";
    case Format::kFeed: return "feed";
  }
  return "unknown";
}

}  // namespace sitrep
