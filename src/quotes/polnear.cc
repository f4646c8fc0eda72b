#include "quotes/polnear.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "text/segment.h"

namespace sitrep::quotes {

namespace {

// Byte offset of each code point index (one past the end included).
std::vector<uint32_t> CodePointOffsets(const std::string& s) {
  std::vector<uint32_t> out;
  out.reserve(s.size() + 1);
  for (uint32_t i = 0; i < s.size();) {
    out.push_back(i);
    const auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  }
  out.push_back(uint32_t(s.size()));
  return out;
}

Span ToBytes(const std::vector<uint32_t>& offsets, const nlohmann::json& j) {
  auto at = [&](int64_t cp) { return offsets[std::clamp<int64_t>(cp, 0, int64_t(offsets.size()) - 1)]; };
  return {at(j.at("start").get<int64_t>()), at(j.at("end").get<int64_t>())};
}

// Paragraphs of a text whose paragraphs are separated by blank lines.
std::vector<Span> Paragraphs(const std::string& t) {
  std::vector<Span> out;
  size_t begin = 0;
  while (begin < t.size()) {
    size_t end = t.find("\n\n", begin);
    if (end == std::string::npos) end = t.size();
    if (end > begin) out.push_back({uint32_t(begin), uint32_t(end)});
    begin = end + 2;
  }
  return out;
}

}  // namespace

std::vector<GoldDocument> LoadPolnear(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<GoldDocument> docs;
  std::set<std::string> seen;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    try {
      auto j = nlohmann::json::parse(line);
      const std::string article = j.at("article").get<std::string>();
      if (!seen.insert(article).second) continue;  // a later annotator of the same article
      GoldDocument d;
      d.id = article;
      d.article.text = j.at("text").get<std::string>();
      d.article.paragraphs = Paragraphs(d.article.text);
      Segment(d.article);
      const auto offsets = CodePointOffsets(d.article.text);
      for (const auto& q : j.at("quotes")) {
        GoldAttribution g;
        for (const auto& s : q.at("content_spans")) g.content.push_back(ToBytes(offsets, s));
        std::sort(g.content.begin(), g.content.end(), [](Span a, Span b) { return a.begin < b.begin; });
        if (g.content.empty()) continue;
        const auto& speakers = q.at("speaker_spans");
        if (!speakers.empty()) {
          g.source = ToBytes(offsets, speakers.front());
          for (const auto& s : speakers) {
            Span b = ToBytes(offsets, s);
            g.source = {std::min(g.source.begin, b.begin), std::max(g.source.end, b.end)};
          }
        }
        const auto& cues = q.at("cue_spans");
        if (!cues.empty()) g.cue = ToBytes(offsets, cues.front());
        d.attributions.push_back(std::move(g));
      }
      docs.push_back(std::move(d));
    } catch (const nlohmann::json::exception& e) {
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  return docs;
}

Span TrimPunctuation(std::string_view text, Span s) {
  auto skippable = [](UChar32 c) { return u_isUWhiteSpace(c) || u_ispunct(c); };
  while (s.begin < s.end) {
    int32_t i = int32_t(s.begin);
    UChar32 c;
    U8_NEXT(text.data(), i, int32_t(s.end), c);
    if (c < 0 || !skippable(c)) break;
    s.begin = uint32_t(i);
  }
  while (s.end > s.begin) {
    int32_t i = int32_t(s.end);
    UChar32 c;
    U8_PREV(text.data(), int32_t(s.begin), i, c);
    if (c < 0 || !skippable(c)) break;
    s.end = uint32_t(i);
  }
  return s;
}

Prf ScoreExact(const Article& a, const std::vector<Span>& gold, const std::vector<Span>& found) {
  Prf out{0, found.size(), gold.size()};
  std::multiset<std::pair<uint32_t, uint32_t>> left;
  for (Span f : found) {
    Span t = TrimPunctuation(a.text, f);
    left.insert({t.begin, t.end});
  }
  for (Span g : gold) {
    Span t = TrimPunctuation(a.text, g);
    auto it = left.find({t.begin, t.end});
    if (it == left.end()) continue;
    left.erase(it);
    ++out.matched;
  }
  return out;
}

Prf ScoreOverlap(const Article& a, const std::vector<Span>& gold, const std::vector<Span>& found) {
  Prf out{0, found.size(), gold.size()};
  auto is_word = [&](Span t) {
    for (char c : a.Text(t))
      if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c))) return true;
    return false;
  };
  std::vector<bool> used(found.size(), false);
  for (Span g : gold) {
    std::vector<Span> words;
    for (Span t : a.tokens)
      if (t.begin >= g.begin && t.end <= g.end && is_word(t)) words.push_back(t);
    if (words.empty()) continue;
    size_t best = 0, best_shared = 0;
    for (size_t f = 0; f < found.size(); ++f) {
      if (used[f]) continue;
      size_t shared = 0;
      for (Span t : words) shared += t.begin >= found[f].begin && t.end <= found[f].end;
      if (shared > best_shared) best = f, best_shared = shared;
    }
    if (best_shared * 2 >= words.size()) {
      used[best] = true;
      ++out.matched;
    }
  }
  return out;
}

}  // namespace sitrep::quotes
