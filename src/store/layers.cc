#include "store/layers.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include <nlohmann/json.hpp>

#include "util/encoding.h"

namespace sitrep {

namespace {

using nlohmann::json;

json SpanJson(Span s) { return json::array({s.begin, s.end}); }

Span SpanOf(const json& j) {
  if (!j.is_array() || j.size() != 2) return {};
  return {j[0].get<uint32_t>(), j[1].get<uint32_t>()};
}

// Writes the document straight into a string, byte for byte what nlohmann's dump() makes of
// LayersJson (keys in sorted order, no spaces, only control characters, quotes and
// backslashes escaped): building the json tree cost ~2% of an ingest.
class LayersWriter {
 public:
  // False when a string is not well-formed UTF-8 (dump() throws on it; so does the caller).
  bool Write(const Article& a) {
    if (a.mentions.empty() && a.attributions.empty() && a.times.empty()) {
      out_ = "{}";
      return true;
    }
    out_ += "{\"attributions\":[";
    for (size_t i = 0; i < a.attributions.size(); ++i) {
      const Attribution& at = a.attributions[i];
      out_ += i ? ",{" : "{";
      Key("content"), Write(at.content), out_ += ',';
      Key("cue"), Write(at.cue), out_ += ',';
      Key("direct"), out_ += at.direct ? "true" : "false", out_ += ',';
      Key("relays"), out_ += '[';
      for (size_t r = 0; r < at.relays.size(); ++r) {
        if (r) out_ += ',';
        if (!Write(at.relays[r])) return false;
      }
      out_ += "],";
      Key("source"), Write(at.source), out_ += ',';
      Key("speaker");
      if (!Write(at.speaker)) return false;
      out_ += ',';
      Key("venue");
      if (!Write(at.venue)) return false;
      out_ += '}';
    }
    out_ += "],\"mentions\":[";
    for (size_t i = 0; i < a.mentions.size(); ++i) {
      const Mention& m = a.mentions[i];
      out_ += i ? ",{" : "{";
      Key("entity");
      if (!Write(m.entity)) return false;
      out_ += ',';
      Key("span"), Write(m.span), out_ += ',';
      Key("type"), Number(static_cast<int>(m.type)), out_ += '}';
    }
    out_ += "],\"times\":[";
    for (size_t i = 0; i < a.times.size(); ++i) {
      const TimeExpression& t = a.times[i];
      out_ += i ? ",{" : "{";
      Key("mod");
      if (!Write(t.mod)) return false;
      out_ += ',';
      Key("span"), Write(t.span), out_ += ',';
      Key("tense"), Number(static_cast<int>(t.tense)), out_ += ',';
      Key("type");
      if (!Write(t.type)) return false;
      out_ += ',';
      Key("value");
      if (!Write(t.value)) return false;
      out_ += '}';
    }
    out_ += "]}";
    return true;
  }
  std::string Take() { return std::move(out_); }

 private:
  void Key(const char* k) {
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }
  void Number(int64_t v) {
    char buf[24];
    out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }
  void Write(Span s) {
    out_ += '[';
    Number(s.begin);
    out_ += ',';
    Number(s.end);
    out_ += ']';
  }
  bool Write(std::string_view s) {
    if (!IsValidUtf8(s)) return false;  // dump() throws on it
    static const char kHex[] = "0123456789abcdef";
    out_ += '"';
    for (char ch : s) {
      const unsigned char c = ch;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          if (c <= 0x1F) {
            out_ += "\\u00";
            out_ += kHex[c >> 4];
            out_ += kHex[c & 15];
          } else {
            out_ += ch;
          }
      }
    }
    out_ += '"';
    return true;
  }
  std::string out_;
};

// The same document through nlohmann's json (for what the writer above cannot spell).
std::string LayersJsonTree(const Article& a) {
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

}  // namespace

std::string LayersToJson(const Article& a) {
  LayersWriter w;
  return w.Write(a) ? w.Take() : LayersJsonTree(a);
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
