#include "store/layers.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace sitrep {

namespace {

using nlohmann::json;

json SpanJson(Span s) { return json::array({s.begin, s.end}); }

Span SpanOf(const json& j) {
  if (!j.is_array() || j.size() != 2) return {};
  return {j[0].get<uint32_t>(), j[1].get<uint32_t>()};
}

}  // namespace

std::string LayersToJson(const Article& a) {
  json mentions = json::array(), attributions = json::array(), times = json::array();
  for (const Mention& m : a.mentions)
    mentions.push_back({{"span", SpanJson(m.span)}, {"type", static_cast<int>(m.type)},
                        {"entity", m.entity}});
  for (const Attribution& at : a.attributions)
    attributions.push_back({{"content", SpanJson(at.content)}, {"source", SpanJson(at.source)},
                            {"cue", SpanJson(at.cue)}, {"speaker", at.speaker},
                            {"venue", at.venue}, {"relays", at.relays}, {"direct", at.direct}});
  for (const TimeExpression& t : a.times)
    times.push_back({{"span", SpanJson(t.span)}, {"type", t.type}, {"value", t.value},
                     {"mod", t.mod}, {"tense", static_cast<int>(t.tense)}});
  if (mentions.empty() && attributions.empty() && times.empty()) return "{}";
  return json{{"mentions", mentions}, {"attributions", attributions}, {"times", times}}.dump();
}

void LayersFromJson(const std::string& text, Article& a) {
  a.mentions.clear();
  a.attributions.clear();
  a.times.clear();
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  try {
    for (const json& m : j.value("mentions", json::array()))
      a.mentions.push_back({SpanOf(m.value("span", json())),
                            static_cast<EntityType>(m.value("type", 3)), m.value("entity", "")});
    for (const json& at : j.value("attributions", json::array())) {
      Attribution x;
      x.content = SpanOf(at.value("content", json()));
      x.source = SpanOf(at.value("source", json()));
      x.cue = SpanOf(at.value("cue", json()));
      x.speaker = at.value("speaker", "");
      x.venue = at.value("venue", "");
      x.relays = at.value("relays", std::vector<std::string>{});
      x.direct = at.value("direct", false);
      a.attributions.push_back(std::move(x));
    }
    for (const json& t : j.value("times", json::array())) {
      TimeExpression x;
      x.span = SpanOf(t.value("span", json()));
      x.type = t.value("type", "");
      x.value = t.value("value", "");
      x.mod = t.value("mod", "");
      x.tense = static_cast<Tense>(std::clamp(t.value("tense", 0), 0, 2));
      a.times.push_back(std::move(x));
    }
  } catch (const json::exception&) {
    a.mentions.clear();
    a.attributions.clear();
    a.times.clear();
  }
}

}  // namespace sitrep
