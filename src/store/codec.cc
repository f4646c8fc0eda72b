// How both backends write an Article's fields: spans as varints, lists as JSON, dates as
// ISO text.
#include "store/codec.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sitrep {

// Spans as varints: the gap since the previous span's end, then the length. Tokens are
// most of an article's layers, and this stores them in about two bytes each.
static void PutVarint(std::string& out, uint32_t v) {
  while (v >= 0x80) {
    out += static_cast<char>(v | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

static uint32_t GetVarint(const std::string& in, size_t& pos) {
  uint32_t v = 0;
  for (int shift = 0; pos < in.size() && shift < 35; shift += 7) {
    uint8_t b = static_cast<uint8_t>(in[pos++]);
    v |= static_cast<uint32_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
  }
  return v;
}

std::string PackSpans(const std::vector<Span>& spans) {
  std::string out;
  out.reserve(spans.size() * 2);
  uint32_t last = 0;
  for (const Span& s : spans) {
    PutVarint(out, s.begin - std::min(last, s.begin));
    PutVarint(out, s.end - s.begin);
    last = s.end;
  }
  return out;
}

std::vector<Span> UnpackSpans(const std::string& b) {
  std::vector<Span> spans;
  uint32_t last = 0;
  for (size_t pos = 0; pos < b.size();) {
    Span s;
    s.begin = last + GetVarint(b, pos);
    s.end = s.begin + GetVarint(b, pos);
    spans.push_back(s);
    last = s.end;
  }
  return spans;
}

std::string PackSentences(const std::vector<Sentence>& sentences) {
  std::string out;
  uint32_t last = 0;
  for (const Sentence& s : sentences) {
    PutVarint(out, s.span.begin - std::min(last, s.span.begin));
    PutVarint(out, s.span.end - s.span.begin);
    PutVarint(out, s.paragraph);
    last = s.span.end;
  }
  return out;
}

std::vector<Sentence> UnpackSentences(const std::string& b) {
  std::vector<Sentence> sentences;
  uint32_t last = 0;
  for (size_t pos = 0; pos < b.size();) {
    Sentence s;
    s.span.begin = last + GetVarint(b, pos);
    s.span.end = s.span.begin + GetVarint(b, pos);
    s.paragraph = GetVarint(b, pos);
    sentences.push_back(s);
    last = s.span.end;
  }
  return sentences;
}

std::string ToJson(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

std::vector<std::string> FromJson(const std::string& s) {
  auto j = nlohmann::json::parse(s, nullptr, false);
  return j.is_array() ? j.get<std::vector<std::string>>() : std::vector<std::string>{};
}

// Inverse of DateTime::Iso for what this store wrote.
DateTime ParseIso(const std::string& s) {
  DateTime d;
  if (s.empty()) return d;
  int n = sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &d.year, &d.month, &d.day, &d.hour, &d.minute,
                 &d.second);
  static const Precision by_fields[] = {Precision::kNone,  Precision::kYear,
                                        Precision::kMonth, Precision::kDay,
                                        Precision::kDay,   Precision::kMinute,
                                        Precision::kSecond};
  d.precision = by_fields[std::max(0, std::min(n, 6))];
  size_t t = s.find('T');
  if (t != std::string::npos) {
    size_t z = s.find_first_of("Z+-", t);
    if (z != std::string::npos) {
      if (s[z] == 'Z') {
        d.utc_offset_minutes = 0;
      } else {
        int hh = 0, mm = 0;
        sscanf(s.c_str() + z + 1, "%d:%d", &hh, &mm);
        d.utc_offset_minutes = (s[z] == '-' ? -1 : 1) * (hh * 60 + mm);
      }
    }
  }
  return d;
}

}  // namespace sitrep
