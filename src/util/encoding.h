// Bytes of unknown encoding into valid UTF-8: a BOM, then the declared charset (HTTP header,
// XML prolog, <meta charset>), then valid UTF-8 as is, then uchardet's guess; what cannot be
// decoded becomes U+FFFD with a warning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// `declared` may be empty. For HTML, a <meta charset> in the first bytes is honoured.
std::string ToUtf8(std::string_view bytes, std::string_view declared, bool is_html,
                   std::vector<std::string>* warnings);

bool IsValidUtf8(std::string_view s);

// Invalid sequences replaced by U+FFFD; returns how many were replaced.
size_t RepairUtf8(std::string& s);

// True for content no reader should take as text (NUL bytes, many control characters).
bool LooksBinary(std::string_view head);

}  // namespace sitrep
