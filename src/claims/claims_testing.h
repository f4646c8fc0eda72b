// Articles and hand-made attributions for the claims stage's tests. Tests only.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "pipeline/pipeline.h"

namespace sitrep::claims::testing {

// An article built from plain text as the pipeline builds it; `relays` are the outlets it
// names as its sources.
inline Article Make(std::string body, std::string outlet = "Wire", std::vector<std::string> relays = {}) {
  Document d;
  d.container = "text";
  d.body = std::move(body);
  d.outlet = std::move(outlet);
  Article a = BuildArticle(std::move(d));
  a.relays = std::move(relays);
  return a;
}

// Where `text` first occurs at or after `from`; a test failure when it does not.
inline Span Find(const Article& a, std::string_view text, size_t from = 0) {
  const size_t at = a.text.find(text, from);
  EXPECT_NE(at, std::string::npos) << text;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + text.size())};
}

// An attribution made by hand, as the quotes stage would: the cue nearest before the content
// ("Berg said ..."), else after it ("..., Berg said").
inline void Quote(Article& a, std::string_view content, std::string speaker, std::string_view cue,
                  std::vector<std::string> relays = {}) {
  Attribution at;
  at.content = Find(a, content);
  const size_t before = a.text.rfind(cue, at.content.begin);
  at.cue = before != std::string::npos
               ? Span{static_cast<uint32_t>(before), static_cast<uint32_t>(before + cue.size())}
               : Find(a, cue, at.content.end);
  at.speaker = std::move(speaker);
  at.relays = std::move(relays);
  a.attributions.push_back(at);
}

}  // namespace sitrep::claims::testing
