// How the store encodes an Article's fields, shared by its backends (internal to store/).
#pragma once

#include <string>
#include <vector>

#include "article.h"

namespace sitrep {

// Spans as varints (gap since the previous span's end, then length): about two bytes a token.
std::string PackSpans(const std::vector<Span>& spans);
std::vector<Span> UnpackSpans(const std::string& packed);
std::string PackSentences(const std::vector<Sentence>& sentences);
std::vector<Sentence> UnpackSentences(const std::string& packed);
// String lists as JSON arrays; anything else reads as empty.
std::string ToJson(const std::vector<std::string>& v);
std::vector<std::string> FromJson(const std::string& s);
// Inverse of DateTime::Iso for what the store wrote.
DateTime ParseIso(const std::string& s);

}  // namespace sitrep
