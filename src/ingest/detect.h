// Which reader a file needs, decided from its first bytes (after gunzipping), with the file
// name only as a tie-breaker: a .txt holding HTML is HTML, a .xml holding RSS is a feed.
#pragma once

#include <string_view>

namespace sitrep {

enum class Format { kEmpty, kBinary, kText, kHtml, kJsonl, kWarc, kArc, kFeed };

Format DetectFormat(std::string_view head, std::string_view name);
const char* FormatName(Format f);
// For binary content: what it looks like ("a PDF document", "a ZIP archive"), for the error.
const char* DescribeBinary(std::string_view head);

}  // namespace sitrep
