// The tagger finds cue, source and content tokens; this file turns them into the article's
// attributions and hands them to the provenance rules (speakers, venues, relays).
#include "quotes/quotes.h"

#include <cstdlib>
#include <fstream>
#include <mutex>

#include "quotes/model.h"
#include "quotes/provenance.h"
#include "quotes/repair.h"
#include "text/segment.h"
#include "util/models.h"

namespace sitrep {

namespace {

struct Loaded {
  quotes::QuoteModel model;
  std::string error;
};

const Loaded& Model() {
  static const Loaded* loaded = [] {
    auto* l = new Loaded;
    const std::string path = QuoteModelPath();
    std::ifstream in(path, std::ios::binary);
    if (!in) l->error = path + ": cannot open the quotes model";
    else if (!l->model.Load(in)) l->error = path + ": not a quotes model, or truncated";
    return l;
  }();
  return *loaded;
}

Span Bytes(const quotes::ArticleView& v, quotes::TokenRange r) {
  if (r.empty()) return {};
  return {v.tokens[r.begin].span.begin, v.tokens[r.end - 1].span.end};
}

}  // namespace

std::string QuoteModelPath() { return ModelPath("SITREP_QUOTES_MODEL", "quotes.model"); }

const std::string& QuoteModelError() { return Model().error; }

namespace quotes {

std::vector<Attribution> Attributions(const QuoteModel& m, const Article& a,
                                     const std::vector<Span>* given_cues) {
  const ArticleView v = ViewOf(a);
  std::vector<TokenAttribution> found;
  if (given_cues) {
    std::vector<TokenRange> cues;
    for (Span c : *given_cues)
      if (TokenRange r = TokensOf(v, c); !r.empty()) cues.push_back(r);
    found = AttributionsForCues(m, v, cues);
  } else {
    found = FindTokenAttributions(m, v);
  }
  std::vector<Attribution> out;
  for (const TokenAttribution& t : found) {
    Attribution at;
    at.cue = Bytes(v, t.cue);
    at.source = Bytes(v, t.source);
    at.content = {Bytes(v, t.content.front()).begin, Bytes(v, t.content.back()).end};
    at.direct = v.tokens[t.content.front().begin].region >= 0;
    out.push_back(std::move(at));
  }
  return out;
}

}  // namespace quotes

void FindAttributions(Article& article) {
  article.attributions.clear();
  if (article.tokens.empty() && !article.text.empty()) Segment(article);
  const Loaded& m = Model();
  if (!m.error.empty()) return;
  article.attributions = quotes::Attributions(m.model, article);
  quotes::RepairAttributions(article);
  quotes::TraceProvenance(article);
}

}  // namespace sitrep
