// TimeML and MEANTIME readers over libxml2 trees.
#include "time/timeml.h"

#include "time/date_parse.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace sitrep::timeml {

namespace {

std::string Attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return "";
  std::string s(reinterpret_cast<char*>(v));
  xmlFree(v);
  return s;
}

bool Named(xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

xmlNode* FindElement(xmlNode* n, const char* name) {
  for (; n; n = n->next) {
    if (Named(n, name)) return n;
    if (xmlNode* hit = FindElement(n->children, name)) return hit;
  }
  return nullptr;
}

GoldTimex TimexFrom(xmlNode* n, Span span) {
  return {span, Attr(n, "type"), Attr(n, "value"), Attr(n, "mod")};
}

bool IsDct(xmlNode* n) { return Attr(n, "functionInDocument") == "CREATION_TIME"; }

xmlNode* FindDct(xmlNode* n) {
  for (; n; n = n->next) {
    if (Named(n, "TIMEX3") && IsDct(n)) return n;
    if (xmlNode* hit = FindDct(n->children)) return hit;
  }
  return nullptr;
}

// Appends the text under `n` to doc.text, recording each TIMEX3's span as it passes.
void CollectInline(xmlNode* n, GoldDocument& doc) {
  for (; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      doc.text += reinterpret_cast<const char*>(n->content);
    } else if (n->type == XML_ELEMENT_NODE) {
      uint32_t begin = doc.text.size();
      CollectInline(n->children, doc);
      if (!Named(n, "TIMEX3")) continue;
      Span span{begin, uint32_t(doc.text.size())};
      if (IsDct(n)) doc.dct_span = span;
      else doc.timexes.push_back(TimexFrom(n, span));
    }
  }
}

void ReadTimeMl(xmlNode* root, GoldDocument& doc) {
  xmlNode* dct = FindElement(root->children, "DCT");
  if (xmlNode* t = dct ? FindElement(dct->children, "TIMEX3") : nullptr)
    doc.dct = ParseTimexValue(Attr(t, "value"));
  xmlNode* text = FindElement(root->children, "TEXT");
  if (!text) throw std::runtime_error("TimeML without <TEXT>");
  CollectInline(text->children, doc);
  if (!doc.dct.known())  // some files state the DCT only as a TIMEX3 elsewhere
    if (xmlNode* t = FindDct(root->children)) doc.dct = ParseTimexValue(Attr(t, "value"));
}

// MEANTIME tokens carry no offsets: rebuild a readable text (no space before closing
// punctuation and clitics, a newline between sentences) and remember each token's span.
bool GluesLeft(std::string_view t) {
  static const char* kGlue[] = {",", ".", ";", ":", "!", "?", ")", "%", "'s", "n't", "'re",
                                "'ve", "'ll", "'d", "'m", "'"};
  for (auto* g : kGlue)
    if (t == g) return true;
  return false;
}

// MEANTIME's TIMEX3 layer covers sentences 0 (title) to 5 (1 is the dateline); the event
// mentions further down come from the cross-document pass, which adds no TIMEX3. Checked on
// the English set: all 488 TIMEX3 lie in sentences 0-5, while 270 month, weekday and year
// tokens past sentence 5 carry none.
constexpr int kMeantimeLastSentence = 5;

void ReadMeantime(xmlNode* root, GoldDocument& doc) {
  std::map<std::string, Span> token_span;
  std::string last_sentence;
  bool glue_next = true;
  for (xmlNode* n = root->children; n; n = n->next) {
    if (!Named(n, "token")) continue;
    xmlChar* c = xmlNodeGetContent(n);
    std::string tok = c ? reinterpret_cast<char*>(c) : "";
    xmlFree(c);
    std::string sentence = Attr(n, "sentence");
    if (!doc.text.empty()) {
      if (sentence != last_sentence) doc.text += '\n';
      else if (!glue_next && !GluesLeft(tok)) doc.text += ' ';
    }
    last_sentence = sentence;
    uint32_t begin = doc.text.size();
    doc.text += tok;
    token_span[Attr(n, "t_id")] = {begin, uint32_t(doc.text.size())};
    if (std::atoi(sentence.c_str()) <= kMeantimeLastSentence) doc.scored_end = doc.text.size();
    glue_next = tok == "(" || tok == "$";
  }
  xmlNode* markables = FindElement(root->children, "Markables");
  for (xmlNode* n = markables ? markables->children : root->children; n; n = n->next) {
    if (!Named(n, "TIMEX3")) continue;
    std::optional<Span> span;
    for (xmlNode* a = n->children; a; a = a->next) {
      if (!Named(a, "token_anchor")) continue;
      auto it = token_span.find(Attr(a, "t_id"));
      if (it == token_span.end()) continue;
      Span s = it->second;
      span = span ? Span{std::min(span->begin, s.begin), std::max(span->end, s.end)} : s;
    }
    if (IsDct(n)) {
      doc.dct = ParseTimexValue(Attr(n, "value"));
      doc.dct_span = span;
    } else if (span) {  // markables without tokens are not in the text
      doc.timexes.push_back(TimexFrom(n, *span));
    }
  }
  std::sort(doc.timexes.begin(), doc.timexes.end(),
            [](const GoldTimex& a, const GoldTimex& b) { return a.span.begin < b.span.begin; });
}

int Digits(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  if (pos + n > s.size()) return -1;
  auto r = std::from_chars(s.data() + pos, s.data() + pos + n, v);
  return r.ptr == s.data() + pos + n ? v : -1;
}

}  // namespace

DateTime ParseTimexValue(std::string_view v) {
  DateTime d;
  bool dashed = v.size() >= 10 && v[4] == '-';
  size_t step = dashed ? 1 : 0;
  d.year = Digits(v, 0, 4);
  d.month = Digits(v, 4 + step, 2);
  d.day = Digits(v, 6 + 2 * step, 2);
  if (d.year < 0 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) {
    // a few gold files write the DCT as a plain date ("03-02-2009", day first)
    auto parsed = ParseDate(v);
    return parsed && parsed->precision >= Precision::kDay ? *parsed : DateTime{};
  }
  d.precision = Precision::kDay;
  size_t t = 8 + 2 * step;
  if (v.size() >= t + 6 && v[t] == 'T' && v[t + 3] == ':') {
    d.hour = Digits(v, t + 1, 2);
    d.minute = Digits(v, t + 4, 2);
    if (d.hour >= 0 && d.minute >= 0) d.precision = Precision::kMinute;
  }
  return d;
}

GoldDocument ParseGold(std::string_view xml, std::string name) {
  xmlDoc* x = xmlReadMemory(xml.data(), int(xml.size()), nullptr, nullptr,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (!x) throw std::runtime_error("unreadable XML: " + name);
  GoldDocument doc;
  doc.name = std::move(name);
  try {
    xmlNode* root = xmlDocGetRootElement(x);
    if (!root) throw std::runtime_error("empty XML: " + doc.name);
    if (Named(root, "Document")) ReadMeantime(root, doc);
    else ReadTimeMl(root, doc);
  } catch (...) {
    xmlFreeDoc(x);
    throw;
  }
  xmlFreeDoc(x);
  return doc;
}

std::vector<GoldDocument> LoadGoldDir(const std::string& dir) {
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".tml" || ext == ".xml")) paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<GoldDocument> docs;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string xml = ss.str();
    // The MEANTIME schema and other stray XML are not documents: skip what has no text.
    if (xml.find("<TimeML") == std::string::npos && xml.find("<Document") == std::string::npos)
      continue;
    docs.push_back(ParseGold(xml, p.string()));
  }
  return docs;
}

}  // namespace sitrep::timeml
