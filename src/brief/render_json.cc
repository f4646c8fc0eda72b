#include "brief/render.h"

namespace sitrep::brief {

nlohmann::json ToJson(const Brief& b) {
  nlohmann::json sources = nlohmann::json::array();
  for (const Source& s : b.sources)
    sources.push_back({{"article", s.article_id}, {"outlet", s.outlet}, {"title", s.title},
                       {"url", s.url}, {"published", s.published},
                       {"date_evidence", s.date_evidence},
                       {"inferred", s.inferred}, {"inferred_evidence", s.inferred_evidence}, {"relays", s.relays},
                       {"copy_of", s.copy_of}});
  nlohmann::json summary = nlohmann::json::array();
  for (const SummaryLine& s : b.summary) summary.push_back({{"text", s.text}, {"source", s.source}});
  nlohmann::json actors = nlohmann::json::array();
  for (const Actor& a : b.actors)
    actors.push_back({{"name", a.name}, {"type", a.type}, {"variants", a.variants},
                      {"roles", a.roles}, {"mentions", a.mentions}, {"articles", a.articles}});
  nlohmann::json quotes = nlohmann::json::array();
  for (const QuoteLine& q : b.quotes)
    quotes.push_back({{"speaker", q.speaker}, {"text", q.text}, {"direct", q.direct},
                      {"venue", q.venue}, {"chain", q.chain}, {"source", q.source}});
  nlohmann::json claims = nlohmann::json::array();
  for (const ClaimLine& c : b.claims)
    claims.push_back({{"wording", c.wording}, {"statements", c.statements},
                      {"articles", c.articles}, {"outlets", c.outlets},
                      {"independent_origins", c.origins}, {"contested", c.contested},
                      {"asserted_by", c.asserted_by}, {"denied_by", c.denied_by},
                      {"for_sources", c.for_sources}, {"against_sources", c.against_sources}});
  nlohmann::json timeline = nlohmann::json::array();
  for (const TimelineLine& t : b.timeline)
    timeline.push_back({{"when", t.when}, {"what", t.what}, {"forecast", t.forecast}, {"sources", t.sources}});
  return {{"story", b.story},       {"headline", b.headline},  {"first_seen", b.first_seen},
          {"last_seen", b.last_seen}, {"outlets", b.outlets},  {"copies", b.copies},
          {"summary", summary},     {"actors", actors},        {"quotes", quotes},
          {"quotes_not_shown", b.quotes_not_shown},
          {"claims", claims},       {"timeline", timeline},
          {"sources", sources},     {"open_questions", b.open_questions}};
}

}  // namespace sitrep::brief
