// Features are small strings hashed once ("w=said", "R|d3|that"); the side of the cue a
// token lies on is part of almost every role feature, since "X said Y" puts the source left
// and the content right while "Y, X said" turns both round.
#include "quotes/model.h"

#include <algorithm>
#include <cstdio>
#include <istream>
#include <ostream>
#include <random>

namespace sitrep::quotes {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

std::string Shape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size() && out.size() < 4;) {
    const auto c = static_cast<unsigned char>(s[i]);
    char k;
    size_t len = 1;
    if (c >= 'A' && c <= 'Z') k = 'X';
    else if (c >= 'a' && c <= 'z') k = 'x';
    else if (c >= '0' && c <= '9') k = 'd';
    else if (c < 0x80) k = char(c);
    else {
      len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      // Non-ASCII punctuation keeps its identity (quote marks, dashes); letters become 'u'.
      if (c == 0xE2 || c == 0xC2) {
        out += std::string(s.substr(i, len));
        i += len;
        continue;
      }
      k = 'u';
    }
    if (out.empty() || out.back() != k) out += k;
    i += len;
  }
  return out;
}

// +1 opening, -1 closing, 2 either (straight marks, decided by what is open), 0 none.
int MarkKind(std::string_view t) {
  if (t == "\"" || t == "'") return 2;
  if (t == "“" || t == "«" || t == "„" || t == "‘") return 1;
  if (t == "”" || t == "»" || t == "’") return -1;
  return 0;
}

// Quotation marks pair up within a paragraph; an opening mark never closed runs to the
// paragraph's end (the news convention for a quote that goes on in the next paragraph).
void MarkQuotations(std::vector<TokenInfo>& tokens, const Article& a) {
  int next_region = 0;
  size_t i = 0;
  while (i < tokens.size()) {
    size_t end = i;
    while (end < tokens.size() && tokens[end].paragraph == tokens[i].paragraph) ++end;
    int open = -1;           // token index of the open mark
    std::string open_text;   // its text
    for (size_t j = i; j < end; ++j) {
      std::string_view t = a.Text(tokens[j].span);
      int kind = MarkKind(t);
      if (kind == 0) continue;
      const bool single = t == "'" || t == "‘" || t == "’";
      if (kind == 2) kind = open >= 0 && open_text == t ? -1 : 1;
      if (single && kind == 1 && open >= 0) continue;  // apostrophes inside a quotation
      if (single && kind == -1 && (open < 0 || (open_text != "‘" && open_text != "'"))) continue;
      if (kind == 1 && open < 0) {
        open = int(j);
        open_text = std::string(t);
        tokens[j].quote_mark = 1;
      } else if (kind == -1 && open >= 0) {
        tokens[j].quote_mark = -1;
        for (size_t k = size_t(open); k <= j; ++k) tokens[k].region = next_region;
        ++next_region;
        open = -1;
      }
    }
    if (open >= 0) {
      for (size_t k = size_t(open); k < end; ++k) tokens[k].region = next_region;
      ++next_region;
    }
    i = end;
  }
}

const char* DistanceBucket(int d) {
  d = std::abs(d);
  static const char* kNear[] = {"0", "1", "2", "3", "4"};
  if (d <= 4) return kNear[d];
  if (d <= 7) return "5-7";
  if (d <= 12) return "8-12";
  if (d <= 20) return "13-20";
  if (d <= 40) return "21-40";
  return "41+";
}

// Builds hashed features from parts joined by '|'.
struct FeatureSink {
  Features& out;
  std::string buf;
  template <typename... Parts>
  void Add(const Parts&... parts) {
    buf.clear();
    ((buf += parts, buf += '|'), ...);
    out.push_back(HashFeature(buf));
  }
};

std::vector<std::vector<bool>> BioAllowed(int kinds) {
  // Tags: 0 = O, then (B, I) per kind. I of a kind follows B or I of that kind only.
  const int tags = 1 + 2 * kinds;
  std::vector<std::vector<bool>> allowed(tags + 1, std::vector<bool>(tags, true));
  for (int p = 0; p <= tags; ++p)
    for (int k = 0; k < kinds; ++k) {
      const int in = 2 + 2 * k;
      allowed[p][in] = p == in || p == in - 1;
    }
  return allowed;
}

}  // namespace

QuoteModel::QuoteModel() : cues(3, BioAllowed(1)), roles(5, BioAllowed(2)) {}

bool QuoteModel::Load(std::istream& in) { return cues.Load(in) && roles.Load(in); }
void QuoteModel::Save(std::ostream& out) const {
  cues.Save(out);
  roles.Save(out);
}

Span GoldAttribution::ContentHull() const {
  if (content.empty()) return {};
  return {content.front().begin, content.back().end};
}

ArticleView ViewOf(const Article& a) {
  ArticleView v;
  v.article = &a;
  v.tokens.reserve(a.tokens.size());
  size_t s = 0, p = 0;
  for (const Span& t : a.tokens) {
    while (s + 1 < a.sentences.size() && a.sentences[s].span.end <= t.begin) ++s;
    while (p + 1 < a.paragraphs.size() && a.paragraphs[p].end <= t.begin) ++p;
    std::string_view text = a.Text(t);
    v.tokens.push_back({t, Lower(text), Shape(text), uint32_t(s), uint32_t(p), 0, -1});
  }
  MarkQuotations(v.tokens, a);
  for (uint32_t i = 0; i < v.tokens.size();) {
    uint32_t j = i;
    while (j < v.tokens.size() && v.tokens[j].sentence == v.tokens[i].sentence) ++j;
    v.sentences.push_back({i, j});
    i = j;
  }
  return v;
}

std::vector<Features> CueFeatures(const ArticleView& v, uint32_t first, uint32_t last) {
  std::vector<Features> out(last - first);
  static const std::string kNone = "<none>";
  auto word = [&](int64_t i) -> const std::string& {
    return i < first || i >= last ? kNone : v.tokens[i].lower;
  };
  for (uint32_t i = first; i < last; ++i) {
    FeatureSink f{out[i - first], {}};
    const TokenInfo& t = v.tokens[i];
    const std::string& w = t.lower;
    f.Add("b");
    f.Add("w", w);
    f.Add("s3", w.size() > 3 ? w.substr(w.size() - 3) : w);
    f.Add("sh", t.shape);
    f.Add("p1", word(int64_t(i) - 1));
    f.Add("n1", word(i + 1));
    f.Add("p2", word(int64_t(i) - 2));
    f.Add("n2", word(i + 2));
    f.Add("p1w", word(int64_t(i) - 1), w);
    f.Add("wn1", w, word(i + 1));
    f.Add("wn2", w, word(i + 1), word(i + 2));
    f.Add("q", t.region >= 0 ? "in" : "out", t.quote_mark ? "mark" : "");
    f.Add("qw", t.region >= 0 ? "in" : "out", w);
    f.Add("pos", i == first ? "first" : i + 1 == last ? "last" : "mid");
    if (i > first) f.Add("psh", v.tokens[i - 1].shape, t.shape);
    if (i + 1 < last) f.Add("nsh", t.shape, v.tokens[i + 1].shape);
    // Quotation nearby: a quote that ends just before or starts just after the word.
    bool quote_left = false, quote_right = false;
    for (uint32_t k = i; k > first && k + 4 > i; --k) quote_left |= v.tokens[k - 1].quote_mark == -1;
    for (uint32_t k = i + 1; k < last && k < i + 4; ++k) quote_right |= v.tokens[k].quote_mark == 1;
    f.Add("ql", quote_left ? "y" : "n", quote_right ? "y" : "n");
    f.Add("qlw", quote_left ? "y" : "n", quote_right ? "y" : "n", w);
  }
  return out;
}

TokenRange RoleWindow(const ArticleView& v, TokenRange cue) {
  const uint32_t s = v.tokens[cue.begin].sentence;
  const uint32_t first_s = s > 0 ? s - 1 : 0;
  const uint32_t last_s = std::min<uint32_t>(s + 2, uint32_t(v.sentences.size()));
  TokenRange w{v.sentences[first_s].first, v.sentences[last_s - 1].second};
  // Long windows cost time and add nothing: keep 80 tokens each side of the cue at most.
  w.begin = std::max<int64_t>(w.begin, int64_t(cue.begin) - 80);
  w.end = std::min<uint32_t>(w.end, cue.end + 120);
  return w;
}

std::vector<Features> RoleFeatures(const ArticleView& v, TokenRange window, TokenRange cue,
                                   const std::vector<bool>& other_cue) {
  std::vector<Features> out(window.end - window.begin);
  std::string cue_words;
  for (uint32_t i = cue.begin; i < cue.end; ++i) cue_words += (i > cue.begin ? " " : "") + v.tokens[i].lower;
  const TokenInfo& cue_first = v.tokens[cue.begin];
  const int cue_region = cue_first.region;
  const std::string cue_next = cue.end < v.tokens.size() ? v.tokens[cue.end].lower : "<end>";
  const std::string cue_prev = cue.begin > 0 ? v.tokens[cue.begin - 1].lower : "<start>";
  // Commas and quote marks between each token and the cue, counted outward from it.
  std::vector<int> commas(out.size(), 0), marks(out.size(), 0);
  for (int64_t i = int64_t(cue.begin) - 1, c = 0, m = 0; i >= int64_t(window.begin); --i) {
    commas[i - window.begin] = int(c);
    marks[i - window.begin] = int(m);
    c += v.tokens[i].lower == ",";
    m += v.tokens[i].quote_mark != 0;
  }
  for (uint32_t i = cue.end, c = 0, m = 0; i < window.end; ++i) {
    c += v.tokens[i].lower == ",";
    m += v.tokens[i].quote_mark != 0;
    commas[i - window.begin] = int(c);
    marks[i - window.begin] = int(m);
  }
  static const std::string kNone = "<none>";
  for (uint32_t i = window.begin; i < window.end; ++i) {
    FeatureSink f{out[i - window.begin], {}};
    const TokenInfo& t = v.tokens[i];
    const bool inside = i >= cue.begin && i < cue.end;
    const int d = i < cue.begin ? int(i) - int(cue.begin) : inside ? 0 : int(i) - int(cue.end) + 1;
    const char* side = inside ? "C" : d < 0 ? "L" : "R";
    const char* db = DistanceBucket(d);
    const int sd = std::clamp(int(t.sentence) - int(cue_first.sentence), -2, 2);
    const std::string sds = std::to_string(sd);
    const std::string cm = std::to_string(std::min(commas[i - window.begin], 3));
    const std::string qm = std::to_string(std::min(marks[i - window.begin], 3));
    const char* q = t.region < 0 ? "out" : t.region == cue_region ? "same" : "in";
    const std::string& prev = i > window.begin ? v.tokens[i - 1].lower : kNone;
    const std::string& next = i + 1 < window.end ? v.tokens[i + 1].lower : kNone;
    f.Add("b");
    f.Add("side", side, db);
    f.Add("sd", side, sds);
    f.Add("w", side, t.lower);
    f.Add("sh", side, t.shape);
    f.Add("p1", side, prev);
    f.Add("n1", side, next);
    f.Add("cue", side, cue_words);
    f.Add("cued", side, cue_words, db);
    f.Add("cuen", side, cue_next);
    f.Add("cuep", side, cue_prev);
    f.Add("cuenw", side, cue_next, db);
    f.Add("cm", side, cm);
    f.Add("cmd", side, cm, db);
    f.Add("qm", side, qm, q);
    f.Add("q", side, q, sds);
    f.Add("qcue", side, q, cue_first.region >= 0 ? "cuein" : "cueout");
    f.Add("mark", side, t.quote_mark == 1 ? "open" : t.quote_mark == -1 ? "close" : "-");
    f.Add("oc", side, other_cue[i] ? "cue" : "-", db);
    f.Add("sdq", side, sds, qm, cm);
    if (std::abs(d) <= 3) f.Add("wd", side, t.lower, db);
    f.Add("first", side, i == v.sentences[t.sentence].first ? "y" : "n", sds);
    f.Add("last", side, i + 1 == v.sentences[t.sentence].second ? "y" : "n", sds);
    f.Add("para", side, t.paragraph == cue_first.paragraph ? "same" : "other");
  }
  return out;
}

namespace {

std::vector<TokenRange> Chunks(const std::vector<int>& tags, int begin_tag, uint32_t offset) {
  std::vector<TokenRange> out;
  for (uint32_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == begin_tag) out.push_back({offset + i, offset + i + 1});
    else if (tags[i] == begin_tag + 1 && !out.empty() && out.back().end == offset + i) out.back().end++;
  }
  return out;
}

}  // namespace

std::vector<TokenRange> FindCues(const QuoteModel& m, const ArticleView& v) {
  std::vector<TokenRange> out;
  for (auto [first, last] : v.sentences) {
    auto tags = m.cues.Decode(CueFeatures(v, first, last));
    for (TokenRange r : Chunks(tags, kCueBegin, first)) out.push_back(r);
  }
  return out;
}

std::vector<TokenAttribution> FindTokenAttributions(const QuoteModel& m, const ArticleView& v) {
  std::vector<TokenAttribution> out;
  const auto cues = FindCues(m, v);
  std::vector<bool> cue_token(v.tokens.size(), false);
  for (TokenRange c : cues)
    for (uint32_t i = c.begin; i < c.end; ++i) cue_token[i] = true;
  for (TokenRange c : cues) {
    const TokenRange w = RoleWindow(v, c);
    std::vector<bool> other = cue_token;
    for (uint32_t i = c.begin; i < c.end; ++i) other[i] = false;
    auto tags = m.roles.Decode(RoleFeatures(v, w, c, other));
    TokenAttribution a;
    a.cue = c;
    a.content = Chunks(tags, kContentBegin, w.begin);
    if (a.content.empty()) continue;
    // The source: the chunk nearest the cue when the tagger marks more than one.
    auto sources = Chunks(tags, kSourceBegin, w.begin);
    int64_t best = -1;
    for (TokenRange s : sources) {
      int64_t gap = s.end <= c.begin ? c.begin - s.end : s.begin - c.end;
      if (best < 0 || gap < best) best = gap, a.source = s;
    }
    out.push_back(std::move(a));
  }
  return out;
}

// ---- training ----

namespace {

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// Tokens mostly covered by the span (so a mark glued to a word does not count).
TokenRange TokensOf(const ArticleView& v, Span s) {
  TokenRange r{uint32_t(v.tokens.size()), 0};
  for (uint32_t i = 0; i < v.tokens.size(); ++i) {
    if (!Overlaps(v.tokens[i].span, s)) continue;
    r.begin = std::min(r.begin, i);
    r.end = i + 1;
  }
  if (r.empty()) return {0, 0};
  return r;
}

struct RoleExample {
  std::vector<Features> features;
  std::vector<int> tags;
};

}  // namespace

QuoteModel Train(const std::vector<GoldDocument>& docs, int epochs) {
  QuoteModel m;
  std::vector<RoleExample> cue_examples, role_examples;
  size_t content_tokens = 0, content_lost = 0;
  for (const GoldDocument& d : docs) {
    const ArticleView v = ViewOf(d.article);
    std::vector<int> cue_tags(v.tokens.size(), kCueOut);
    std::vector<TokenRange> cues;
    std::vector<bool> cue_token(v.tokens.size(), false);
    for (const auto& g : d.attributions) {
      TokenRange c = TokensOf(v, g.cue);
      cues.push_back(c);
      if (c.empty()) continue;
      for (uint32_t i = c.begin; i < c.end; ++i) cue_tags[i] = i == c.begin ? kCueBegin : kCueIn, cue_token[i] = true;
    }
    for (auto [first, last] : v.sentences)
      cue_examples.push_back({CueFeatures(v, first, last),
                              std::vector<int>(cue_tags.begin() + first, cue_tags.begin() + last)});
    for (size_t a = 0; a < d.attributions.size(); ++a) {
      const TokenRange c = cues[a];
      if (c.empty()) continue;
      const GoldAttribution& g = d.attributions[a];
      const TokenRange w = RoleWindow(v, c);
      std::vector<int> tags(w.end - w.begin, kOut);
      auto mark = [&](Span s, int begin_tag) {
        TokenRange r = TokensOf(v, s);
        for (uint32_t i = r.begin; i < r.end; ++i) {
          if (begin_tag == kContentBegin) ++content_tokens;
          if (i < w.begin || i >= w.end) {
            content_lost += begin_tag == kContentBegin;
            continue;
          }
          if (i >= c.begin && i < c.end) continue;
          const bool starts = i == r.begin || i == w.begin || tags[i - w.begin - 1] != begin_tag + 1 && tags[i - w.begin - 1] != begin_tag;
          tags[i - w.begin] = starts ? begin_tag : begin_tag + 1;
        }
      };
      if (g.source.size()) mark(g.source, kSourceBegin);
      for (Span s : g.content) mark(s, kContentBegin);
      std::vector<bool> other = cue_token;
      for (uint32_t i = c.begin; i < c.end; ++i) other[i] = false;
      role_examples.push_back({RoleFeatures(v, w, c, other), std::move(tags)});
    }
  }
  std::fprintf(stderr, "quotes: %zu sentences, %zu cues; %.1f%% of content tokens lie outside the window\n",
               cue_examples.size(), role_examples.size(),
               content_tokens ? 100.0 * content_lost / content_tokens : 0.0);
  std::mt19937 rng(7);
  for (int e = 0; e < epochs; ++e) {
    std::shuffle(cue_examples.begin(), cue_examples.end(), rng);
    std::shuffle(role_examples.begin(), role_examples.end(), rng);
    size_t cue_wrong = 0, role_wrong = 0;
    for (const auto& x : cue_examples) cue_wrong += m.cues.Learn(x.features, x.tags);
    for (const auto& x : role_examples) role_wrong += m.roles.Learn(x.features, x.tags);
    std::fprintf(stderr, "quotes: epoch %d: %zu/%zu sentences and %zu/%zu windows wrong\n", e + 1,
                 cue_wrong, cue_examples.size(), role_wrong, role_examples.size());
  }
  m.cues.Average();
  m.roles.Average();
  std::fprintf(stderr, "quotes: %zu cue and %zu role features kept\n", m.cues.size(), m.roles.size());
  return m;
}

}  // namespace sitrep::quotes
