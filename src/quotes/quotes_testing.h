// Articles for the quotes stage's tests, invented text in, segmented article out. Tests only.
#pragma once

#include <string>
#include <vector>

#include "article.h"
#include "text/segment.h"

namespace sitrep::testing {

// `text` with its paragraphs at blank lines, segmented; `relays` are the outlets the
// article names as its sources.
inline Article ParagraphArticle(const std::string& text, std::vector<std::string> relays = {}) {
  Article a;
  a.text = text;
  for (size_t begin = 0; begin < text.size();) {
    size_t end = text.find("\n\n", begin);
    if (end == std::string::npos) end = text.size();
    a.paragraphs.push_back({uint32_t(begin), uint32_t(end)});
    begin = end + 2;
  }
  a.relays = std::move(relays);
  Segment(a);
  return a;
}

}  // namespace sitrep::testing
