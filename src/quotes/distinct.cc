#include <algorithm>

#include "quotes/quotes.h"

namespace sitrep {

namespace {

constexpr int kMinWords = 5;

int Words(std::string_view text) {
  int n = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t';
    n += !space && !in_word;
    in_word = !space;
  }
  return n;
}

bool Inside(Span inner, Span outer) { return inner.begin >= outer.begin && inner.end <= outer.end; }

}  // namespace

std::vector<const Attribution*> DistinctAttributions(const Article& a) {
  std::vector<const Attribution*> out;
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    const Attribution& at = a.attributions[i];
    if (Words(a.Text(at.content)) < kMinWords) continue;
    // Inside another's content: the longer one is kept; of two equal spans, the first.
    const bool nested = std::any_of(a.attributions.begin(), a.attributions.end(), [&](const Attribution& o) {
      if (&o == &at || !Inside(at.content, o.content)) return false;
      return o.content.size() > at.content.size() || (o.content == at.content && &o < &at);
    });
    if (!nested) out.push_back(&at);
  }
  return out;
}

std::vector<std::string> ProvenanceChain(const Article& a, const Attribution& at,
                                         const std::string& speaker) {
  std::vector<std::string> chain;
  if (!speaker.empty()) chain.push_back(speaker);
  if (!at.venue.empty()) chain.push_back(at.venue);
  chain.insert(chain.end(), at.relays.begin(), at.relays.end());
  if (!a.outlet.empty() && (chain.empty() || chain.back() != a.outlet)) chain.push_back(a.outlet);
  return chain;
}

}  // namespace sitrep
