// Small string helpers every stage needs; one definition each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// A-Z to a-z; other bytes (UTF-8 included) unchanged. For tags, keys, names of things.
std::string AsciiLower(std::string_view s);
// Full Unicode lower case (ICU), for text a reader wrote: "ДАТА" → "дата".
std::string UnicodeLower(std::string_view s);
// Without leading and trailing ASCII white space.
std::string_view TrimSpace(std::string_view s);
// Text made safe inside HTML elements and quoted attributes: & < > " ' as entities.
std::string EscapeHtml(std::string_view s);
// The parts with `separator` between them: {"a", "b"}, ", " → "a, b".
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace sitrep
